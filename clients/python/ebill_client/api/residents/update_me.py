from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.update_me_request import UpdateMeRequest
from ...models.update_me_response import UpdateMeResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UpdateMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | UpdateMeResponse | None:
    if response.status_code == 200:
        response_200 = UpdateMeResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = UpdateMeResponse.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ProblemBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemBody.from_dict(response.json())

        return response_403

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
) -> Response[ProblemBody | UpdateMeResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UpdateMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | UpdateMeResponse]:
    """Update the own profile.

     A new email, phone or password needs `current_password` (422 without, or when it is wrong). A new
    email is confirmed by its link before it replaces the old one, and the old address is told; a new
    phone is confirmed by an SMS code sent to it before it is used (202 with that verification), and
    the email is told; a new password ends every other login.

    Args:
        idempotency_key (str | Unset):
        body (UpdateMeRequest): Changes to the profile; absent fields stay, `name: null` clears
            the name. Example: {'current_password': 'correct horse battery', 'phone': '+7 913
            765-43-21'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | UpdateMeResponse]
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
    client: AuthenticatedClient,
    body: UpdateMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | UpdateMeResponse | None:
    """Update the own profile.

     A new email, phone or password needs `current_password` (422 without, or when it is wrong). A new
    email is confirmed by its link before it replaces the old one, and the old address is told; a new
    phone is confirmed by an SMS code sent to it before it is used (202 with that verification), and
    the email is told; a new password ends every other login.

    Args:
        idempotency_key (str | Unset):
        body (UpdateMeRequest): Changes to the profile; absent fields stay, `name: null` clears
            the name. Example: {'current_password': 'correct horse battery', 'phone': '+7 913
            765-43-21'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | UpdateMeResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UpdateMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | UpdateMeResponse]:
    """Update the own profile.

     A new email, phone or password needs `current_password` (422 without, or when it is wrong). A new
    email is confirmed by its link before it replaces the old one, and the old address is told; a new
    phone is confirmed by an SMS code sent to it before it is used (202 with that verification), and
    the email is told; a new password ends every other login.

    Args:
        idempotency_key (str | Unset):
        body (UpdateMeRequest): Changes to the profile; absent fields stay, `name: null` clears
            the name. Example: {'current_password': 'correct horse battery', 'phone': '+7 913
            765-43-21'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | UpdateMeResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UpdateMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | UpdateMeResponse | None:
    """Update the own profile.

     A new email, phone or password needs `current_password` (422 without, or when it is wrong). A new
    email is confirmed by its link before it replaces the old one, and the old address is told; a new
    phone is confirmed by an SMS code sent to it before it is used (202 with that verification), and
    the email is told; a new password ends every other login.

    Args:
        idempotency_key (str | Unset):
        body (UpdateMeRequest): Changes to the profile; absent fields stay, `name: null` clears
            the name. Example: {'current_password': 'correct horse battery', 'phone': '+7 913
            765-43-21'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | UpdateMeResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
