from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_charge_response import PageChargeResponse
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    period: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["period"] = period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/providers/me/charges",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageChargeResponse | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PageChargeResponse.from_dict(response.json())

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
) -> Response[PageChargeResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    period: str | Unset = UNSET,
) -> Response[PageChargeResponse | ProblemBody]:
    """List own charges.

     The provider's charges in (period, account, service) order, optionally of one period.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        period (str | Unset): A billing period: a month written `YYYY-MM`, years 2000 to 2099.
            Example: 2021-08.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChargeResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    period: str | Unset = UNSET,
) -> PageChargeResponse | ProblemBody | None:
    """List own charges.

     The provider's charges in (period, account, service) order, optionally of one period.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        period (str | Unset): A billing period: a month written `YYYY-MM`, years 2000 to 2099.
            Example: 2021-08.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChargeResponse | ProblemBody
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        period=period,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    period: str | Unset = UNSET,
) -> Response[PageChargeResponse | ProblemBody]:
    """List own charges.

     The provider's charges in (period, account, service) order, optionally of one period.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        period (str | Unset): A billing period: a month written `YYYY-MM`, years 2000 to 2099.
            Example: 2021-08.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChargeResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    period: str | Unset = UNSET,
) -> PageChargeResponse | ProblemBody | None:
    """List own charges.

     The provider's charges in (period, account, service) order, optionally of one period.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        period (str | Unset): A billing period: a month written `YYYY-MM`, years 2000 to 2099.
            Example: 2021-08.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChargeResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            period=period,
        )
    ).parsed
