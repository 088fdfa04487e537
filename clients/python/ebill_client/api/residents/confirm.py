from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.confirm_request import ConfirmRequest
from ...models.confirm_response import ConfirmResponse
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: ConfirmRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/verifications/{id}/confirm".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConfirmResponse | ProblemBody | None:
    if response.status_code == 200:
        response_200 = ConfirmResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ProblemBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemBody.from_dict(response.json())

        return response_409

    if response.status_code == 410:
        response_410 = ProblemBody.from_dict(response.json())

        return response_410

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
) -> Response[ConfirmResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ConfirmRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ConfirmResponse | ProblemBody]:
    """Confirm a verification.

     The right code applies the requested change at once (and writes it to the audit trail). A wrong
    code answers 422 with `attempts_left`; after 5 wrong codes, or 10 minutes, the verification is dead
    (410). Codes are single use.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (ConfirmRequest): The code from the SMS. Example: {'code': '493817'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ConfirmRequest,
    idempotency_key: str | Unset = UNSET,
) -> ConfirmResponse | ProblemBody | None:
    """Confirm a verification.

     The right code applies the requested change at once (and writes it to the audit trail). A wrong
    code answers 422 with `attempts_left`; after 5 wrong codes, or 10 minutes, the verification is dead
    (410). Codes are single use.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (ConfirmRequest): The code from the SMS. Example: {'code': '493817'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmResponse | ProblemBody
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ConfirmRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ConfirmResponse | ProblemBody]:
    """Confirm a verification.

     The right code applies the requested change at once (and writes it to the audit trail). A wrong
    code answers 422 with `attempts_left`; after 5 wrong codes, or 10 minutes, the verification is dead
    (410). Codes are single use.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (ConfirmRequest): The code from the SMS. Example: {'code': '493817'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ConfirmRequest,
    idempotency_key: str | Unset = UNSET,
) -> ConfirmResponse | ProblemBody | None:
    """Confirm a verification.

     The right code applies the requested change at once (and writes it to the audit trail). A wrong
    code answers 422 with `attempts_left`; after 5 wrong codes, or 10 minutes, the verification is dead
    (410). Codes are single use.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (ConfirmRequest): The code from the SMS. Example: {'code': '493817'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
