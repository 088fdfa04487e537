"""Hand-written helpers around the generated ``ebill_client`` (which ``generate.sh`` rewrites whole).

- ``provider_client`` / ``password_client`` / ``public_client``: generated clients wired with
  ``TokenAuth`` (tokens from ``POST /v1/oauth/token``, fetched on first use, renewed shortly before
  they expire and once more on a 401) and ``IdempotentRetryTransport`` (an ``Idempotency-Key`` on
  every POST, PUT, PATCH and DELETE that has none, and retries that reuse it).
- ``unwrap``: the parsed body of a 2xx answer, or ``ApiError`` built from the RFC 9457 problem.
- ``paginate`` / ``apaginate``: every item of a list, following ``next_cursor``.
- ``verify`` (from ``ebill_client_extras.webhooks``): checks a webhook's ``Webhook-Signature`` and returns
  its event, or raises ``WebhookSignatureError``.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import httpx

from ebill_client import AuthenticatedClient, Client
from ebill_client.api.auth import token as token_api
from ebill_client.models import FieldError, GrantType, ProblemBody, TokenRequest, TokenResponse
from ebill_client.types import UNSET, Response, Unset
from ebill_client_extras.webhooks import DEFAULT_TOLERANCE, WebhookEvent, WebhookSignatureError, verify

__all__ = [
    "DEFAULT_TOLERANCE",
    "ApiError",
    "AsyncIdempotentRetryTransport",
    "IdempotentRetryTransport",
    "TokenAuth",
    "WebhookEvent",
    "WebhookSignatureError",
    "apaginate",
    "new_idempotency_key",
    "paginate",
    "password_client",
    "provider_client",
    "public_client",
    "retry_after",
    "unwrap",
    "verify",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
C = TypeVar("C", AuthenticatedClient, Client)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_LIMIT = 500


class ApiError(Exception):
    """An error answer of the API: an RFC 9457 ``application/problem+json`` document."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.problem = dict(problem)
        self.headers = dict(headers or {})
        self.code: str = str(problem.get("code") or f"http_{status}")
        self.title: str = str(problem.get("title") or "")
        self.detail: str = str(problem.get("detail") or "")
        self.request_id: str | None = problem.get("request_id")
        self.errors: list[FieldError] = [FieldError.from_dict(e) for e in problem.get("errors") or []]
        super().__init__(f"{status} {self.code}: {self.detail or self.title}")

    @classmethod
    def from_response(cls, response: Response[Any] | PageResponse[Any] | httpx.Response) -> ApiError:
        status = int(response.status_code)
        headers = dict(response.headers)
        parsed = getattr(response, "parsed", None)
        if isinstance(parsed, ProblemBody):
            return cls(status, parsed.to_dict(), headers)
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            text = response.content.decode("utf-8", "replace")[:500]
            body = {"code": f"http_{status}", "title": "Unexpected answer", "detail": text}
        return cls(status, body, headers)


def unwrap(response: Response[T | ProblemBody]) -> T:
    """The parsed body of a 2xx answer; raises ``ApiError`` for any other."""
    if 200 <= response.status_code < 300 and not isinstance(response.parsed, ProblemBody):
        return response.parsed  # type: ignore[return-value]  # None only for bodiless answers (204)
    raise ApiError.from_response(response)


def new_idempotency_key() -> str:
    """A fresh ``Idempotency-Key``: keep it to retry the same request safely."""
    return str(uuid.uuid4())


# --- pagination ---------------------------------------------------------------------------------


class Page(Protocol[T_co]):
    """What every generated ``Page…`` model has."""

    @property
    def data(self) -> Sequence[T_co]: ...

    @property
    def next_cursor(self) -> None | str | Unset: ...


