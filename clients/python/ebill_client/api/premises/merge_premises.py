from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.merge_request import MergeRequest
from ...models.merge_response import MergeResponse
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    payer_code: str,
    *,
    body: MergeRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/premises/{payer_code}/merge".format(
            payer_code=quote(str(payer_code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MergeResponse | ProblemBody | None:
    if response.status_code == 200:
        response_200 = MergeResponse.from_dict(response.json())

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
) -> Response[MergeResponse | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    payer_code: str,
    *,
    client: AuthenticatedClient,
    body: MergeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[MergeResponse | ProblemBody]:
    """Merge premises.

     Merges the premises `payer_code` into `into_payer_code` when they are one dwelling: every account
    moves (and each move is audited), and `payer_code` is retired.

    Args:
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its
            ЕПД. Its last digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well
            formed but
            unknown is a 404. Example: 0000000018.
        idempotency_key (str | Unset):
        body (MergeRequest): Which premises to merge into. Example: {'into_payer_code':
            '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        payer_code=payer_code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    payer_code: str,
    *,
    client: AuthenticatedClient,
    body: MergeRequest,
    idempotency_key: str | Unset = UNSET,
) -> MergeResponse | ProblemBody | None:
    """Merge premises.

     Merges the premises `payer_code` into `into_payer_code` when they are one dwelling: every account
    moves (and each move is audited), and `payer_code` is retired.

    Args:
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its
            ЕПД. Its last digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well
            formed but
            unknown is a 404. Example: 0000000018.
        idempotency_key (str | Unset):
        body (MergeRequest): Which premises to merge into. Example: {'into_payer_code':
            '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeResponse | ProblemBody
    """

    return sync_detailed(
        payer_code=payer_code,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    payer_code: str,
    *,
    client: AuthenticatedClient,
    body: MergeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[MergeResponse | ProblemBody]:
    """Merge premises.

     Merges the premises `payer_code` into `into_payer_code` when they are one dwelling: every account
    moves (and each move is audited), and `payer_code` is retired.

    Args:
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its
            ЕПД. Its last digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well
            formed but
            unknown is a 404. Example: 0000000018.
        idempotency_key (str | Unset):
        body (MergeRequest): Which premises to merge into. Example: {'into_payer_code':
            '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeResponse | ProblemBody]
    """

    kwargs = _get_kwargs(
        payer_code=payer_code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    payer_code: str,
    *,
    client: AuthenticatedClient,
    body: MergeRequest,
    idempotency_key: str | Unset = UNSET,
) -> MergeResponse | ProblemBody | None:
    """Merge premises.

     Merges the premises `payer_code` into `into_payer_code` when they are one dwelling: every account
    moves (and each move is audited), and `payer_code` is retired.

    Args:
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its
            ЕПД. Its last digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well
            formed but
            unknown is a 404. Example: 0000000018.
        idempotency_key (str | Unset):
        body (MergeRequest): Which premises to merge into. Example: {'into_payer_code':
            '0000000018'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeResponse | ProblemBody
    """

    return (
        await asyncio_detailed(
            payer_code=payer_code,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
