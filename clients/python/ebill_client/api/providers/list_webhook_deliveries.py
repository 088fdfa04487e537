from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_webhook_delivery_response import PageWebhookDeliveryResponse
from ...models.problem_body import ProblemBody
from ...models.webhook_delivery_status import WebhookDeliveryStatus
from ...models.webhook_event import WebhookEvent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: WebhookDeliveryStatus | Unset = UNSET,
    type_: WebhookEvent | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/providers/me/webhook-deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageWebhookDeliveryResponse | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PageWebhookDeliveryResponse.from_dict(response.json())

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
) -> Response[PageWebhookDeliveryResponse | ProblemBody]:
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
    status: WebhookDeliveryStatus | Unset = UNSET,
    type_: WebhookEvent | Unset = UNSET,
) -> Response[PageWebhookDeliveryResponse | ProblemBody]:
    """List webhook deliveries.

     Every attempt at the provider's webhook, newest first: the event, the URL, what the receiver
    answered (`response_status`, null when it could not be reached) and how fast. A failed attempt is
    retried with backoff (a new attempt each time); `status=failed` finds what to ask for again.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (WebhookDeliveryStatus | Unset): How one attempt at a webhook ended.
        type_ (WebhookEvent | Unset): What a webhook tells a provider (its `type`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageWebhookDeliveryResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        type_=type_,
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
    status: WebhookDeliveryStatus | Unset = UNSET,
    type_: WebhookEvent | Unset = UNSET,
) -> PageWebhookDeliveryResponse | ProblemBody | None:
    """List webhook deliveries.

     Every attempt at the provider's webhook, newest first: the event, the URL, what the receiver
    answered (`response_status`, null when it could not be reached) and how fast. A failed attempt is
    retried with backoff (a new attempt each time); `status=failed` finds what to ask for again.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (WebhookDeliveryStatus | Unset): How one attempt at a webhook ended.
        type_ (WebhookEvent | Unset): What a webhook tells a provider (its `type`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageWebhookDeliveryResponse | ProblemBody
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: WebhookDeliveryStatus | Unset = UNSET,
    type_: WebhookEvent | Unset = UNSET,
) -> Response[PageWebhookDeliveryResponse | ProblemBody]:
    """List webhook deliveries.

     Every attempt at the provider's webhook, newest first: the event, the URL, what the receiver
    answered (`response_status`, null when it could not be reached) and how fast. A failed attempt is
    retried with backoff (a new attempt each time); `status=failed` finds what to ask for again.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (WebhookDeliveryStatus | Unset): How one attempt at a webhook ended.
        type_ (WebhookEvent | Unset): What a webhook tells a provider (its `type`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageWebhookDeliveryResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: WebhookDeliveryStatus | Unset = UNSET,
    type_: WebhookEvent | Unset = UNSET,
) -> PageWebhookDeliveryResponse | ProblemBody | None:
    """List webhook deliveries.

     Every attempt at the provider's webhook, newest first: the event, the URL, what the receiver
    answered (`response_status`, null when it could not be reached) and how fast. A failed attempt is
    retried with backoff (a new attempt each time); `status=failed` finds what to ask for again.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (WebhookDeliveryStatus | Unset): How one attempt at a webhook ended.
        type_ (WebhookEvent | Unset): What a webhook tells a provider (its `type`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageWebhookDeliveryResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            type_=type_,
        )
    ).parsed
