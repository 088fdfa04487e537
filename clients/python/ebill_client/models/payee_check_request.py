from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PayeeCheckRequest")


@_attrs_define
class PayeeCheckRequest:
    """Bank details to check.

    Example:
        {'account': '40702810438000060473', 'bik': '044525225', 'inn': '1901067718'}

    Attributes:
        account (str):
        bik (str):
        inn (str):
    """

    account: str
    bik: str
    inn: str

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        bik = self.bik

        inn = self.inn

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "bik": bik,
                "inn": inn,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        bik = d.pop("bik")

        inn = d.pop("inn")

        payee_check_request = cls(
            account=account,
            bik=bik,
            inn=inn,
        )

        return payee_check_request
