from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_delivery_status import WebhookDeliveryStatus
from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookDeliveryResponse")


@_attrs_define
class WebhookDeliveryResponse:
    """One attempt at sending an event to the provider's webhook.

    Attributes:
        attempt (int): 1 for the first attempt at the event, counting on through retries and redeliveries.
        created_at (datetime.datetime):
        event_id (str): The event (`webhook-id` header, `id` of the body); the same in every attempt and redelivery of
            it.
        id (str):
        latency_ms (int): How long the receiver took to answer (or the call to fail).
        redelivery (bool): Sent because the provider asked for the event again.
        status (WebhookDeliveryStatus): How one attempt at a webhook ended.
        type_ (WebhookEvent): What a webhook tells a provider (its `type`).
        url (str): Where it was sent.
        error (None | str | Unset): Why the attempt failed; null when it succeeded.
        response_status (int | None | Unset): The HTTP status the receiver answered; null when it could not be reached
            or was not called.
    """

    attempt: int
    created_at: datetime.datetime
    event_id: str
    id: str
    latency_ms: int
    redelivery: bool
    status: WebhookDeliveryStatus
    type_: WebhookEvent
    url: str
    error: None | str | Unset = UNSET
    response_status: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt = self.attempt

        created_at = self.created_at.isoformat()

        event_id = self.event_id

        id = self.id

        latency_ms = self.latency_ms

        redelivery = self.redelivery

        status = self.status.value

        type_ = self.type_.value

        url = self.url

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        response_status: int | None | Unset
        if isinstance(self.response_status, Unset):
            response_status = UNSET
        else:
            response_status = self.response_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt": attempt,
                "created_at": created_at,
                "event_id": event_id,
                "id": id,
                "latency_ms": latency_ms,
                "redelivery": redelivery,
                "status": status,
                "type": type_,
                "url": url,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if response_status is not UNSET:
            field_dict["response_status"] = response_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempt = d.pop("attempt")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_id = d.pop("event_id")

        id = d.pop("id")

        latency_ms = d.pop("latency_ms")

        redelivery = d.pop("redelivery")

        status = WebhookDeliveryStatus(d.pop("status"))

        type_ = WebhookEvent(d.pop("type"))

        url = d.pop("url")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_response_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        response_status = _parse_response_status(d.pop("response_status", UNSET))

        webhook_delivery_response = cls(
            attempt=attempt,
            created_at=created_at,
            event_id=event_id,
            id=id,
            latency_ms=latency_ms,
            redelivery=redelivery,
            status=status,
            type_=type_,
            url=url,
            error=error,
            response_status=response_status,
        )

        webhook_delivery_response.additional_properties = d
        return webhook_delivery_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
