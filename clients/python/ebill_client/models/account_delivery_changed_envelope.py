from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.account_delivery_changed_envelope_type import AccountDeliveryChangedEnvelopeType

if TYPE_CHECKING:
    from ..models.account_delivery_changed_event import AccountDeliveryChangedEvent


T = TypeVar("T", bound="AccountDeliveryChangedEnvelope")


@_attrs_define
class AccountDeliveryChangedEnvelope:
    """The `account.delivery_changed` event as POSTed to the provider's `webhook_url`.

    Attributes:
        created_at (datetime.datetime):
        data (AccountDeliveryChangedEvent): How the provider's charges for an account go out from a period on changed
            (`account.delivery_changed`): a resident of the premises switched, or the provider's e-document
            capability was withdrawn.
        id (str): The event's id, also in the `webhook-id` header: the same on every retry of the event, so a receiver
            can drop repeats.
        type_ (AccountDeliveryChangedEnvelopeType):
    """

    created_at: datetime.datetime
    data: AccountDeliveryChangedEvent
    id: str
    type_: AccountDeliveryChangedEnvelopeType

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
        from ..models.account_delivery_changed_event import AccountDeliveryChangedEvent  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = AccountDeliveryChangedEvent.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = AccountDeliveryChangedEnvelopeType(d.pop("type"))

        account_delivery_changed_envelope = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return account_delivery_changed_envelope
