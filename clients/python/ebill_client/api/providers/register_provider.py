from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_provider_request import CreateProviderRequest
from ...models.problem_body import ProblemBody
from ...models.provider_registered import ProviderRegistered
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateProviderRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/providers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | ProviderRegistered | None:
    if response.status_code == 201:
        response_201 = ProviderRegistered.from_dict(response.json())

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
) -> Response[ProblemBody | ProviderRegistered]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateProviderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | ProviderRegistered]:
    """Register a provider.

     Self-registration of a resource provider. INN, KPP, OGRN, BIK and both accounts are checked with
    their real check rules. The provider stays `pending` (no tokens) until an operator approves it.
    The `client_secret` is shown once. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (CreateProviderRequest): A provider's self-registration. Example: {'bank':
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account':
            '30101810400000000225', 'name': 'ПАО Сбербанк'}, 'email': 'billing@vodokanal.example',
            'inn': '1901067718', 'kpp': '190101001', 'name': 'МУП «Водоканал»', 'ogrn':
            '1021900521224', 'phone': '+7 3902 22-33-44', 'webhook_url':
            'https://billing.vodokanal.example/ebill/events'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | ProviderRegistered]
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
    body: CreateProviderRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | ProviderRegistered | None:
    """Register a provider.

     Self-registration of a resource provider. INN, KPP, OGRN, BIK and both accounts are checked with
    their real check rules. The provider stays `pending` (no tokens) until an operator approves it.
    The `client_secret` is shown once. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (CreateProviderRequest): A provider's self-registration. Example: {'bank':
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account':
            '30101810400000000225', 'name': 'ПАО Сбербанк'}, 'email': 'billing@vodokanal.example',
            'inn': '1901067718', 'kpp': '190101001', 'name': 'МУП «Водоканал»', 'ogrn':
            '1021900521224', 'phone': '+7 3902 22-33-44', 'webhook_url':
            'https://billing.vodokanal.example/ebill/events'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | ProviderRegistered
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateProviderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | ProviderRegistered]:
    """Register a provider.

     Self-registration of a resource provider. INN, KPP, OGRN, BIK and both accounts are checked with
    their real check rules. The provider stays `pending` (no tokens) until an operator approves it.
    The `client_secret` is shown once. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (CreateProviderRequest): A provider's self-registration. Example: {'bank':
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account':
            '30101810400000000225', 'name': 'ПАО Сбербанк'}, 'email': 'billing@vodokanal.example',
            'inn': '1901067718', 'kpp': '190101001', 'name': 'МУП «Водоканал»', 'ogrn':
            '1021900521224', 'phone': '+7 3902 22-33-44', 'webhook_url':
            'https://billing.vodokanal.example/ebill/events'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | ProviderRegistered]
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
    body: CreateProviderRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | ProviderRegistered | None:
    """Register a provider.

     Self-registration of a resource provider. INN, KPP, OGRN, BIK and both accounts are checked with
    their real check rules. The provider stays `pending` (no tokens) until an operator approves it.
    The `client_secret` is shown once. Rate limited per IP (20 an hour).

    Args:
        idempotency_key (str | Unset):
        body (CreateProviderRequest): A provider's self-registration. Example: {'bank':
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account':
            '30101810400000000225', 'name': 'ПАО Сбербанк'}, 'email': 'billing@vodokanal.example',
            'inn': '1901067718', 'kpp': '190101001', 'name': 'МУП «Водоканал»', 'ogrn':
            '1021900521224', 'phone': '+7 3902 22-33-44', 'webhook_url':
            'https://billing.vodokanal.example/ebill/events'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | ProviderRegistered
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