class PageResponse(Protocol[T_co]):
    """What the ``sync_detailed`` function of every list operation returns."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...

    @property
    def headers(self) -> Any: ...

    @property
    def parsed(self) -> Page[T_co] | ProblemBody | None: ...


def _page(response: PageResponse[T]) -> Page[T]:
    parsed = response.parsed
    if 200 <= response.status_code < 300 and parsed is not None and not isinstance(parsed, ProblemBody):
        return parsed
    raise ApiError.from_response(response)


def paginate(fetch: Callable[..., PageResponse[T]], /, *, limit: int = MAX_LIMIT, **kwargs: Any) -> Iterator[T]:
    """Every item of a list, one page (``limit`` items, at most 500) at a time.

    ``for charge in paginate(list_charges.sync_detailed, client=provider, period="2021-08"): ...``
    """
    cursor: str | Unset = UNSET
    while True:
        page = _page(fetch(limit=limit, cursor=cursor, **kwargs))
        yield from page.data
        if not isinstance(page.next_cursor, str) or not page.next_cursor:
            return
        cursor = page.next_cursor


async def apaginate(
    fetch: Callable[..., Awaitable[PageResponse[T]]], /, *, limit: int = MAX_LIMIT, **kwargs: Any
) -> AsyncIterator[T]:
    """``paginate`` for the ``asyncio_detailed`` functions."""
    cursor: str | Unset = UNSET
    while True:
        page = _page(await fetch(limit=limit, cursor=cursor, **kwargs))
        for item in page.data:
            yield item
        if not isinstance(page.next_cursor, str) or not page.next_cursor:
            return
        cursor = page.next_cursor


# --- tokens -------------------------------------------------------------------------------------


class TokenAuth(httpx.Auth):
    """``Authorization: Bearer`` from ``POST /v1/oauth/token``.

    Fetches a token on first use, renews it ``leeway`` seconds before it expires (with the refresh
    token when the grant gave one, else with the original grant), and once more when a request
    still gets a 401. Thread-safe; usable by one event loop at a time in async code.
    """

    def __init__(self, base_url: str, grant: TokenRequest, *, leeway: float = 30.0, timeout: float = 30.0) -> None:
        self._base_url = base_url
        self._grant = grant
        self._leeway = leeway
        self._timeout = timeout
        self._access_token: str | None = None
        self._refresh_token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None

    @classmethod
    def client_credentials(cls, base_url: str, client_id: str, client_secret: str, **kwargs: Any) -> TokenAuth:
        """A provider's token (``client_id`` and ``client_secret`` from its registration)."""
        grant = TokenRequest(grant_type=GrantType.CLIENT_CREDENTIALS, client_id=client_id, client_secret=client_secret)
        return cls(base_url, grant, **kwargs)

    @classmethod
    def password(cls, base_url: str, username: str, password: str, **kwargs: Any) -> TokenAuth:
        """A resident's or an operator's token (email and password)."""
        return cls(
            base_url, TokenRequest(grant_type=GrantType.PASSWORD, username=username, password=password), **kwargs
        )

    def _valid(self) -> str | None:
        if self._access_token is not None and time.monotonic() < self._expires_at:
            return self._access_token
        return None

    def _requests(self) -> list[TokenRequest]:
        if self._refresh_token is not None:
            refresh = TokenRequest(grant_type=GrantType.REFRESH_TOKEN, refresh_token=self._refresh_token)
            return [refresh, self._grant]  # a refused refresh token falls back to the grant itself
        return [self._grant]

    def _store(self, answer: Response[ProblemBody | TokenResponse]) -> str:
        tokens = unwrap(answer)
        self._access_token = tokens.access_token
        self._refresh_token = tokens.refresh_token if isinstance(tokens.refresh_token, str) else None
        self._expires_at = time.monotonic() + max(tokens.expires_in - self._leeway, tokens.expires_in / 2)
        return tokens.access_token

    def token(self, *, stale: str | None = None) -> str:
        """A valid access token; ``stale`` is one the server refused, to be replaced."""
        with self._lock:
            if stale is not None and stale == self._access_token:
                self._access_token = None
            if (valid := self._valid()) is not None:
                return valid
            with _wire(Client(base_url=self._base_url), self._base_url, None, 3, self._timeout, asyn=False) as client:
                error: ApiError | None = None
                for request in self._requests():
                    try:
                        return self._store(token_api.sync_detailed(client=client, body=request))
                    except ApiError as e:
                        self._refresh_token, error = None, e
                assert error is not None
                raise error

    async def atoken(self, *, stale: str | None = None) -> str:
        """``token`` for async code."""
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            if stale is not None and stale == self._access_token:
                self._access_token = None
            if (valid := self._valid()) is not None:
                return valid
            async with _wire(
                Client(base_url=self._base_url), self._base_url, None, 3, self._timeout, asyn=False
            ) as client:
                error: ApiError | None = None
                for request in self._requests():
                    try:
                        return self._store(await token_api.asyncio_detailed(client=client, body=request))
                    except ApiError as e:
                        self._refresh_token, error = None, e
                assert error is not None
                raise error

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:  # expired early or revoked: one more try with a new token
            request.headers["Authorization"] = f"Bearer {self.token(stale=token)}"
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> Any:  # AsyncGenerator[Request, Response]
        token = await self.atoken()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {await self.atoken(stale=token)}"
            yield request


# --- idempotency and retries --------------------------------------------------------------------


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait: delay-seconds or an HTTP date (RFC 9110
    §10.2.3). ``None`` when there is none or it does not parse."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        at = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if at.tzinfo is None:
        return None
    return max(0.0, at.timestamp() - (time.time() if now is None else now))


_RETRIED_ERRORS = (httpx.TransportError,)


