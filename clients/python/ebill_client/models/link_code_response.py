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
        link_code (str): A one-time link code, as printed on a paper ЕПД or issued by an operator: 8 Crockford base-32
            characters written `XXXX-XXXX` (case, a space instead of the hyphen, `O` for `0` and `I`/`L` for
            `1` are forgiven). A code that does not match the payer code (or was used, or has expired) is
            refused with 422 on `link_code`. Example: 7KQ2-M9XD.
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
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
