from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.run_response import RunResponse
from ...models.start_run_request import StartRunRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: StartRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/billing-runs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | RunResponse | None:
    if response.status_code == 202:
        response_202 = RunResponse.from_dict(response.json())

        return response_202

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
) -> Response[ProblemBody | RunResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StartRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | RunResponse]:
    """Start a billing run.

     Turns the period's charges into documents, asynchronously (202): for every premises with charges,
    the charges of each active provider e-document capable for the period become an e-receipt when a
    linked resident chose electronic receipts and has a confirmed email; all other charges go onto one
    paper ЕПД. Preferences count as they stand at the start. Starting closes the period (later pushes
    get 409); one run per period (a second one gets 409).

    Args:
        idempotency_key (str | Unset):
        body (StartRunRequest): The period to bill. Example: {'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | RunResponse]
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
    body: StartRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | RunResponse | None:
    """Start a billing run.

     Turns the period's charges into documents, asynchronously (202): for every premises with charges,
    the charges of each active provider e-document capable for the period become an e-receipt when a
    linked resident chose electronic receipts and has a confirmed email; all other charges go onto one
    paper ЕПД. Preferences count as they stand at the start. Starting closes the period (later pushes
    get 409); one run per period (a second one gets 409).

    Args:
        idempotency_key (str | Unset):
        body (StartRunRequest): The period to bill. Example: {'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | RunResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StartRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | RunResponse]:
    """Start a billing run.

     Turns the period's charges into documents, asynchronously (202): for every premises with charges,
    the charges of each active provider e-document capable for the period become an e-receipt when a
    linked resident chose electronic receipts and has a confirmed email; all other charges go onto one
    paper ЕПД. Preferences count as they stand at the start. Starting closes the period (later pushes
    get 409); one run per period (a second one gets 409).

    Args:
        idempotency_key (str | Unset):
        body (StartRunRequest): The period to bill. Example: {'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | RunResponse]
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
    body: StartRunRequest,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | RunResponse | None:
    """Start a billing run.

     Turns the period's charges into documents, asynchronously (202): for every premises with charges,
    the charges of each active provider e-document capable for the period become an e-receipt when a
    linked resident chose electronic receipts and has a confirmed email; all other charges go onto one
    paper ЕПД. Preferences count as they stand at the start. Starting closes the period (later pushes
    get 409); one run per period (a second one gets 409).

    Args:
        idempotency_key (str | Unset):
        body (StartRunRequest): The period to bill. Example: {'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | RunResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
