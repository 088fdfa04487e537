from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.edoc_request import EdocRequest
from ...models.edoc_response import EdocResponse
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EdocRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/providers/me/edoc",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EdocResponse | ProblemBody | None:
    if response.status_code == 200:
        response_200 = EdocResponse.from_dict(response.json())

        return response_200

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

    if response.status_code == 503:
        response_503 = ProblemBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EdocResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EdocRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[EdocResponse | ProblemBody]:
    """Declare e-document capability.

     Registers (or withdraws) the provider's capability to deliver its charges electronically, from a
    period on. Every declaration is kept; the billing run of a period uses the latest declaration whose
    `since` is not after that period. A period already closed by its billing run cannot be changed
    (409).

    Args:
        idempotency_key (str | Unset):
        body (EdocRequest): A declaration of e-document capability. Example: {'edoc_capable':
            True, 'since': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EdocResponse | ProblemBody]
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
    body: EdocRequest,
    idempotency_key: str | Unset = UNSET,
) -> EdocResponse | ProblemBody | None:
    """Declare e-document capability.

     Registers (or withdraws) the provider's capability to deliver its charges electronically, from a
    period on. Every declaration is kept; the billing run of a period uses the latest declaration whose
    `since` is not after that period. A period already closed by its billing run cannot be changed
    (409).

    Args:
        idempotency_key (str | Unset):
        body (EdocRequest): A declaration of e-document capability. Example: {'edoc_capable':
            True, 'since': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EdocResponse | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EdocRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[EdocResponse | ProblemBody]:
    """Declare e-document capability.

     Registers (or withdraws) the provider's capability to deliver its charges electronically, from a
    period on. Every declaration is kept; the billing run of a period uses the latest declaration whose
    `since` is not after that period. A period already closed by its billing run cannot be changed
    (409).

    Args:
        idempotency_key (str | Unset):
        body (EdocRequest): A declaration of e-document capability. Example: {'edoc_capable':
            True, 'since': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EdocResponse | ProblemBody]
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
    body: EdocRequest,
    idempotency_key: str | Unset = UNSET,
) -> EdocResponse | ProblemBody | None:
    """Declare e-document capability.

     Registers (or withdraws) the provider's capability to deliver its charges electronically, from a
    period on. Every declaration is kept; the billing run of a period uses the latest declaration whose
    `since` is not after that period. A period already closed by its billing run cannot be changed
    (409).

    Args:
        idempotency_key (str | Unset):
        body (EdocRequest): A declaration of e-document capability. Example: {'edoc_capable':
            True, 'since': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EdocResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
