from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.document_delivered_envelope_type import DocumentDeliveredEnvelopeType

if TYPE_CHECKING:
    from ..models.document_delivery_event import DocumentDeliveryEvent


T = TypeVar("T", bound="DocumentDeliveredEnvelope")


@_attrs_define
class DocumentDeliveredEnvelope:
    """The `document.delivered` event as POSTed to the provider's `webhook_url`.

    Attributes:
        created_at (datetime.datetime):
        data (DocumentDeliveryEvent): What became of an e-receipt carrying the provider's charges (`document.delivered`,
            `document.failed`).
        id (str): The event's id, also in the `webhook-id` header: the same on every retry of the event, so a receiver
            can drop repeats.
        type_ (DocumentDeliveredEnvelopeType):
    """

    created_at: datetime.datetime
    data: DocumentDeliveryEvent
    id: str
    type_: DocumentDeliveredEnvelopeType

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
        from ..models.document_delivery_event import DocumentDeliveryEvent  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = DocumentDeliveryEvent.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = DocumentDeliveredEnvelopeType(d.pop("type"))

        document_delivered_envelope = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return document_delivered_envelope
