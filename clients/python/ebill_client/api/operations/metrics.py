from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/metrics",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ProblemBody | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 503:
        response_503 = ProblemBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ProblemBody | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemBody | str]:
    """Metrics.

     Prometheus text exposition: request counts and latencies by route and status, the outbox (messages
    by status, the oldest waiting, failed sends), billing-run progress and duration, the database pool
    (connections in use and idle, waits), rate-limit rejections and fallbacks.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | str]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ProblemBody | str | None:
    """Metrics.

     Prometheus text exposition: request counts and latencies by route and status, the outbox (messages
    by status, the oldest waiting, failed sends), billing-run progress and duration, the database pool
    (connections in use and idle, waits), rate-limit rejections and fallbacks.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | str
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemBody | str]:
    """Metrics.

     Prometheus text exposition: request counts and latencies by route and status, the outbox (messages
    by status, the oldest waiting, failed sends), billing-run progress and duration, the database pool
    (connections in use and idle, waits), rate-limit rejections and fallbacks.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | str]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ProblemBody | str | None:
    """Metrics.

     Prometheus text exposition: request counts and latencies by route and status, the outbox (messages
    by status, the oldest waiting, failed sends), billing-run progress and duration, the database pool
    (connections in use and idle, waits), rate-limit rejections and fallbacks.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | str
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
