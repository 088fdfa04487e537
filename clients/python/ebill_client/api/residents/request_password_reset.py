from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.password_reset_request import PasswordResetRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PasswordResetRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/residents/password-resets",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemBody | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Ask for a password reset link.

     Emails a single-use link (`/password-reset?token=…`, valid 1 hour) if a resident has this email;
    answers 202 alike whether or not one does. Rate limited per IP (10 an hour), and at most 3 links an
    hour reach one account.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetRequest): Who forgot the password. Example: {'email':
            'ivanova@example.org'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody]
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
    body: PasswordResetRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Ask for a password reset link.

     Emails a single-use link (`/password-reset?token=…`, valid 1 hour) if a resident has this email;
    answers 202 alike whether or not one does. Rate limited per IP (10 an hour), and at most 3 links an
    hour reach one account.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetRequest): Who forgot the password. Example: {'email':
            'ivanova@example.org'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Ask for a password reset link.

     Emails a single-use link (`/password-reset?token=…`, valid 1 hour) if a resident has this email;
    answers 202 alike whether or not one does. Rate limited per IP (10 an hour), and at most 3 links an
    hour reach one account.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetRequest): Who forgot the password. Example: {'email':
            'ivanova@example.org'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody]
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
    body: PasswordResetRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Ask for a password reset link.

     Emails a single-use link (`/password-reset?token=…`, valid 1 hour) if a resident has this email;
    answers 202 alike whether or not one does. Rate limited per IP (10 an hour), and at most 3 links an
    hour reach one account.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetRequest): Who forgot the password. Example: {'email':
            'ivanova@example.org'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
