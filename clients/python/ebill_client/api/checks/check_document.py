from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_check import DocumentCheck
from ...models.problem_body import ProblemBody
from ...types import Response


def _get_kwargs(
    verification_code: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/document-checks/{verification_code}".format(
            verification_code=quote(str(verification_code), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentCheck | ProblemBody | None:
    if response.status_code == 200:
        response_200 = DocumentCheck.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = ProblemBody.from_dict(response.json())

        return response_404

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
) -> Response[DocumentCheck | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    verification_code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DocumentCheck | ProblemBody]:
    """Check a document.

     Whether a verification code (printed on every receipt) belongs to a genuine document, with its
    period,
    total and payees' bank details to compare against the receipt in hand. 404 for an unknown code.
    Rate limited per IP (60 a minute).

    Args:
        verification_code (str): A document's verification code, printed on every receipt: 20
            Crockford base-32 characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example:
            7KQ2-M9XD-4T1B-ZP8R-0HWC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentCheck | ProblemBody]
    """

    kwargs = _get_kwargs(
        verification_code=verification_code,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    verification_code: str,
    *,
    client: AuthenticatedClient | Client,
) -> DocumentCheck | ProblemBody | None:
    """Check a document.

     Whether a verification code (printed on every receipt) belongs to a genuine document, with its
    period,
    total and payees' bank details to compare against the receipt in hand. 404 for an unknown code.
    Rate limited per IP (60 a minute).

    Args:
        verification_code (str): A document's verification code, printed on every receipt: 20
            Crockford base-32 characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example:
            7KQ2-M9XD-4T1B-ZP8R-0HWC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentCheck | ProblemBody
    """

    return sync_detailed(
        verification_code=verification_code,
        client=client,
    ).parsed


async def asyncio_detailed(
    verification_code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DocumentCheck | ProblemBody]:
    """Check a document.

     Whether a verification code (printed on every receipt) belongs to a genuine document, with its
    period,
    total and payees' bank details to compare against the receipt in hand. 404 for an unknown code.
    Rate limited per IP (60 a minute).

    Args:
        verification_code (str): A document's verification code, printed on every receipt: 20
            Crockford base-32 characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example:
            7KQ2-M9XD-4T1B-ZP8R-0HWC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentCheck | ProblemBody]
    """

    kwargs = _get_kwargs(
        verification_code=verification_code,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    verification_code: str,
    *,
    client: AuthenticatedClient | Client,
) -> DocumentCheck | ProblemBody | None:
    """Check a document.

     Whether a verification code (printed on every receipt) belongs to a genuine document, with its
    period,
    total and payees' bank details to compare against the receipt in hand. 404 for an unknown code.
    Rate limited per IP (60 a minute).

    Args:
        verification_code (str): A document's verification code, printed on every receipt: 20
            Crockford base-32 characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example:
            7KQ2-M9XD-4T1B-ZP8R-0HWC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentCheck | ProblemBody
    """

    return (
        await asyncio_detailed(
            verification_code=verification_code,
            client=client,
        )
    ).parsed
