from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.password_reset_confirmation import PasswordResetConfirmation
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PasswordResetConfirmation,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/residents/password-resets/confirm",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemBody | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
    body: PasswordResetConfirmation,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Set a new password.

     Takes the `token` of a reset link (single use, 1 hour): the password is replaced, every login of
    the resident ends (refresh tokens and access tokens alike), and the account's other reset links stop
    working. A used, expired or unknown token is a 422 on `token`.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetConfirmation): A new password with the token of a reset link. Example:
            {'new_password': 'another long passphrase', 'token': 'q3Jx…'}.

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
    body: PasswordResetConfirmation,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Set a new password.

     Takes the `token` of a reset link (single use, 1 hour): the password is replaced, every login of
    the resident ends (refresh tokens and access tokens alike), and the account's other reset links stop
    working. A used, expired or unknown token is a 422 on `token`.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetConfirmation): A new password with the token of a reset link. Example:
            {'new_password': 'another long passphrase', 'token': 'q3Jx…'}.

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
    body: PasswordResetConfirmation,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Set a new password.

     Takes the `token` of a reset link (single use, 1 hour): the password is replaced, every login of
    the resident ends (refresh tokens and access tokens alike), and the account's other reset links stop
    working. A used, expired or unknown token is a 422 on `token`.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetConfirmation): A new password with the token of a reset link. Example:
            {'new_password': 'another long passphrase', 'token': 'q3Jx…'}.

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
    body: PasswordResetConfirmation,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Set a new password.

     Takes the `token` of a reset link (single use, 1 hour): the password is replaced, every login of
    the resident ends (refresh tokens and access tokens alike), and the account's other reset links stop
    working. A used, expired or unknown token is a 422 on `token`.

    Args:
        idempotency_key (str | Unset):
        body (PasswordResetConfirmation): A new password with the token of a reset link. Example:
            {'new_password': 'another long passphrase', 'token': 'q3Jx…'}.

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
