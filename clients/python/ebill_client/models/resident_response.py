from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResidentResponse")


@_attrs_define
class ResidentResponse:
    """The resident's own profile.

    Attributes:
        created_at (datetime.datetime):
        email (str):
        email_confirmed (bool): Electronic receipts need a confirmed email.
        id (str):
        phone (str): A Russian phone number in E.164, as the server stores and answers it. Example: +79131234567.
        email_undeliverable_since (datetime.datetime | None | Unset): When mail to `email` bounced for good: receipts
            went back to paper, and electronic receipts
            need the email changed or confirmed again. Null while mail arrives.
        name (None | str | Unset):
        pending_email (None | str | Unset): A new email waiting for its confirmation link (receipts still go to
            `email`).
        pending_phone (None | str | Unset):
    """

    created_at: datetime.datetime
    email: str
    email_confirmed: bool
    id: str
    phone: str
    email_undeliverable_since: datetime.datetime | None | Unset = UNSET
    name: None | str | Unset = UNSET
    pending_email: None | str | Unset = UNSET
    pending_phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        email_confirmed = self.email_confirmed

        id = self.id

        phone = self.phone

        email_undeliverable_since: None | str | Unset
        if isinstance(self.email_undeliverable_since, Unset):
            email_undeliverable_since = UNSET
        elif isinstance(self.email_undeliverable_since, datetime.datetime):
            email_undeliverable_since = self.email_undeliverable_since.isoformat()
        else:
            email_undeliverable_since = self.email_undeliverable_since

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        pending_email: None | str | Unset
        if isinstance(self.pending_email, Unset):
            pending_email = UNSET
        else:
            pending_email = self.pending_email

        pending_phone: None | str | Unset
        if isinstance(self.pending_phone, Unset):
            pending_phone = UNSET
        else:
            pending_phone = self.pending_phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "email_confirmed": email_confirmed,
                "id": id,
                "phone": phone,
            }
        )
        if email_undeliverable_since is not UNSET:
            field_dict["email_undeliverable_since"] = email_undeliverable_since
        if name is not UNSET:
            field_dict["name"] = name
        if pending_email is not UNSET:
            field_dict["pending_email"] = pending_email
        if pending_phone is not UNSET:
            field_dict["pending_phone"] = pending_phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        email_confirmed = d.pop("email_confirmed")

        id = d.pop("id")

        phone = d.pop("phone")

        def _parse_email_undeliverable_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                email_undeliverable_since_type_0 = datetime.datetime.fromisoformat(data)

                return email_undeliverable_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        email_undeliverable_since = _parse_email_undeliverable_since(d.pop("email_undeliverable_since", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_pending_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pending_email = _parse_pending_email(d.pop("pending_email", UNSET))

        def _parse_pending_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pending_phone = _parse_pending_phone(d.pop("pending_phone", UNSET))

        resident_response = cls(
            created_at=created_at,
            email=email,
            email_confirmed=email_confirmed,
            id=id,
            phone=phone,
            email_undeliverable_since=email_undeliverable_since,
            name=name,
            pending_email=pending_email,
            pending_phone=pending_phone,
        )

        resident_response.additional_properties = d
        return resident_response

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
