from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountPayerCode")


@_attrs_define
class AccountPayerCode:
    """An account and the payer code of its premises.

    Attributes:
        number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them a space
            or a control character. Example: 1001234.
        payer_code (None | str):
    """

    number: str
    payer_code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        payer_code: None | str
        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        def _parse_payer_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payer_code = _parse_payer_code(d.pop("payer_code"))

        account_payer_code = cls(
            number=number,
            payer_code=payer_code,
        )

        account_payer_code.additional_properties = d
        return account_payer_code

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
