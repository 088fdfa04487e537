from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.register_resident_request import RegisterResidentRequest
from ...models.resident_response import ResidentResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RegisterResidentRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/residents",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | ResidentResponse | None:
    if response.status_code == 201:
        response_201 = ResidentResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemBody.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = ProblemBody.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ProblemBody.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ProblemBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemBody.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ProblemBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemBody | ResidentResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterResidentRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | ResidentResponse]:
    """Register a resident.

     Creates a resident's cabinet and emails a confirmation link ending in `?token=…`. The phone is a
    Russian mobile number (stored in E.164); the password has at least 10 characters; `consent.version`
    names the consent text in force (422 otherwise), recorded with the time. An email that is already
    registered answers 409. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (RegisterResidentRequest): A resident's registration. Example: {'consent':
            {'version': '2026-12-01'}, 'email': 'ivanova@example.org', 'name': 'Анна Иванова',
            'password': 'correct horse battery', 'phone': '+7 913 123-45-67'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | ResidentResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterResidentRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | ResidentResponse | None:
    """Register a resident.

     Creates a resident's cabinet and emails a confirmation link ending in `?token=…`. The phone is a
    Russian mobile number (stored in E.164); the password has at least 10 characters; `consent.version`
    names the consent text in force (422 otherwise), recorded with the time. An email that is already
    registered answers 409. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (RegisterResidentRequest): A resident's registration. Example: {'consent':
            {'version': '2026-12-01'}, 'email': 'ivanova@example.org', 'name': 'Анна Иванова',
            'password': 'correct horse battery', 'phone': '+7 913 123-45-67'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | ResidentResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterResidentRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | ResidentResponse]:
    """Register a resident.

     Creates a resident's cabinet and emails a confirmation link ending in `?token=…`. The phone is a
    Russian mobile number (stored in E.164); the password has at least 10 characters; `consent.version`
    names the consent text in force (422 otherwise), recorded with the time. An email that is already
    registered answers 409. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (RegisterResidentRequest): A resident's registration. Example: {'consent':
            {'version': '2026-12-01'}, 'email': 'ivanova@example.org', 'name': 'Анна Иванова',
            'password': 'correct horse battery', 'phone': '+7 913 123-45-67'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | ResidentResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterResidentRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | ResidentResponse | None:
    """Register a resident.

     Creates a resident's cabinet and emails a confirmation link ending in `?token=…`. The phone is a
    Russian mobile number (stored in E.164); the password has at least 10 characters; `consent.version`
    names the consent text in force (422 otherwise), recorded with the time. An email that is already
    registered answers 409. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (RegisterResidentRequest): A resident's registration. Example: {'consent':
            {'version': '2026-12-01'}, 'email': 'ivanova@example.org', 'name': 'Анна Иванова',
            'password': 'correct horse battery', 'phone': '+7 913 123-45-67'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | ResidentResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
