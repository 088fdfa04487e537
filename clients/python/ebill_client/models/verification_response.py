from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verification_channel import VerificationChannel
from ..models.verification_status import VerificationStatus

T = TypeVar("T", bound="VerificationResponse")


@_attrs_define
class VerificationResponse:
    """A pending SMS verification.

    Attributes:
        attempts_left (int):
        channel (VerificationChannel): What carries a verification code.
        expires_at (datetime.datetime):
        id (str):
        status (VerificationStatus): Where an SMS verification is.
        to (str): A phone with all but its last four digits masked. Example: +7******4567.
    """

    attempts_left: int
    channel: VerificationChannel
    expires_at: datetime.datetime
    id: str
    status: VerificationStatus
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts_left = self.attempts_left

        channel = self.channel.value

        expires_at = self.expires_at.isoformat()

        id = self.id

        status = self.status.value

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts_left": attempts_left,
                "channel": channel,
                "expires_at": expires_at,
                "id": id,
                "status": status,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts_left = d.pop("attempts_left")

        channel = VerificationChannel(d.pop("channel"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = d.pop("id")

        status = VerificationStatus(d.pop("status"))

        to = d.pop("to")

        verification_response = cls(
            attempts_left=attempts_left,
            channel=channel,
            expires_at=expires_at,
            id=id,
            status=status,
            to=to,
        )

        verification_response.additional_properties = d
        return verification_response

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
