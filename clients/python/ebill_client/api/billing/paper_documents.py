from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_paper_document import PagePaperDocument
from ...models.problem_body import ProblemBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/billing-runs/{id}/paper".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePaperDocument | ProblemBody | None:
    if response.status_code == 200:
        response_200 = PagePaperDocument.from_dict(response.json())

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

    if response.status_code == 406:
        response_406 = ProblemBody.from_dict(response.json())

        return response_406

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
) -> Response[PagePaperDocument | ProblemBody]:
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
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[PagePaperDocument | ProblemBody]:
    """The paper ЕПД of a run.

     Every paper ЕПД of the run with its lines, payees (and their payment QR) and a fresh one-time link
    code, paged. With `Accept: text/csv`, the same page as CSV, one row per line; with `Accept:
    application/pdf`, the page as one print-ready PDF (each ЕПД from a new page; `limit` up to 500). The
    next page of CSV or PDF is in the `Link` header (`rel="next"`).

    Args:
        id (str):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePaperDocument | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> PagePaperDocument | ProblemBody | None:
    """The paper ЕПД of a run.

     Every paper ЕПД of the run with its lines, payees (and their payment QR) and a fresh one-time link
    code, paged. With `Accept: text/csv`, the same page as CSV, one row per line; with `Accept:
    application/pdf`, the page as one print-ready PDF (each ЕПД from a new page; `limit` up to 500). The
    next page of CSV or PDF is in the `Link` header (`rel="next"`).

    Args:
        id (str):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePaperDocument | ProblemBody
    """

    return sync_detailed(
        id=id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[PagePaperDocument | ProblemBody]:
    """The paper ЕПД of a run.

     Every paper ЕПД of the run with its lines, payees (and their payment QR) and a fresh one-time link
    code, paged. With `Accept: text/csv`, the same page as CSV, one row per line; with `Accept:
    application/pdf`, the page as one print-ready PDF (each ЕПД from a new page; `limit` up to 500). The
    next page of CSV or PDF is in the `Link` header (`rel="next"`).

    Args:
        id (str):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePaperDocument | ProblemBody]
    """

    kwargs = _get_kwargs(
        id=id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> PagePaperDocument | ProblemBody | None:
    """The paper ЕПД of a run.

     Every paper ЕПД of the run with its lines, payees (and their payment QR) and a fresh one-time link
    code, paged. With `Accept: text/csv`, the same page as CSV, one row per line; with `Accept:
    application/pdf`, the page as one print-ready PDF (each ЕПД from a new page; `limit` up to 500). The
    next page of CSV or PDF is in the `Link` header (`rel="next"`).

    Args:
        id (str):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePaperDocument | ProblemBody
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
