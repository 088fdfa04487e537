"""Offline tests of ``verify``: fixed vectors (HMAC-SHA256 computed independently) and its refusals."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest

from ebill_client_extras import WebhookEvent, WebhookSignatureError, verify
from ebill_client_extras.webhooks import Reason

T = 1_700_000_000
NOW = T + 30
BODY = '{"id":"evt_1","type":"ping","created_at":"2023-11-14T22:13:20+00:00","data":{"provider_id":"prv_1"}}'
# HMAC-SHA256(secret, "1700000000." + BODY), the same vectors as the TypeScript client's tests.
SIG_NEW = "44684c01faabad0251973d6031b56404484f18baf559d55cc4bc8a7d5285269c"
SIG_OLD = "d9f6c9a71bade627a68d16d0f5ecf9bf01ecfa5e7b5c06c7b233e1236ae36d1f"


def refused(reason: Reason, *args: object, **kwargs: object) -> None:
    with pytest.raises(WebhookSignatureError) as raised:
        verify(*args, **kwargs)  # type: ignore[arg-type]
    assert raised.value.reason == reason, str(raised.value)


def test_a_signature_of_the_secret_is_accepted_and_the_event_returned() -> None:
    event = verify(BODY, f"t={T},v1={SIG_NEW}", "whsec_new", now=NOW)
    assert event == WebhookEvent(
        id="evt_1", type="ping", created_at="2023-11-14T22:13:20+00:00", data={"provider_id": "prv_1"}
    )
    assert verify(BODY.encode(), f"t={T},v1={SIG_NEW}", ["whsec_new"], 300, now=NOW) == event


def test_during_a_rotation_either_secret_is_enough() -> None:
    header = f"t={T},v1={SIG_NEW},v1={SIG_OLD}"
    for secrets in ("whsec_new", "whsec_old", ["whsec_new", "whsec_old"], ("whsec_old",)):
        verify(BODY, header, secrets, now=NOW)
    verify(BODY, f"t={T},v1={SIG_OLD}", ["whsec_new", "whsec_old"], now=NOW)
    refused("no_matching_signature", BODY, f"t={T},v1={SIG_OLD}", "whsec_new", now=NOW)


def test_a_tampered_body_another_timestamp_or_a_wrong_secret_do_not_match() -> None:
    refused("no_matching_signature", BODY.replace("prv_1", "prv_2"), f"t={T},v1={SIG_NEW}", "whsec_new", now=NOW)
    refused("no_matching_signature", BODY, f"t={T + 1},v1={SIG_NEW}", "whsec_new", now=NOW)
    refused("no_matching_signature", BODY, f"t={T},v1={SIG_NEW}", "whsec_other", now=NOW)
    refused("no_signature", BODY, f"t={T},v1={SIG_NEW[:62]}", "whsec_new", now=NOW)
    refused("no_signature", BODY, f"t={T},v0={SIG_NEW}", "whsec_new", now=NOW)


def test_the_timestamp_missing_too_old_too_far_in_the_future() -> None:
    refused("no_header", BODY, None, "whsec_new")
    refused("no_header", BODY, "", "whsec_new")
    refused("no_timestamp", BODY, f"v1={SIG_NEW}", "whsec_new", now=NOW)
    refused("no_timestamp", BODY, f"t=soon,v1={SIG_NEW}", "whsec_new", now=NOW)
    refused("too_old", BODY, f"t={T},v1={SIG_NEW}", "whsec_new", now=T + 301)
    verify(BODY, f"t={T},v1={SIG_NEW}", "whsec_new", now=T + 300)
    refused("too_new", BODY, f"t={T},v1={SIG_NEW}", "whsec_new", now=T - 301)
    refused("too_old", BODY, f"t={T},v1={SIG_NEW}", "whsec_new", 10, now=NOW)
    refused("too_old", BODY, f"t={T},v1={SIG_NEW}", "whsec_new")  # against the clock: 2023 is long ago


def test_a_fresh_signature_and_a_signed_body_that_is_not_an_event() -> None:
    now = int(time.time())

    def sign(body: str, secret: str) -> str:
        return hmac.new(secret.encode(), f"{now}.{body}".encode(), hashlib.sha256).hexdigest()

    body = json.dumps({"id": "evt_2", "type": "document.delivered", "created_at": "x", "data": {"total": 1}})
    assert verify(body, f" t={now} , v1={sign(body, 's')} ", "s").data == {"total": 1}
    refused("not_an_event", "[1,2]", f"t={now},v1={sign('[1,2]', 's')}", "s")
    refused("not_an_event", "not json", f"t={now},v1={sign('not json', 's')}", "s")
    with pytest.raises(ValueError):
        verify(body, f"t={now},v1={sign(body, 's')}", [])
