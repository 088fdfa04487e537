"""Smoke test of the generated client against a live server: the provider story.

register → refused a token while pending → approved by an operator → token → 2,000 accounts →
10,000 charges pushed with an Idempotency-Key (and replayed) → charges listed page by page →
billing run → deliveries.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter

import pytest
from conftest import Server, registration

from ebill_client import Client
from ebill_client.api.accounts import list_accounts, put_accounts
from ebill_client.api.auth import token
from ebill_client.api.billing import get_run, start_run
from ebill_client.api.charges import list_charges, list_deliveries, push_charges
from ebill_client.api.providers import approve_provider, get_my_provider, get_provider, register_provider
from ebill_client.models import (
    AccountInput,
    AddressDto,
    ChargeItem,
    GrantType,
    ProblemBody,
    PushChargesRequest,
    PushChargesResponse,
    PutAccountsRequest,
    ServiceDto,
    StartRunRequest,
    TokenRequest,
)
from ebill_client_extras import (
    ApiError,
    TokenAuth,
    paginate,
    password_client,
    provider_client,
    public_client,
    unwrap,
)

PERIOD = "2021-08"
ACCOUNTS = 2_000
SERVICES = [
    ServiceDto(code="cold_water", name="Холодное водоснабжение", unit="м³"),
    ServiceDto(code="hot_water", name="Горячее водоснабжение", unit="м³"),
    ServiceDto(code="sewerage", name="Водоотведение", unit="м³"),
    ServiceDto(code="heating", name="Отопление", unit="Гкал"),
    ServiceDto(code="electricity", name="Электроснабжение", unit="кВт·ч"),
]


def account_number(i: int) -> str:
    return f"{700000 + i}"


def amount(i: int, s: int) -> int:
    return 10_000 + 7 * i + 100 * s


def step(message: str, started: list[float]) -> None:
    now = time.monotonic()
    print(f"[{now - started[0]:7.2f} s] {message}", flush=True)


def test_validation_errors_are_problem_documents(server: Server) -> None:
    with public_client(server.base_url) as public, pytest.raises(ApiError) as raised:
        unwrap(register_provider.sync_detailed(client=public, body=registration(inn="1901067719")))
    error = raised.value
    assert error.status == 422
    assert error.code == "validation_failed"
    assert error.request_id
    assert "inn" in [e.field for e in error.errors]


def test_provider_story(server: Server) -> None:
    started = [time.monotonic()]

    # A provider registers itself (no token needed) and keeps its client secret.
    with public_client(server.base_url) as public:
        registered = unwrap(register_provider.sync_detailed(client=public, body=registration()))
    assert registered.status == "pending"
    assert registered.client_id and registered.client_secret
    step(f"registered {registered.id}", started)

    # Until approved it gets no token: 401 invalid_client, from the generated call and the helper.
    with Client(base_url=server.base_url) as anonymous:
        refused = token.sync_detailed(
            client=anonymous,
            body=TokenRequest(
                grant_type=GrantType.CLIENT_CREDENTIALS,
                client_id=registered.client_id,
                client_secret=registered.client_secret,
            ),
        )
    assert refused.status_code == 401
    assert isinstance(refused.parsed, ProblemBody)
    assert refused.parsed.code == "invalid_client"
    assert refused.headers["content-type"].startswith("application/problem+json")
    with (
        provider_client(server.base_url, registered.client_id, registered.client_secret) as provider,
        password_client(server.base_url, server.operator_email, server.operator_password) as operator,
    ):
        with pytest.raises(ApiError) as raised:
            get_my_provider.sync_detailed(client=provider)
        assert (raised.value.status, raised.value.code) == (401, "invalid_client")

        # The operator (password grant) approves it; now the provider's client gets tokens.
        approved = unwrap(approve_provider.sync_detailed(registered.id, client=operator))
        assert approved.status == "active"
        step("approved", started)

        # Tokens are renewed: a refused one is replaced after its 401, an expired one of the password
        # grant through its (rotating) refresh token.
        me = unwrap(get_my_provider.sync_detailed(client=provider))
        assert (me.id, me.status) == (registered.id, "active")
        provider_auth = provider.get_httpx_client().auth
        assert isinstance(provider_auth, TokenAuth)
        statuses: list[int] = []
        provider.get_httpx_client().event_hooks["response"].append(lambda r: statuses.append(r.status_code))
        provider_auth._access_token = "revoked"
        assert unwrap(get_my_provider.sync_detailed(client=provider)).status == "active"
        assert statuses == [401, 200]
        assert provider_auth._access_token not in (None, "revoked")
        operator_auth = operator.get_httpx_client().auth
        assert isinstance(operator_auth, TokenAuth)
        refresh_token = operator_auth._refresh_token
        assert refresh_token
        operator_auth._expires_at = 0.0
        assert unwrap(get_provider.sync_detailed(registered.id, client=operator)).status == "active"
        assert operator_auth._refresh_token not in (None, refresh_token)

        # 2,000 accounts in one upsert.
        accounts = [
            AccountInput(
                number=account_number(i),
                address=AddressDto(
                    city="Абакан", street="ул. Ленина", house=str(i // 100 + 1), apartment=str(i % 100 + 1)
                ),
            )
            for i in range(ACCOUNTS)
        ]
        uploaded = unwrap(put_accounts.sync_detailed(client=provider, body=PutAccountsRequest(accounts=accounts)))
        assert (uploaded.created, uploaded.updated, uploaded.unchanged) == (ACCOUNTS, 0, 0)
        assert len(uploaded.accounts) == ACCOUNTS
        assert sum(1 for _ in paginate(list_accounts.sync_detailed, client=provider)) == ACCOUNTS
        step(f"{ACCOUNTS} accounts uploaded", started)

        # 10,000 charges (2,000 accounts × 5 services) in one push, with an Idempotency-Key.
        items = [
            ChargeItem(
                account_number=account_number(i),
                service=service,
                volume="1.5",
                tariff="42.37",
                amount=amount(i, s),
            )
            for i in range(ACCOUNTS)
            for s, service in enumerate(SERVICES)
        ]
        assert len(items) == 10_000
        push = PushChargesRequest(period=PERIOD, items=items)
        key = f"smoke-{uuid.uuid4()}"
        first = push_charges.sync_detailed(client=provider, body=push, idempotency_key=key)
        pushed = unwrap(first)
        assert (pushed.created, pushed.updated) == (10_000, 0)
        assert "idempotent-replayed" not in first.headers
        step("10,000 charges pushed", started)

        # The same request with the same key is answered from the idempotency store.
        again = push_charges.sync_detailed(client=provider, body=push, idempotency_key=key)
        assert again.status_code == 200
        assert again.headers.get("idempotent-replayed") == "true"
        assert again.content == first.content
        assert isinstance(again.parsed, PushChargesResponse)
        assert (again.parsed.created, again.parsed.batch_id) == (10_000, pushed.batch_id)
        step("push replayed", started)

        # Every charge, page by page (500 a page).
        charges = list(paginate(list_charges.sync_detailed, client=provider, period=PERIOD))
        assert len(charges) == 10_000
        assert len({(c.account_number, c.service.code) for c in charges}) == 10_000
        assert {c.batch_id for c in charges} == {pushed.batch_id}
        assert sum(c.amount for c in charges) == sum(i.amount for i in items)
        step("10,000 charges listed", started)

        # The operator bills the period and waits for the run to finish.
        run = unwrap(start_run.sync_detailed(client=operator, body=StartRunRequest(period=PERIOD)))
        deadline = time.monotonic() + 600
        while run.status == "running":
            assert time.monotonic() < deadline, f"billing run still running: {run.to_dict()}"
            time.sleep(0.2)
            run = unwrap(get_run.sync_detailed(run.id, client=operator))
        assert run.status == "finished", run.to_dict()
        assert (run.premises, run.paper_documents, run.e_receipts) == (ACCOUNTS, ACCOUNTS, 0)
        step(f"billing run {run.id} finished", started)

        # Not e-document capable: every account's charges went onto a printed paper ЕПД.
        deliveries = list(paginate(list_deliveries.sync_detailed, client=provider, period=PERIOD))
        assert len(deliveries) == ACCOUNTS
        assert {d.account_number for d in deliveries} == {account_number(i) for i in range(ACCOUNTS)}
        assert Counter((d.kind, d.status) for d in deliveries) == {("paper", "printed"): ACCOUNTS}
        expected_totals = {account_number(i): sum(amount(i, s) for s in range(len(SERVICES))) for i in range(ACCOUNTS)}
        assert {d.account_number: d.total for d in deliveries} == expected_totals
        step(f"{ACCOUNTS} deliveries listed", started)
