from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.put_accounts_request import PutAccountsRequest
from ...models.put_accounts_response import PutAccountsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PutAccountsRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["validate_only"] = validate_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/providers/me/accounts",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | PutAccountsResponse | None:
    if response.status_code == 200:
        response_200 = PutAccountsResponse.from_dict(response.json())

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
) -> Response[ProblemBody | PutAccountsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PutAccountsRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | PutAccountsResponse]:
    """Upload accounts.

     Creates or updates up to 10,000 of the provider's accounts in one transaction (all or nothing).
    Each address is normalised and matched to a premises; a premises that does not exist yet is
    created with a new payer code. Sending an account again updates it; a changed address moves the
    account to another premises, and the move is kept in an audit trail (and flagged in `warnings`).
    With `validate_only=true` the upload is rehearsed: every rule runs, nothing is stored, and the
    answer is 200 with the would-be counts, `warnings` and the failing accounts in `errors`.

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PutAccountsRequest): Accounts to create or update (at most 10,000). Example:
            {'accounts': [{'address': {'apartment': '5', 'city': 'Абакан', 'house': '12', 'street':
            'ул. Ленина'}, 'holder': 'Иванов И. И.', 'number': '1001234'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | PutAccountsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PutAccountsRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | PutAccountsResponse | None:
    """Upload accounts.

     Creates or updates up to 10,000 of the provider's accounts in one transaction (all or nothing).
    Each address is normalised and matched to a premises; a premises that does not exist yet is
    created with a new payer code. Sending an account again updates it; a changed address moves the
    account to another premises, and the move is kept in an audit trail (and flagged in `warnings`).
    With `validate_only=true` the upload is rehearsed: every rule runs, nothing is stored, and the
    answer is 200 with the would-be counts, `warnings` and the failing accounts in `errors`.

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PutAccountsRequest): Accounts to create or update (at most 10,000). Example:
            {'accounts': [{'address': {'apartment': '5', 'city': 'Абакан', 'house': '12', 'street':
            'ул. Ленина'}, 'holder': 'Иванов И. И.', 'number': '1001234'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | PutAccountsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PutAccountsRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | PutAccountsResponse]:
    """Upload accounts.

     Creates or updates up to 10,000 of the provider's accounts in one transaction (all or nothing).
    Each address is normalised and matched to a premises; a premises that does not exist yet is
    created with a new payer code. Sending an account again updates it; a changed address moves the
    account to another premises, and the move is kept in an audit trail (and flagged in `warnings`).
    With `validate_only=true` the upload is rehearsed: every rule runs, nothing is stored, and the
    answer is 200 with the would-be counts, `warnings` and the failing accounts in `errors`.

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PutAccountsRequest): Accounts to create or update (at most 10,000). Example:
            {'accounts': [{'address': {'apartment': '5', 'city': 'Абакан', 'house': '12', 'street':
            'ул. Ленина'}, 'holder': 'Иванов И. И.', 'number': '1001234'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | PutAccountsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PutAccountsRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | PutAccountsResponse | None:
    """Upload accounts.

     Creates or updates up to 10,000 of the provider's accounts in one transaction (all or nothing).
    Each address is normalised and matched to a premises; a premises that does not exist yet is
    created with a new payer code. Sending an account again updates it; a changed address moves the
    account to another premises, and the move is kept in an audit trail (and flagged in `warnings`).
    With `validate_only=true` the upload is rehearsed: every rule runs, nothing is stored, and the
    answer is 200 with the would-be counts, `warnings` and the failing accounts in `errors`.

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PutAccountsRequest): Accounts to create or update (at most 10,000). Example:
            {'accounts': [{'address': {'apartment': '5', 'city': 'Абакан', 'house': '12', 'street':
            'ул. Ленина'}, 'holder': 'Иванов И. И.', 'number': '1001234'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | PutAccountsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            validate_only=validate_only,
            idempotency_key=idempotency_key,
        )
    ).parsed