class _RetryPolicy:
    def __init__(self, retries: int, backoff: float, max_delay: float) -> None:
        self.retries, self.backoff, self.max_delay = retries, backoff, max_delay

    @staticmethod
    def prepare(request: httpx.Request) -> None:
        if request.method in UNSAFE_METHODS and "idempotency-key" not in request.headers:
            request.headers["Idempotency-Key"] = new_idempotency_key()

    def delay(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before the next attempt; ``None`` when ``Retry-After`` asks for more than
        ``max_delay`` (the answer is then returned as it is)."""
        asked = retry_after(response.headers.get("retry-after")) if response is not None else None
        if asked is not None:
            return asked if asked <= self.max_delay else None
        return min(self.backoff * 2.0**attempt, self.max_delay) * (0.5 + random.random() / 2)

    @staticmethod
    def retry_answer(response: httpx.Response) -> bool:
        """Whether the answer says: the same request later (rate limit, busy database, still running)."""
        return response.status_code in (429, 503) or (
            response.status_code == 409 and b'"idempotency_in_flight"' in response.content
        )


class IdempotentRetryTransport(httpx.BaseTransport):
    """Gives each POST, PUT, PATCH and DELETE without one an ``Idempotency-Key``, and retries a
    request, with the same key, after a network error, a 429, a 503 or a 409
    ``idempotency_in_flight`` (the server replays the first answer of a request it already did), waiting
    what ``Retry-After`` asks (seconds or an HTTP date) or else an exponential backoff; an answer whose
    ``Retry-After`` asks for more than ``max_delay`` seconds is returned as it is. Only requests whose
    body is in memory (as the generated client sends them) can be retried."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self._transport = transport or httpx.HTTPTransport()
        self._policy = _RetryPolicy(retries, backoff, max_delay)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._policy.prepare(request)
        for attempt in range(self._policy.retries + 1):
            last = attempt == self._policy.retries
            try:
                response = self._transport.handle_request(request)
            except _RETRIED_ERRORS:
                if last:
                    raise
                time.sleep(self._policy.delay(attempt, None) or 0.0)
                continue
            if last or response.status_code not in (409, 429, 503):
                return response
            response.read()
            wait = self._policy.delay(attempt, response)
            if not self._policy.retry_answer(response) or wait is None:
                return response
            response.close()
            time.sleep(wait)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._transport.close()


class AsyncIdempotentRetryTransport(httpx.AsyncBaseTransport):
    """``IdempotentRetryTransport`` for ``httpx.AsyncClient``."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self._transport = transport or httpx.AsyncHTTPTransport()
        self._policy = _RetryPolicy(retries, backoff, max_delay)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._policy.prepare(request)
        for attempt in range(self._policy.retries + 1):
            last = attempt == self._policy.retries
            try:
                response = await self._transport.handle_async_request(request)
            except _RETRIED_ERRORS:
                if last:
                    raise
                await asyncio.sleep(self._policy.delay(attempt, None) or 0.0)
                continue
            if last or response.status_code not in (409, 429, 503):
                return response
            await response.aread()
            wait = self._policy.delay(attempt, response)
            if not self._policy.retry_answer(response) or wait is None:
                return response
            await response.aclose()
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self._transport.aclose()


# --- ready-made clients -------------------------------------------------------------------------


def _wire(
    client: C,
    base_url: str,
    auth: httpx.Auth | None,
    retries: int,
    timeout: float,
    *,
    sync: bool = True,
    asyn: bool = True,
) -> C:
    common: dict[str, Any] = {"base_url": base_url, "timeout": httpx.Timeout(timeout), "auth": auth}
    if sync:
        client.set_httpx_client(httpx.Client(transport=IdempotentRetryTransport(retries=retries), **common))
    if asyn:
        transport = AsyncIdempotentRetryTransport(retries=retries)
        client.set_async_httpx_client(httpx.AsyncClient(transport=transport, **common))
    return client


def public_client(base_url: str, *, retries: int = 3, timeout: float = 60.0) -> Client:
    """A client for the public operations, with automatic Idempotency-Key and retries."""
    return _wire(Client(base_url=base_url), base_url, None, retries, timeout)


def _authenticated(base_url: str, auth: TokenAuth, retries: int, timeout: float) -> AuthenticatedClient:
    # The token given to AuthenticatedClient is never sent: TokenAuth sets the header of each request.
    client = AuthenticatedClient(base_url=base_url, token="managed-by-TokenAuth")
    return _wire(client, base_url, auth, retries, timeout)


def provider_client(
    base_url: str, client_id: str, client_secret: str, *, retries: int = 3, timeout: float = 60.0
) -> AuthenticatedClient:
    """A provider's client: ``client_credentials`` tokens, automatic Idempotency-Key, retries."""
    return _authenticated(base_url, TokenAuth.client_credentials(base_url, client_id, client_secret), retries, timeout)


def password_client(
    base_url: str, username: str, password: str, *, retries: int = 3, timeout: float = 60.0
) -> AuthenticatedClient:
    """An operator's or a resident's client: ``password`` tokens renewed with the refresh token."""
    return _authenticated(base_url, TokenAuth.password(base_url, username, password), retries, timeout)
