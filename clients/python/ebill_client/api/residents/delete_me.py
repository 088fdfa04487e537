from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_me_request import DeleteMeRequest
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DeleteMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemBody | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DeleteMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Delete the own account.

     With the current password: every linked address is unlinked, so its receipts go back to paper from
    the next billing run (providers get `account.delivery_changed` where the premises' channel flips);
    the email, phone and name are erased; every login ends. Documents already issued stay with the
    agent, without the personal data. A wrong password is a 422 on `current_password`.

    Args:
        idempotency_key (str | Unset):
        body (DeleteMeRequest): The password, again, to delete the account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody]
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
    body: DeleteMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Delete the own account.

     With the current password: every linked address is unlinked, so its receipts go back to paper from
    the next billing run (providers get `account.delivery_changed` where the premises' channel flips);
    the email, phone and name are erased; every login ends. Documents already issued stay with the
    agent, without the personal data. A wrong password is a 422 on `current_password`.

    Args:
        idempotency_key (str | Unset):
        body (DeleteMeRequest): The password, again, to delete the account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DeleteMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | ProblemBody]:
    """Delete the own account.

     With the current password: every linked address is unlinked, so its receipts go back to paper from
    the next billing run (providers get `account.delivery_changed` where the premises' channel flips);
    the email, phone and name are erased; every login ends. Documents already issued stay with the
    agent, without the personal data. A wrong password is a 422 on `current_password`.

    Args:
        idempotency_key (str | Unset):
        body (DeleteMeRequest): The password, again, to delete the account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemBody]
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
    body: DeleteMeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | ProblemBody | None:
    """Delete the own account.

     With the current password: every linked address is unlinked, so its receipts go back to paper from
    the next billing run (providers get `account.delivery_changed` where the premises' channel flips);
    the email, phone and name are erased; every login ends. Documents already issued stay with the
    agent, without the personal data. A wrong password is a 422 on `current_password`.

    Args:
        idempotency_key (str | Unset):
        body (DeleteMeRequest): The password, again, to delete the account.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
