from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_reason import ChangeReason
from ..models.channel import Channel
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryChangeResponse")


@_attrs_define
class DeliveryChangeResponse:
    """One applied change of delivery.

    Attributes:
        changed_at (datetime.datetime):
        effective_from (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        from_ (Channel): How a premises' receipts reach its residents.
        from_sms_notifications (bool):
        reason (ChangeReason): Why an address's delivery changed.
        sms_notifications (bool):
        to (Channel): How a premises' receipts reach its residents.
        client (None | str | Unset): Who asked for it: an app's name (its `client_id` is authenticated), else the `User-
            Agent` of the
            cabinet's browser or the first-party client.
        client_id (None | str | Unset): The app that asked for it; null for the cabinet and first-party logins.
        verification_id (None | str | Unset): The SMS verification that confirmed it; null when the platform made the
            change.
    """

    changed_at: datetime.datetime
    effective_from: str
    from_: Channel
    from_sms_notifications: bool
    reason: ChangeReason
    sms_notifications: bool
    to: Channel
    client: None | str | Unset = UNSET
    client_id: None | str | Unset = UNSET
    verification_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed_at = self.changed_at.isoformat()

        effective_from = self.effective_from

        from_ = self.from_.value

        from_sms_notifications = self.from_sms_notifications

        reason = self.reason.value

        sms_notifications = self.sms_notifications

        to = self.to.value

        client: None | str | Unset
        if isinstance(self.client, Unset):
            client = UNSET
        else:
            client = self.client

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        verification_id: None | str | Unset
        if isinstance(self.verification_id, Unset):
            verification_id = UNSET
        else:
            verification_id = self.verification_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed_at": changed_at,
                "effective_from": effective_from,
                "from": from_,
                "from_sms_notifications": from_sms_notifications,
                "reason": reason,
                "sms_notifications": sms_notifications,
                "to": to,
            }
        )
        if client is not UNSET:
            field_dict["client"] = client
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if verification_id is not UNSET:
            field_dict["verification_id"] = verification_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        effective_from = d.pop("effective_from")

        from_ = Channel(d.pop("from"))

        from_sms_notifications = d.pop("from_sms_notifications")

        reason = ChangeReason(d.pop("reason"))

        sms_notifications = d.pop("sms_notifications")

        to = Channel(d.pop("to"))

        def _parse_client(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client = _parse_client(d.pop("client", UNSET))

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_verification_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification_id = _parse_verification_id(d.pop("verification_id", UNSET))

        delivery_change_response = cls(
            changed_at=changed_at,
            effective_from=effective_from,
            from_=from_,
            from_sms_notifications=from_sms_notifications,
            reason=reason,
            sms_notifications=sms_notifications,
            to=to,
            client=client,
            client_id=client_id,
            verification_id=verification_id,
        )

        delivery_change_response.additional_properties = d
        return delivery_change_response

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
