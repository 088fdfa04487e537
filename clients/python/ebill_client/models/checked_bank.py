from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckedBank")


@_attrs_define
class CheckedBank:
    """Bank details as printed for a payee.

    Attributes:
        account (str): A settlement account (расчётный счёт): 20 digits. Its key digit is verified against the bank's
            BIK (the Bank of Russia's control of an account), which no pattern can state: an account whose key
            does not agree with the BIK is refused with 422 `validation_failed` naming this field (the
            documented exception). Example: 40702810438000060473.
        bik (str): БИК, the bank identification code: 9 digits starting with the country code 04. Example: 044525225.
    """

    account: str
    bik: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        bik = self.bik

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "bik": bik,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        bik = d.pop("bik")

        checked_bank = cls(
            account=account,
            bik=bik,
        )

        checked_bank.additional_properties = d
        return checked_bank

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
