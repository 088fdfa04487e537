"""Offline tests of ebill_client_extras: Idempotency-Key, retries, errors and pagination."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from ebill_client import AuthenticatedClient
from ebill_client.api.charges import list_charges
from ebill_client_extras import ApiError, IdempotentRetryTransport, paginate, retry_after


def scripted(answers: list[httpx.Response], seen: list[httpx.Request]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    transport = IdempotentRetryTransport(httpx.MockTransport(handler), retries=3, backoff=0.0)
    return httpx.Client(base_url="http://ebill.test", transport=transport)


def problem(status: int, code: str, **headers: str) -> httpx.Response:
    body = {"type": f"/problems/{code}", "title": code, "status": status, "detail": code, "code": code}
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json", **headers})


def test_unsafe_requests_get_one_key_kept_across_retries() -> None:
    seen: list[httpx.Request] = []
    answers = [problem(503, "unavailable", **{"retry-after": "0"}), problem(409, "idempotency_in_flight")]
    answers.append(httpx.Response(200, json={"ok": True}))
    with scripted(answers, seen) as client:
        assert client.post("/v1/providers", json={}).status_code == 200
    keys = {r.headers["idempotency-key"] for r in seen}
    assert len(seen) == 3 and len(keys) == 1


def test_a_given_key_is_kept_and_safe_methods_get_none() -> None:
    seen: list[httpx.Request] = []
    with scripted([httpx.Response(200), httpx.Response(200)], seen) as client:
        client.put("/v1/providers/me/accounts", json={}, headers={"Idempotency-Key": "mine"})
        client.get("/v1/providers/me")
    assert seen[0].headers["idempotency-key"] == "mine"
    assert "idempotency-key" not in seen[1].headers


def test_other_conflicts_and_client_errors_are_not_retried() -> None:
    seen: list[httpx.Request] = []
    with scripted([problem(409, "period_closed"), problem(422, "validation_failed")], seen) as client:
        assert client.post("/v1/providers/me/charges", json={}).status_code == 409
        assert client.post("/v1/providers/me/charges", json={}).status_code == 422
    assert len(seen) == 2


def test_retries_end() -> None:
    seen: list[httpx.Request] = []
    with scripted([problem(429, "rate_limited", **{"retry-after": "0"}) for _ in range(4)], seen) as client:
        assert client.post("/v1/oauth/token", json={}).status_code == 429
    assert len(seen) == 4


def test_retry_after_waits_what_it_asks_or_returns_the_answer() -> None:
    seen: list[httpx.Request] = []
    past = "Sun, 01 Nov 2026 10:00:00 GMT"
    answers = [problem(429, "rate_limited", **{"retry-after": past}), httpx.Response(200)]
    with scripted(answers, seen) as client:
        assert client.post("/v1/providers", json={}).status_code == 200
    assert len(seen) == 2
    seen.clear()
    with scripted([problem(503, "unavailable", **{"retry-after": "120"})], seen) as client:
        started = time.monotonic()
        assert client.get("/v1/me").status_code == 503  # longer than max_delay: not waited for
        assert time.monotonic() - started < 1
    assert len(seen) == 1


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = 1_796_119_200.0  # 2026-12-01T10:00:00Z
    assert retry_after("7", now) == 7.0
    assert retry_after(" 0 ", now) == 0.0
    assert retry_after("Tue, 01 Dec 2026 10:00:30 GMT", now) == 30.0
    assert retry_after("Tue, 01 Dec 2026 09:00:00 GMT", now) == 0.0
    assert retry_after("-3", now) is None
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


def test_paginate_follows_next_cursor_and_raises_problems() -> None:
    def charge(n: int) -> dict[str, object]:
        return {
            "account_number": str(n),
            "period": "2021-08",
            "service": {"code": "cold_water", "name": "Холодное водоснабжение", "unit": "м³"},
            "amount": n,
            "recalculation": 0,
            "debt": 0,
            "penalty": 0,
            "batch_id": "bat_1",
            "updated_at": "2021-08-31T12:00:00Z",
        }

    pages = {
        None: {"data": [charge(1), charge(2)], "next_cursor": "c2"},
        "c2": {"data": [charge(3)], "next_cursor": None},
    }
    queries: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        query = dict(request.url.params)
        queries.append(query)
        if query.get("period") != "2021-08":
            return problem(422, "validation_failed")
        return httpx.Response(200, content=json.dumps(pages[query.get("cursor")]).encode())

    client = AuthenticatedClient(base_url="http://ebill.test", token="t")
    client.set_httpx_client(httpx.Client(base_url="http://ebill.test", transport=httpx.MockTransport(handler)))
    with client:
        amounts = [c.amount for c in paginate(list_charges.sync_detailed, client=client, period="2021-08")]
        assert amounts == [1, 2, 3]
        assert [q.get("cursor") for q in queries] == [None, "c2"]
        assert {q["limit"] for q in queries} == {"500"}
        with pytest.raises(ApiError) as raised:
            list(paginate(list_charges.sync_detailed, client=client, period="August"))
    assert (raised.value.status, raised.value.code) == (422, "validation_failed")
