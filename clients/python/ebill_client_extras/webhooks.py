"""Verifying the webhooks ebill sends to a provider's ``webhook_url``.

Each is a JSON POST with ``Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>``,
one ``v1`` per active secret (two for 24 hours after a rotation), and ``Webhook-Id: evt_…``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["DEFAULT_TOLERANCE", "WebhookEvent", "WebhookSignatureError", "verify"]

DEFAULT_TOLERANCE = 300
"""Seconds: a signature older (or further in the future) than this is refused."""

Reason = Literal[
    "no_header", "no_timestamp", "too_old", "too_new", "no_signature", "no_matching_signature", "not_an_event"
]


class WebhookSignatureError(Exception):
    """A webhook that must not be trusted; ``reason`` says why. Answer it with a 400 and do not act on it."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason: Reason = reason


@dataclass(frozen=True)
class WebhookEvent:
    """An event as ebill sends it: ``type`` is e.g. ``account.delivery_changed``, ``document.delivered``,
    ``ping``. The same event may arrive more than once (``id`` is also the ``Webhook-Id`` header): dedupe on
    ``id``."""

    id: str
    type: str
    created_at: str
    data: dict[str, Any] = field(default_factory=dict)


def _parse(header: str) -> tuple[int | None, list[bytes]]:
    timestamp: int | None = None
    signatures: list[bytes] = []
    for part in header.split(","):
        key, eq, value = part.partition("=")
        if not eq:
            continue
        key, value = key.strip(), value.strip()
        if key == "t" and timestamp is None and value.isascii() and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1" and len(value) == 64:
            try:
                signatures.append(bytes.fromhex(value))
            except ValueError:
                pass
    return timestamp, signatures


def verify(
    payload: bytes | str,
    header: str | None,
    secrets: str | Iterable[str],
    tolerance: float = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> WebhookEvent:
    """Checks a webhook and returns its event.

    - ``payload``: the raw body exactly as received (``bytes``, or the ``str`` decoded as UTF-8), never a
      re-serialised object;
    - ``header``: the ``Webhook-Signature`` header;
    - ``secrets``: the provider's ``webhook_secret`` (from the registration or the latest rotation); during a
      rotation pass both, new and previous: any one matching is enough;
    - ``tolerance``: the most seconds between the signature's ``t`` and ``now``, either way (default 300);
    - ``now``: the current Unix time in seconds (default ``time.time()``), for tests.

    Raises ``WebhookSignatureError`` when the header has no timestamp, the timestamp is outside the
    tolerance, no ``v1`` signature matches any secret, or the verified body is not an event.
    """
    if not header:
        raise WebhookSignatureError("no_header", "no Webhook-Signature header")
    timestamp, signatures = _parse(header)
    if timestamp is None:
        raise WebhookSignatureError("no_timestamp", "the Webhook-Signature header has no t=<unix seconds>")
    current = int(time.time() if now is None else now)
    if current - timestamp > tolerance:
        raise WebhookSignatureError(
            "too_old", f"signed {current - timestamp} s ago, more than the tolerance of {tolerance} s"
        )
    if timestamp - current > tolerance:
        raise WebhookSignatureError(
            "too_new", f"signed {timestamp - current} s in the future, more than the tolerance of {tolerance} s"
        )
    if not signatures:
        raise WebhookSignatureError("no_signature", "the Webhook-Signature header has no v1=<hex> signature")

    body = payload.encode() if isinstance(payload, str) else bytes(payload)
    keys = [secrets] if isinstance(secrets, str) else [s for s in secrets]
    keys = [s for s in keys if s]
    if not keys:
        raise ValueError("verify: no secret given")
    signed = str(timestamp).encode() + b"." + body
    matched = False
    for secret in keys:
        expected = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
        for signature in signatures:
            # Every pair is compared in constant time, with no early exit.
            matched |= hmac.compare_digest(expected, signature)
    if not matched:
        raise WebhookSignatureError(
            "no_matching_signature", "no v1 signature matches the secret(s): wrong secret or altered body"
        )

    try:
        event = json.loads(body)
    except ValueError:
        raise WebhookSignatureError("not_an_event", "the signed body is not JSON") from None
    if not (
        isinstance(event, Mapping)
        and isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(event.get("created_at"), str)
        and isinstance(event.get("data"), Mapping)
    ):
        raise WebhookSignatureError("not_an_event", "the signed body is not an event ({id, type, created_at, data})")
    return WebhookEvent(id=event["id"], type=event["type"], created_at=event["created_at"], data=dict(event["data"]))
