from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProviderContacts")


@_attrs_define
class ProviderContacts:
    """Contact details, seen by operators and the provider itself.

    Attributes:
        client_id (str):
        created_at (datetime.datetime):
        email (str):
        phone (str): A Russian phone number in E.164, as the server stores and answers it. Example: +79131234567.
        updated_at (datetime.datetime):
        webhook_url (None | str | Unset):
    """

    client_id: str
    created_at: datetime.datetime
    email: str
    phone: str
    updated_at: datetime.datetime
    webhook_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        created_at = self.created_at.isoformat()

        email = self.email

        phone = self.phone

        updated_at = self.updated_at.isoformat()

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "created_at": created_at,
                "email": email,
                "phone": phone,
                "updated_at": updated_at,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        phone = d.pop("phone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        provider_contacts = cls(
            client_id=client_id,
            created_at=created_at,
            email=email,
            phone=phone,
            updated_at=updated_at,
            webhook_url=webhook_url,
        )

        provider_contacts.additional_properties = d
        return provider_contacts

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
