"""``verify`` against the server's real signatures: a webhook receiver on 127.0.0.1 gets the events a
resident's delivery changes send to the provider, before and after a rotation of its webhook secret."""

from __future__ import annotations

import json

import httpx
import pytest
from conftest import Delivery, Server, WebhookReceiver, confirmation_token, registration, sms_code

from ebill_client.api.accounts import put_accounts
from ebill_client.api.addresses import link_address, request_delivery
from ebill_client.api.premises import issue_link_code
from ebill_client.api.providers import approve_provider, put_edoc, register_provider, rotate_webhook_secret
from ebill_client.api.residents import confirm, confirm_email, register_resident
from ebill_client.client import AuthenticatedClient
from ebill_client.models import (
    AccountInput,
    AddressDto,
    Channel,
    ConfirmRequest,
    ConsentRequest,
    ConsentRequestVersion,
    DeliveryRequest,
    EdocRequest,
    EmailConfirmationRequest,
    LinkAddressRequest,
    PutAccountsRequest,
    RegisterResidentRequest,
)
from ebill_client_extras import WebhookSignatureError, password_client, provider_client, public_client, unwrap, verify

PERIOD = "2021-08"
RESIDENT = "anna@example.org"
RESIDENT_PASSWORD = "correct horse battery"


def switch(server: Server, resident: AuthenticatedClient, address_id: str, channel: Channel, sms: int) -> None:
    """Asks for a delivery change and confirms it with the code of the ``sms``-th SMS."""
    body = DeliveryRequest(channel=channel, sms_notifications=False)
    requested = unwrap(request_delivery.sync_detailed(address_id, client=resident, body=body))
    code = sms_code(server, sms)
    unwrap(confirm.sync_detailed(requested.verification.id, client=resident, body=ConfirmRequest(code=code)))


def signatures(delivery: Delivery) -> list[str]:
    return [part for part in delivery.headers["webhook-signature"].split(",") if part.startswith("v1=")]


def test_real_webhooks_verify_with_the_webhook_secret(own_server: Server, webhook_receiver: WebhookReceiver) -> None:
    server = own_server
    with public_client(server.base_url) as public:
        registered = unwrap(
            register_provider.sync_detailed(client=public, body=registration(webhook_url=webhook_receiver.url))
        )
    secret = registered.webhook_secret
    assert secret

    with (
        password_client(server.base_url, server.operator_email, server.operator_password) as operator,
        provider_client(server.base_url, registered.client_id, registered.client_secret) as provider,
        public_client(server.base_url) as public,
        password_client(server.base_url, RESIDENT, RESIDENT_PASSWORD) as resident,
    ):
        unwrap(approve_provider.sync_detailed(registered.id, client=operator))
        unwrap(put_edoc.sync_detailed(client=provider, body=EdocRequest(edoc_capable=True, since=PERIOD)))
        address = AddressDto(city="Абакан", street="ул. Ленина", house="12", apartment="5")
        accounts = unwrap(
            put_accounts.sync_detailed(
                client=provider, body=PutAccountsRequest(accounts=[AccountInput(number="1001", address=address)])
            )
        )
        payer_code = accounts.accounts[0].payer_code
        assert isinstance(payer_code, str), "a real upload gives every payer code"

        # A resident links the premises and switches it to electronic receipts: the provider hears of it.
        unwrap(
            register_resident.sync_detailed(
                client=public,
                body=RegisterResidentRequest(
                    email=RESIDENT,
                    phone="+79131234567",
                    password=RESIDENT_PASSWORD,
                    consent=ConsentRequest(version=ConsentRequestVersion("2026-12-01")),
                ),
            )
        )
        token = confirmation_token(server, RESIDENT)
        unwrap(confirm_email.sync_detailed(client=public, body=EmailConfirmationRequest(token=token)))
        link_code = unwrap(issue_link_code.sync_detailed(payer_code, client=operator)).link_code
        linked = unwrap(
            link_address.sync_detailed(
                client=resident, body=LinkAddressRequest(payer_code=payer_code, link_code=link_code)
            )
        )
        switch(server, resident, linked.id, Channel.ELECTRONIC, sms=1)

        first = webhook_receiver.next()
        assert first.path == "/ebill/events"
        assert len(signatures(first)) == 1
        event = verify(first.body, first.headers["webhook-signature"], secret)
        assert event.type == "account.delivery_changed"
        assert event.id == first.headers["webhook-id"]
        assert event.data["account_number"] == "1001"
        assert event.data["delivery"] == "electronic"
        assert json.loads(first.body)["data"] == event.data

        # A tampered body, another secret, an old delivery replayed: refused, each with its reason.
        tampered = first.body.replace(b'"electronic"', b'"paper"')
        assert tampered != first.body
        for body, secrets, now, reason in [
            (tampered, [secret], None, "no_matching_signature"),
            (first.body, ["whsec_not-the-secret"], None, "no_matching_signature"),
            (first.body, [secret], float(first.headers["webhook-signature"][2:12]) + 301, "too_old"),
        ]:
            with pytest.raises(WebhookSignatureError) as raised:
                verify(body, first.headers["webhook-signature"], secrets, now=now)
            assert raised.value.reason == reason

        # After a rotation both secrets sign for a day: the receiver may hold either, or both.
        rotated = unwrap(rotate_webhook_secret.sync_detailed(client=provider))
        new_secret = rotated.webhook_secret
        assert new_secret != secret
        switch(server, resident, linked.id, Channel.PAPER, sms=2)
        second = webhook_receiver.next()
        assert len(signatures(second)) == 2
        for secrets in ([new_secret], [secret], [new_secret, secret]):
            back = verify(second.body, second.headers["webhook-signature"], secrets)
            assert (back.type, back.data["delivery"]) == ("account.delivery_changed", "paper")
        with pytest.raises(WebhookSignatureError):
            verify(second.body.replace(b'"paper"', b'"electronic"'), second.headers["webhook-signature"], new_secret)


def test_the_test_webhook_verifies(own_server: Server, webhook_receiver: WebhookReceiver) -> None:
    """``POST /v1/providers/me/webhooks/test``: a signed ``ping``, sent while the request waits."""
    spec = httpx.get(f"{own_server.base_url}/openapi.json").json()
    if "/v1/providers/me/webhooks/test" not in spec["paths"]:
        pytest.skip("this server has no POST /v1/providers/me/webhooks/test yet")
    with public_client(own_server.base_url) as public:
        registered = unwrap(
            register_provider.sync_detailed(client=public, body=registration(webhook_url=webhook_receiver.url))
        )
    with (
        password_client(own_server.base_url, own_server.operator_email, own_server.operator_password) as operator,
        provider_client(own_server.base_url, registered.client_id, registered.client_secret) as provider,
    ):
        unwrap(approve_provider.sync_detailed(registered.id, client=operator))
        answer = provider.get_httpx_client().post("/v1/providers/me/webhooks/test")
        assert answer.status_code == 200, answer.text
    ping = webhook_receiver.next()
    event = verify(ping.body, ping.headers.get("webhook-signature"), registered.webhook_secret)
    assert (event.type, event.data["provider_id"]) == ("ping", registered.id)
    with pytest.raises(WebhookSignatureError):
        verify(ping.body + b" ", ping.headers.get("webhook-signature"), registered.webhook_secret)
