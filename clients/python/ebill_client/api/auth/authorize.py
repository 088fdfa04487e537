from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.authorize_code_challenge_method import AuthorizeCodeChallengeMethod
from ...models.authorize_response_type import AuthorizeResponseType
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    response_type: AuthorizeResponseType,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str | Unset = UNSET,
    code_challenge: str,
    code_challenge_method: AuthorizeCodeChallengeMethod,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_response_type = response_type.value
    params["response_type"] = json_response_type

    params["client_id"] = client_id

    params["redirect_uri"] = redirect_uri

    params["scope"] = scope

    params["state"] = state

    params["code_challenge"] = code_challenge

    json_code_challenge_method = code_challenge_method.value
    params["code_challenge_method"] = json_code_challenge_method

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/oauth/authorize",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemBody | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

    if response.status_code == 400:
        response_400 = ProblemBody.from_dict(response.json())

        return response_400

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
) -> Response[Any | ProblemBody | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    response_type: AuthorizeResponseType,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str | Unset = UNSET,
    code_challenge: str,
    code_challenge_method: AuthorizeCodeChallengeMethod,
) -> Response[Any | ProblemBody | str]:
    """Ask a resident to let an app act for them.

     OAuth 2.1 authorization endpoint (authorization code with PKCE S256 only). An HTML page, not JSON:
    the cabinet's login when the browser is not signed in, then a consent page naming the app and each
    scope; «Разрешить» redirects to `redirect_uri` with `code` (single use, 60 s), `state` and `iss`,
    «Отказать» with `error=access_denied`. Errors go to the redirect URI the OAuth way, except for an
    unknown or suspended client and a redirect URI it did not register: those are shown on a page.

    Args:
        response_type (AuthorizeResponseType): The only response type: an authorization code.
        client_id (str):
        redirect_uri (str):
        scope (str):
        state (str | Unset):
        code_challenge (str):
        code_challenge_method (AuthorizeCodeChallengeMethod): The only PKCE method: SHA-256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    response_type: AuthorizeResponseType,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str | Unset = UNSET,
    code_challenge: str,
    code_challenge_method: AuthorizeCodeChallengeMethod,
) -> Any | ProblemBody | str | None:
    """Ask a resident to let an app act for them.

     OAuth 2.1 authorization endpoint (authorization code with PKCE S256 only). An HTML page, not JSON:
    the cabinet's login when the browser is not signed in, then a consent page naming the app and each
    scope; «Разрешить» redirects to `redirect_uri` with `code` (single use, 60 s), `state` and `iss`,
    «Отказать» with `error=access_denied`. Errors go to the redirect URI the OAuth way, except for an
    unknown or suspended client and a redirect URI it did not register: those are shown on a page.

    Args:
        response_type (AuthorizeResponseType): The only response type: an authorization code.
        client_id (str):
        redirect_uri (str):
        scope (str):
        state (str | Unset):
        code_challenge (str):
        code_challenge_method (AuthorizeCodeChallengeMethod): The only PKCE method: SHA-256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody | str
    """

    return sync_detailed(
        client=client,
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    response_type: AuthorizeResponseType,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str | Unset = UNSET,
    code_challenge: str,
    code_challenge_method: AuthorizeCodeChallengeMethod,
) -> Response[Any | ProblemBody | str]:
    """Ask a resident to let an app act for them.

     OAuth 2.1 authorization endpoint (authorization code with PKCE S256 only). An HTML page, not JSON:
    the cabinet's login when the browser is not signed in, then a consent page naming the app and each
    scope; «Разрешить» redirects to `redirect_uri` with `code` (single use, 60 s), `state` and `iss`,
    «Отказать» with `error=access_denied`. Errors go to the redirect URI the OAuth way, except for an
    unknown or suspended client and a redirect URI it did not register: those are shown on a page.

    Args:
        response_type (AuthorizeResponseType): The only response type: an authorization code.
        client_id (str):
        redirect_uri (str):
        scope (str):
        state (str | Unset):
        code_challenge (str):
        code_challenge_method (AuthorizeCodeChallengeMethod): The only PKCE method: SHA-256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    response_type: AuthorizeResponseType,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str | Unset = UNSET,
    code_challenge: str,
    code_challenge_method: AuthorizeCodeChallengeMethod,
) -> Any | ProblemBody | str | None:
    """Ask a resident to let an app act for them.

     OAuth 2.1 authorization endpoint (authorization code with PKCE S256 only). An HTML page, not JSON:
    the cabinet's login when the browser is not signed in, then a consent page naming the app and each
    scope; «Разрешить» redirects to `redirect_uri` with `code` (single use, 60 s), `state` and `iss`,
    «Отказать» with `error=access_denied`. Errors go to the redirect URI the OAuth way, except for an
    unknown or suspended client and a redirect URI it did not register: those are shown on a page.

    Args:
        response_type (AuthorizeResponseType): The only response type: an authorization code.
        client_id (str):
        redirect_uri (str):
        scope (str):
        state (str | Unset):
        code_challenge (str):
        code_challenge_method (AuthorizeCodeChallengeMethod): The only PKCE method: SHA-256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody | str
    """

    return (
        await asyncio_detailed(
            client=client,
            response_type=response_type,
            client_id=client_id,
            redirect_uri=redirect_uri,
            scope=scope,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
        )
    ).parsed
