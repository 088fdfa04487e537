from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bounce_kind import BounceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="BounceRequest")


@_attrs_define
class BounceRequest:
    """A bounce report.

    Example:
        {'email': 'anna@example.org', 'kind': 'hard', 'message_id': '<msg_0193f6a2@ebill.example>', 'reason': '550 5.1.1
            mailbox unavailable'}

    Attributes:
        email (str): An email address (at most 254 characters; surrounding spaces are trimmed, and it is kept in lower
            case). Example: billing@vodokanal.example.
        kind (BounceKind): A mail provider's bounce report.
        message_id (None | str | Unset): The `Message-ID` of the bounced message, which names what it carried.
        reason (None | str | Unset): The remote server's words, as the report gives them.
    """

    email: str
    kind: BounceKind
    message_id: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        kind = self.kind.value

        message_id: None | str | Unset
        if isinstance(self.message_id, Unset):
            message_id = UNSET
        else:
            message_id = self.message_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "kind": kind,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        kind = BounceKind(d.pop("kind"))

        def _parse_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message_id = _parse_message_id(d.pop("message_id", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        bounce_request = cls(
            email=email,
            kind=kind,
            message_id=message_id,
            reason=reason,
        )

        return bounce_request
