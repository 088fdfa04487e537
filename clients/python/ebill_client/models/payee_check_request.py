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
        account (str): 20 digits (its key is not checked here: an account that is not a provider's is simply not
            registered).
        bik (str): БИК, the bank identification code: 9 digits starting with the country code 04. Example: 044525225.
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
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
