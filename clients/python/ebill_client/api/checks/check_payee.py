from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.payee_check import PayeeCheck
from ...models.payee_check_request import PayeeCheckRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PayeeCheckRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/payee-checks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PayeeCheck | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PayeeCheck.from_dict(response.json())

        return response_200

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
) -> Response[PayeeCheck | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PayeeCheckRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[PayeeCheck | ProblemBody]:
    """Check bank details.

     Whether an INN, BIK and settlement account together belong to an active provider: a receipt asking
    to pay anything else is not from the agent.

    Args:
        idempotency_key (str | Unset):
        body (PayeeCheckRequest): Bank details to check. Example: {'account':
            '40702810438000060473', 'bik': '044525225', 'inn': '1901067718'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PayeeCheck | ProblemBody]
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
    body: PayeeCheckRequest,
    idempotency_key: str | Unset = UNSET,
) -> PayeeCheck | ProblemBody | None:
    """Check bank details.

     Whether an INN, BIK and settlement account together belong to an active provider: a receipt asking
    to pay anything else is not from the agent.

    Args:
        idempotency_key (str | Unset):
        body (PayeeCheckRequest): Bank details to check. Example: {'account':
            '40702810438000060473', 'bik': '044525225', 'inn': '1901067718'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PayeeCheck | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PayeeCheckRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[PayeeCheck | ProblemBody]:
    """Check bank details.

     Whether an INN, BIK and settlement account together belong to an active provider: a receipt asking
    to pay anything else is not from the agent.

    Args:
        idempotency_key (str | Unset):
        body (PayeeCheckRequest): Bank details to check. Example: {'account':
            '40702810438000060473', 'bik': '044525225', 'inn': '1901067718'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PayeeCheck | ProblemBody]
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
    body: PayeeCheckRequest,
    idempotency_key: str | Unset = UNSET,
) -> PayeeCheck | ProblemBody | None:
    """Check bank details.

     Whether an INN, BIK and settlement account together belong to an active provider: a receipt asking
    to pay anything else is not from the agent.

    Args:
        idempotency_key (str | Unset):
        body (PayeeCheckRequest): Bank details to check. Example: {'account':
            '40702810438000060473', 'bik': '044525225', 'inn': '1901067718'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PayeeCheck | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
