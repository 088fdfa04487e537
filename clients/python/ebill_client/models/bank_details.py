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
        account (str): 20-digit settlement account; its key digit is checked against the BIK.
        bik (str): 9-digit BIK.
        correspondent_account (str): The bank's 20-digit correspondent account (30101…); checked against the BIK.
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
