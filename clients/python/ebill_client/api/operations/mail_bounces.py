from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bounce_accepted import BounceAccepted
from ...models.bounce_request import BounceRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BounceRequest,
    webhook_signature: str,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Webhook-Signature"] = webhook_signature

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/hooks/mail-bounces",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BounceAccepted | ProblemBody | None:
    if response.status_code == 202:
        response_202 = BounceAccepted.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ProblemBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemBody.from_dict(response.json())

        return response_401

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
) -> Response[BounceAccepted | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BounceRequest,
    webhook_signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[BounceAccepted | ProblemBody]:
    """Report a bounced email.

     For a mail provider: `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the shared
    `EBILL_BOUNCE_SECRET` (5 minutes of tolerance). A hard bounce marks the resident's email
    undeliverable, moves their electronic addresses back to paper from the next billing run, puts the
    bounced e-receipt's period on a supplementary paper ЕПД (when `message_id` names it) and tells the
    resident by SMS; a soft bounce is only recorded. Unknown emails are accepted and change nothing.

    Args:
        webhook_signature (str):
        idempotency_key (str | Unset):
        body (BounceRequest): A bounce report. Example: {'email': 'anna@example.org', 'kind':
            'hard', 'message_id': '<msg_0193f6a2@ebill.example>', 'reason': '550 5.1.1 mailbox
            unavailable'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BounceAccepted | ProblemBody]
    """

    kwargs = _get_kwargs(
        body=body,
        webhook_signature=webhook_signature,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BounceRequest,
    webhook_signature: str,
    idempotency_key: str | Unset = UNSET,
) -> BounceAccepted | ProblemBody | None:
    """Report a bounced email.

     For a mail provider: `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the shared
    `EBILL_BOUNCE_SECRET` (5 minutes of tolerance). A hard bounce marks the resident's email
    undeliverable, moves their electronic addresses back to paper from the next billing run, puts the
    bounced e-receipt's period on a supplementary paper ЕПД (when `message_id` names it) and tells the
    resident by SMS; a soft bounce is only recorded. Unknown emails are accepted and change nothing.

    Args:
        webhook_signature (str):
        idempotency_key (str | Unset):
        body (BounceRequest): A bounce report. Example: {'email': 'anna@example.org', 'kind':
            'hard', 'message_id': '<msg_0193f6a2@ebill.example>', 'reason': '550 5.1.1 mailbox
            unavailable'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BounceAccepted | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        webhook_signature=webhook_signature,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BounceRequest,
    webhook_signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[BounceAccepted | ProblemBody]:
    """Report a bounced email.

     For a mail provider: `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the shared
    `EBILL_BOUNCE_SECRET` (5 minutes of tolerance). A hard bounce marks the resident's email
    undeliverable, moves their electronic addresses back to paper from the next billing run, puts the
    bounced e-receipt's period on a supplementary paper ЕПД (when `message_id` names it) and tells the
    resident by SMS; a soft bounce is only recorded. Unknown emails are accepted and change nothing.

    Args:
        webhook_signature (str):
        idempotency_key (str | Unset):
        body (BounceRequest): A bounce report. Example: {'email': 'anna@example.org', 'kind':
            'hard', 'message_id': '<msg_0193f6a2@ebill.example>', 'reason': '550 5.1.1 mailbox
            unavailable'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BounceAccepted | ProblemBody]
    """

    kwargs = _get_kwargs(
        body=body,
        webhook_signature=webhook_signature,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BounceRequest,
    webhook_signature: str,
    idempotency_key: str | Unset = UNSET,
) -> BounceAccepted | ProblemBody | None:
    """Report a bounced email.

     For a mail provider: `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the shared
    `EBILL_BOUNCE_SECRET` (5 minutes of tolerance). A hard bounce marks the resident's email
    undeliverable, moves their electronic addresses back to paper from the next billing run, puts the
    bounced e-receipt's period on a supplementary paper ЕПД (when `message_id` names it) and tells the
    resident by SMS; a soft bounce is only recorded. Unknown emails are accepted and change nothing.

    Args:
        webhook_signature (str):
        idempotency_key (str | Unset):
        body (BounceRequest): A bounce report. Example: {'email': 'anna@example.org', 'kind':
            'hard', 'message_id': '<msg_0193f6a2@ebill.example>', 'reason': '550 5.1.1 mailbox
            unavailable'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BounceAccepted | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            webhook_signature=webhook_signature,
            idempotency_key=idempotency_key,
        )
    ).parsed
