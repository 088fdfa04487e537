from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_body import ProblemBody
from ...models.push_charges_request import PushChargesRequest
from ...models.push_charges_response import PushChargesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PushChargesRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["validate_only"] = validate_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/providers/me/charges",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemBody | PushChargesResponse | None:
    if response.status_code == 200:
        response_200 = PushChargesResponse.from_dict(response.json())

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
) -> Response[ProblemBody | PushChargesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PushChargesRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | PushChargesResponse]:
    """Push charges.

     Up to 10,000 charges of one period, stored all or nothing. Each charge is keyed by (account, period,
    service code): pushing it again corrects it, until the period's billing run closes the period (then
    409). Every failing item is named with its index (`items[17].amount`) in one 422; an account the
    provider has not uploaded is such a failure. The answer's `warnings` flag anomalies against the
    period before (amounts ×10 or ÷10, volume × tariff ≠ amount, negative totals, accounts missing);
    they are kept with the batch. With `validate_only=true` the push is rehearsed: every rule runs,
    nothing is stored, and the answer is 200 with the would-be counts, `warnings` and the failing items
    in `errors`. Rate limited per provider (20 a second, rehearsals included).

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PushChargesRequest): Charges of one period. Example: {'items': [{'account_number':
            '1001234', 'amount': 22032, 'debt': 0, 'penalty': 0, 'recalculation': 0, 'service':
            {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}, 'tariff': '42.37',
            'volume': '5.2'}], 'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | PushChargesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PushChargesRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | PushChargesResponse | None:
    """Push charges.

     Up to 10,000 charges of one period, stored all or nothing. Each charge is keyed by (account, period,
    service code): pushing it again corrects it, until the period's billing run closes the period (then
    409). Every failing item is named with its index (`items[17].amount`) in one 422; an account the
    provider has not uploaded is such a failure. The answer's `warnings` flag anomalies against the
    period before (amounts ×10 or ÷10, volume × tariff ≠ amount, negative totals, accounts missing);
    they are kept with the batch. With `validate_only=true` the push is rehearsed: every rule runs,
    nothing is stored, and the answer is 200 with the would-be counts, `warnings` and the failing items
    in `errors`. Rate limited per provider (20 a second, rehearsals included).

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PushChargesRequest): Charges of one period. Example: {'items': [{'account_number':
            '1001234', 'amount': 22032, 'debt': 0, 'penalty': 0, 'recalculation': 0, 'service':
            {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}, 'tariff': '42.37',
            'volume': '5.2'}], 'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | PushChargesResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PushChargesRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ProblemBody | PushChargesResponse]:
    """Push charges.

     Up to 10,000 charges of one period, stored all or nothing. Each charge is keyed by (account, period,
    service code): pushing it again corrects it, until the period's billing run closes the period (then
    409). Every failing item is named with its index (`items[17].amount`) in one 422; an account the
    provider has not uploaded is such a failure. The answer's `warnings` flag anomalies against the
    period before (amounts ×10 or ÷10, volume × tariff ≠ amount, negative totals, accounts missing);
    they are kept with the batch. With `validate_only=true` the push is rehearsed: every rule runs,
    nothing is stored, and the answer is 200 with the would-be counts, `warnings` and the failing items
    in `errors`. Rate limited per provider (20 a second, rehearsals included).

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PushChargesRequest): Charges of one period. Example: {'items': [{'account_number':
            '1001234', 'amount': 22032, 'debt': 0, 'penalty': 0, 'recalculation': 0, 'service':
            {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}, 'tariff': '42.37',
            'volume': '5.2'}], 'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemBody | PushChargesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        validate_only=validate_only,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PushChargesRequest,
    validate_only: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ProblemBody | PushChargesResponse | None:
    """Push charges.

     Up to 10,000 charges of one period, stored all or nothing. Each charge is keyed by (account, period,
    service code): pushing it again corrects it, until the period's billing run closes the period (then
    409). Every failing item is named with its index (`items[17].amount`) in one 422; an account the
    provider has not uploaded is such a failure. The answer's `warnings` flag anomalies against the
    period before (amounts ×10 or ÷10, volume × tariff ≠ amount, negative totals, accounts missing);
    they are kept with the batch. With `validate_only=true` the push is rehearsed: every rule runs,
    nothing is stored, and the answer is 200 with the would-be counts, `warnings` and the failing items
    in `errors`. Rate limited per provider (20 a second, rehearsals included).

    Args:
        validate_only (bool | Unset):
        idempotency_key (str | Unset):
        body (PushChargesRequest): Charges of one period. Example: {'items': [{'account_number':
            '1001234', 'amount': 22032, 'debt': 0, 'penalty': 0, 'recalculation': 0, 'service':
            {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}, 'tariff': '42.37',
            'volume': '5.2'}], 'period': '2021-08'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemBody | PushChargesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            validate_only=validate_only,
            idempotency_key=idempotency_key,
        )
    ).parsed
