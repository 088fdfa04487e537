from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/oauth/token",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemBody.from_dict(response.json())

        return response_401

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
) -> Response[ProblemBody | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[ProblemBody | TokenResponse]:
    """Issue an access token.

     OAuth 2 token endpoint. `client_credentials` (providers; only an active provider gets a token),
    `password` (first-party logins of residents and operators, unless `EBILL_PASSWORD_GRANT=off`; never
    an app's `client_id`; also returns a refresh token), `authorization_code` (apps: the code of the
    consent page with its PKCE `code_verifier`; a code used twice revokes what it gave) and
    `refresh_token` (rotates: the old refresh token stops working, and presenting it again revokes every
    token of that login; an app's only with its `client_id`). Access tokens are EdDSA JWTs of the keys
    at `/.well-known/jwks.json` and live 10 minutes. Rate limited per IP.

    Args:
        body (TokenRequest): A token request (RFC 6749), as `application/x-www-form-urlencoded` or
            JSON. Example: {'client_id': 'cli_x1Yz…', 'client_secret': 'sk_…', 'grant_type':
            'client_credentials'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> ProblemBody | TokenResponse | None:
    """Issue an access token.

     OAuth 2 token endpoint. `client_credentials` (providers; only an active provider gets a token),
    `password` (first-party logins of residents and operators, unless `EBILL_PASSWORD_GRANT=off`; never
    an app's `client_id`; also returns a refresh token), `authorization_code` (apps: the code of the
    consent page with its PKCE `code_verifier`; a code used twice revokes what it gave) and
    `refresh_token` (rotates: the old refresh token stops working, and presenting it again revokes every
    token of that login; an app's only with its `client_id`). Access tokens are EdDSA JWTs of the keys
    at `/.well-known/jwks.json` and live 10 minutes. Rate limited per IP.

    Args:
        body (TokenRequest): A token request (RFC 6749), as `application/x-www-form-urlencoded` or
            JSON. Example: {'client_id': 'cli_x1Yz…', 'client_secret': 'sk_…', 'grant_type':
            'client_credentials'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[ProblemBody | TokenResponse]:
    """Issue an access token.

     OAuth 2 token endpoint. `client_credentials` (providers; only an active provider gets a token),
    `password` (first-party logins of residents and operators, unless `EBILL_PASSWORD_GRANT=off`; never
    an app's `client_id`; also returns a refresh token), `authorization_code` (apps: the code of the
    consent page with its PKCE `code_verifier`; a code used twice revokes what it gave) and
    `refresh_token` (rotates: the old refresh token stops working, and presenting it again revokes every
    token of that login; an app's only with its `client_id`). Access tokens are EdDSA JWTs of the keys
    at `/.well-known/jwks.json` and live 10 minutes. Rate limited per IP.

    Args:
        body (TokenRequest): A token request (RFC 6749), as `application/x-www-form-urlencoded` or
            JSON. Example: {'client_id': 'cli_x1Yz…', 'client_secret': 'sk_…', 'grant_type':
            'client_credentials'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> ProblemBody | TokenResponse | None:
    """Issue an access token.

     OAuth 2 token endpoint. `client_credentials` (providers; only an active provider gets a token),
    `password` (first-party logins of residents and operators, unless `EBILL_PASSWORD_GRANT=off`; never
    an app's `client_id`; also returns a refresh token), `authorization_code` (apps: the code of the
    consent page with its PKCE `code_verifier`; a code used twice revokes what it gave) and
    `refresh_token` (rotates: the old refresh token stops working, and presenting it again revokes every
    token of that login; an app's only with its `client_id`). Access tokens are EdDSA JWTs of the keys
    at `/.well-known/jwks.json` and live 10 minutes. Rate limited per IP.

    Args:
        body (TokenRequest): A token request (RFC 6749), as `application/x-www-form-urlencoded` or
            JSON. Example: {'client_id': 'cli_x1Yz…', 'client_secret': 'sk_…', 'grant_type':
            'client_credentials'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
