from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BankDetails")


@_attrs_define
class BankDetails:
    """A provider's bank details, as printed on receipts and in the payment QR.

    Example:
        {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account': '30101810400000000225', 'name':
            'ПАО Сбербанк'}

    Attributes:
        account (str): A settlement account (расчётный счёт): 20 digits. Its key digit is verified against the bank's
            BIK (the Bank of Russia's control of an account), which no pattern can state: an account whose key
            does not agree with the BIK is refused with 422 `validation_failed` naming this field (the
            documented exception). Example: 40702810438000060473.
        bik (str): БИК, the bank identification code: 9 digits starting with the country code 04. Example: 044525225.
        correspondent_account (str): A bank's correspondent account at the Bank of Russia: 20 digits starting with
            30101. It must end
            with the BIK's last three digits and its key digit must agree with the BIK, which no pattern can
            state: such an account is refused with 422 `validation_failed` naming this field (the documented
            exception, the same control as a settlement account's key). Example: 30101810400000000225.
        name (str): Bank name.
    """

    account: str
    bik: str
    correspondent_account: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        bik = self.bik

        correspondent_account = self.correspondent_account

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "bik": bik,
                "correspondent_account": correspondent_account,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        bik = d.pop("bik")

        correspondent_account = d.pop("correspondent_account")

        name = d.pop("name")

        bank_details = cls(
            account=account,
            bik=bik,
            correspondent_account=correspondent_account,
            name=name,
        )

        return bank_details
