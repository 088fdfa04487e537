from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryRequest")


@_attrs_define
class DeliveryRequest:
    """The delivery wanted.

    Example:
        {'channel': 'electronic', 'sms_notifications': True}

    Attributes:
        channel (Channel): How a premises' receipts reach its residents.
        sms_notifications (bool | Unset): Also a short SMS with the total of each new period.
    """

    channel: Channel
    sms_notifications: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        sms_notifications = self.sms_notifications

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )
        if sms_notifications is not UNSET:
            field_dict["sms_notifications"] = sms_notifications

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        sms_notifications = d.pop("sms_notifications", UNSET)

        delivery_request = cls(
            channel=channel,
            sms_notifications=sms_notifications,
        )

        return delivery_request
