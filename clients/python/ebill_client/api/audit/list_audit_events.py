import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_kind import AuditKind
from ...models.page_audit_event import PageAuditEvent
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    kind: AuditKind | Unset = UNSET,
    object_: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["actor"] = actor

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["object"] = object_

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAuditEvent | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PageAuditEvent.from_dict(response.json())

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
) -> Response[PageAuditEvent | ProblemBody]:
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
    actor: str | Unset = UNSET,
    kind: AuditKind | Unset = UNSET,
    object_: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[PageAuditEvent | ProblemBody]:
    """List audit events.

     Operators' decisions (approvals, suspensions, link codes, billing runs, merges) and the consent
    changes of providers (e-document capability) and residents (delivery preferences, linked
    addresses), newest first, filtered by actor, kind, object and time.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        actor (str | Unset):
        kind (AuditKind | Unset): What an event of the audit trail records.
        object_ (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEvent | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        actor=actor,
        kind=kind,
        object_=object_,
        since=since,
        until=until,
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
    actor: str | Unset = UNSET,
    kind: AuditKind | Unset = UNSET,
    object_: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> PageAuditEvent | ProblemBody | None:
    """List audit events.

     Operators' decisions (approvals, suspensions, link codes, billing runs, merges) and the consent
    changes of providers (e-document capability) and residents (delivery preferences, linked
    addresses), newest first, filtered by actor, kind, object and time.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        actor (str | Unset):
        kind (AuditKind | Unset): What an event of the audit trail records.
        object_ (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEvent | ProblemBody
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        actor=actor,
        kind=kind,
        object_=object_,
        since=since,
        until=until,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    kind: AuditKind | Unset = UNSET,
    object_: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[PageAuditEvent | ProblemBody]:
    """List audit events.

     Operators' decisions (approvals, suspensions, link codes, billing runs, merges) and the consent
    changes of providers (e-document capability) and residents (delivery preferences, linked
    addresses), newest first, filtered by actor, kind, object and time.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        actor (str | Unset):
        kind (AuditKind | Unset): What an event of the audit trail records.
        object_ (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEvent | ProblemBody]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        actor=actor,
        kind=kind,
        object_=object_,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    kind: AuditKind | Unset = UNSET,
    object_: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> PageAuditEvent | ProblemBody | None:
    """List audit events.

     Operators' decisions (approvals, suspensions, link codes, billing runs, merges) and the consent
    changes of providers (e-document capability) and residents (delivery preferences, linked
    addresses), newest first, filtered by actor, kind, object and time.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        actor (str | Unset):
        kind (AuditKind | Unset): What an event of the audit trail records.
        object_ (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEvent | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            actor=actor,
            kind=kind,
            object_=object_,
            since=since,
            until=until,
        )
    ).parsed
