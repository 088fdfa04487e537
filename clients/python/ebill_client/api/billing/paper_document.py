from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paper_document import PaperDocument
from ...models.problem_body import ProblemBody
from ...types import Response


def _get_kwargs(
    id: str,
    document_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/billing-runs/{id}/paper/{document_id}".format(
            id=quote(str(id), safe=""),
            document_id=quote(str(document_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaperDocument | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PaperDocument.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemBody.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = ProblemBody.from_dict(response.json())

        return response_406

    if response.status_code == 503:
        response_503 = ProblemBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaperDocument | ProblemBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[PaperDocument | ProblemBody]:
    """One paper ЕПД of a run.

     The document with its lines, payees and link code, signed; with `Accept: application/pdf`, the
    document as a print-ready PDF.

    Args:
        id (str):
        document_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaperDocument | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        document_id=document_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
) -> PaperDocument | ProblemBody | None:
    """One paper ЕПД of a run.

     The document with its lines, payees and link code, signed; with `Accept: application/pdf`, the
    document as a print-ready PDF.

    Args:
        id (str):
        document_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaperDocument | ProblemBody
    """

    return sync_detailed(
        id=id,
        document_id=document_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[PaperDocument | ProblemBody]:
    """One paper ЕПД of a run.

     The document with its lines, payees and link code, signed; with `Accept: application/pdf`, the
    document as a print-ready PDF.

    Args:
        id (str):
        document_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaperDocument | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        document_id=document_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
) -> PaperDocument | ProblemBody | None:
    """One paper ЕПД of a run.

     The document with its lines, payees and link code, signed; with `Accept: application/pdf`, the
    document as a print-ready PDF.

    Args:
        id (str):
        document_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaperDocument | ProblemBody
    """

    return (
        await asyncio_detailed(
            id=id,
            document_id=document_id,
            client=client,
        )
    ).parsed
