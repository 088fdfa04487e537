from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.app_response import AppResponse
from ...models.new_app_request import NewAppRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: NewAppRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/apps",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppResponse | ProblemBody | None:
    if response.status_code == 201:
        response_201 = AppResponse.from_dict(response.json())

        return response_201

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
) -> Response[AppResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewAppRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppResponse | ProblemBody]:
    """Register an app.

     A third-party app that will act for residents with their consent (OAuth 2.1 authorization code with
    PKCE). A confidential app's `client_secret` is in this answer only.

    Args:
        idempotency_key (str | Unset):
        body (NewAppRequest): An app to register. Example: {'name': 'Мой дом', 'redirect_uris':
            ['ru.example.myhome:/oauth'], 'type': 'public'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppResponse | ProblemBody]
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
    body: NewAppRequest,
    idempotency_key: str | Unset = UNSET,
) -> AppResponse | ProblemBody | None:
    """Register an app.

     A third-party app that will act for residents with their consent (OAuth 2.1 authorization code with
    PKCE). A confidential app's `client_secret` is in this answer only.

    Args:
        idempotency_key (str | Unset):
        body (NewAppRequest): An app to register. Example: {'name': 'Мой дом', 'redirect_uris':
            ['ru.example.myhome:/oauth'], 'type': 'public'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppResponse | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewAppRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppResponse | ProblemBody]:
    """Register an app.

     A third-party app that will act for residents with their consent (OAuth 2.1 authorization code with
    PKCE). A confidential app's `client_secret` is in this answer only.

    Args:
        idempotency_key (str | Unset):
        body (NewAppRequest): An app to register. Example: {'name': 'Мой дом', 'redirect_uris':
            ['ru.example.myhome:/oauth'], 'type': 'public'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppResponse | ProblemBody]
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
    body: NewAppRequest,
    idempotency_key: str | Unset = UNSET,
) -> AppResponse | ProblemBody | None:
    """Register an app.

     A third-party app that will act for residents with their consent (OAuth 2.1 authorization code with
    PKCE). A confidential app's `client_secret` is in this answer only.

    Args:
        idempotency_key (str | Unset):
        body (NewAppRequest): An app to register. Example: {'name': 'Мой дом', 'redirect_uris':
            ['ru.example.myhome:/oauth'], 'type': 'public'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
