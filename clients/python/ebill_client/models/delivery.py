from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verification_response import VerificationResponse


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """How receipts of the address are delivered.

    Attributes:
        channel (Channel): How a premises' receipts reach its residents.
        sms_notifications (bool):
        effective_from (None | str | Unset):
        pending_verification (None | Unset | VerificationResponse):
    """

    channel: Channel
    sms_notifications: bool
    effective_from: None | str | Unset = UNSET
    pending_verification: None | Unset | VerificationResponse = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        channel = self.channel.value

        sms_notifications = self.sms_notifications

        effective_from: None | str | Unset
        if isinstance(self.effective_from, Unset):
            effective_from = UNSET
        else:
            effective_from = self.effective_from

        pending_verification: dict[str, Any] | None | Unset
        if isinstance(self.pending_verification, Unset):
            pending_verification = UNSET
        elif isinstance(self.pending_verification, VerificationResponse):
            pending_verification = self.pending_verification.to_dict()
        else:
            pending_verification = self.pending_verification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "sms_notifications": sms_notifications,
            }
        )
        if effective_from is not UNSET:
            field_dict["effective_from"] = effective_from
        if pending_verification is not UNSET:
            field_dict["pending_verification"] = pending_verification

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        sms_notifications = d.pop("sms_notifications")

        def _parse_effective_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        effective_from = _parse_effective_from(d.pop("effective_from", UNSET))

        def _parse_pending_verification(data: object) -> None | Unset | VerificationResponse:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_verification_type_1 = VerificationResponse.from_dict(data)

                return pending_verification_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationResponse, data)

        pending_verification = _parse_pending_verification(d.pop("pending_verification", UNSET))

        delivery = cls(
            channel=channel,
            sms_notifications=sms_notifications,
            effective_from=effective_from,
            pending_verification=pending_verification,
        )

        delivery.additional_properties = d
        return delivery

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
