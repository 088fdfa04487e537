from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.address_response import AddressResponse
from ...models.link_address_request import LinkAddressRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: LinkAddressRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/addresses",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddressResponse | ProblemBody | None:
    if response.status_code == 201:
        response_201 = AddressResponse.from_dict(response.json())

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
) -> Response[AddressResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: LinkAddressRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[AddressResponse | ProblemBody]:
    """Link an address.

     Adds a premises to the cabinet. The payer code alone is not enough (it is printed on every bill):
    `link_code` proves the resident holds the premises' paper bill or got the code from an operator.
    A wrong or expired code answers 422; after 5 wrong codes for a payer code in an hour, 429.

    Args:
        idempotency_key (str | Unset):
        body (LinkAddressRequest): Proof of a premises. Example: {'link_code': '7KQ2-M9XD',
            'payer_code': '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressResponse | ProblemBody]
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
    body: LinkAddressRequest,
    idempotency_key: str | Unset = UNSET,
) -> AddressResponse | ProblemBody | None:
    """Link an address.

     Adds a premises to the cabinet. The payer code alone is not enough (it is printed on every bill):
    `link_code` proves the resident holds the premises' paper bill or got the code from an operator.
    A wrong or expired code answers 422; after 5 wrong codes for a payer code in an hour, 429.

    Args:
        idempotency_key (str | Unset):
        body (LinkAddressRequest): Proof of a premises. Example: {'link_code': '7KQ2-M9XD',
            'payer_code': '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressResponse | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: LinkAddressRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[AddressResponse | ProblemBody]:
    """Link an address.

     Adds a premises to the cabinet. The payer code alone is not enough (it is printed on every bill):
    `link_code` proves the resident holds the premises' paper bill or got the code from an operator.
    A wrong or expired code answers 422; after 5 wrong codes for a payer code in an hour, 429.

    Args:
        idempotency_key (str | Unset):
        body (LinkAddressRequest): Proof of a premises. Example: {'link_code': '7KQ2-M9XD',
            'payer_code': '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressResponse | ProblemBody]
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
    body: LinkAddressRequest,
    idempotency_key: str | Unset = UNSET,
) -> AddressResponse | ProblemBody | None:
    """Link an address.

     Adds a premises to the cabinet. The payer code alone is not enough (it is printed on every bill):
    `link_code` proves the resident holds the premises' paper bill or got the code from an operator.
    A wrong or expired code answers 422; after 5 wrong codes for a payer code in an hour, 429.

    Args:
        idempotency_key (str | Unset):
        body (LinkAddressRequest): Proof of a premises. Example: {'link_code': '7KQ2-M9XD',
            'payer_code': '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
