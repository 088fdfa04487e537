from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LinkCodeResponse")


@_attrs_define
class LinkCodeResponse:
    """A one-time link code for a resident without a paper bill.

    Attributes:
        expires_at (datetime.datetime):
        link_code (str): Shown once; give it to the resident (valid 30 days, single use).
        payer_code (str):
    """

    expires_at: datetime.datetime
    link_code: str
    payer_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        link_code = self.link_code

        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "link_code": link_code,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        link_code = d.pop("link_code")

        payer_code = d.pop("payer_code")

        link_code_response = cls(
            expires_at=expires_at,
            link_code=link_code,
            payer_code=payer_code,
        )

        link_code_response.additional_properties = d
        return link_code_response

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
