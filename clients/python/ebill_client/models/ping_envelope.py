from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.ping_envelope_type import PingEnvelopeType

if TYPE_CHECKING:
    from ..models.ping_event import PingEvent


T = TypeVar("T", bound="PingEnvelope")


@_attrs_define
class PingEnvelope:
    """The `ping` event as POSTed to the provider's `webhook_url`.

    Attributes:
        created_at (datetime.datetime):
        data (PingEvent): A test event (`ping`), sent on the provider's request to check its receiver.
        id (str): The event's id, also in the `webhook-id` header: the same on every retry of the event, so a receiver
            can drop repeats.
        type_ (PingEnvelopeType):
    """

    created_at: datetime.datetime
    data: PingEvent
    id: str
    type_: PingEnvelopeType

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ping_event import PingEvent  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = PingEvent.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = PingEnvelopeType(d.pop("type"))

        ping_envelope = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return ping_envelope
