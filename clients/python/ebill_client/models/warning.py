from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.warning_code import WarningCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Warning_")


@_attrs_define
class Warning_:
    """One kind of anomaly found in a request, with every item it concerns.

    Example:
        {'code': 'amount_far_from_last_period', 'count': 1, 'items': ['items[17].amount'], 'message': "1 amount is more
            than 10× or less than a tenth of last period's, e.g. items[17].amount: 2 203 200,00 ₽, 2021-07 had 22 032,00 ₽"}

    Attributes:
        code (WarningCode): What a warning is about; the codes are stable, the messages are for people.
        count (int): How many cases were found (items, or accounts for `accounts_missing`).
        items (list[str]): The request's items concerned, by path (`items[17].amount`); empty for `accounts_missing`,
            whose accounts are not in the request.
        message (str): What was found, with the first case spelled out.
        account_numbers (list[str] | Unset): `accounts_missing` only: the first (up to 20) of the missing account
            numbers, in order.
    """

    code: WarningCode
    count: int
    items: list[str]
    message: str
    account_numbers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        count = self.count

        items = self.items

        message = self.message

        account_numbers: list[str] | Unset = UNSET
        if not isinstance(self.account_numbers, Unset):
            account_numbers = self.account_numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "count": count,
                "items": items,
                "message": message,
            }
        )
        if account_numbers is not UNSET:
            field_dict["account_numbers"] = account_numbers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = WarningCode(d.pop("code"))

        count = d.pop("count")

        items = cast(list[str], d.pop("items"))

        message = d.pop("message")

        account_numbers = cast(list[str], d.pop("account_numbers", UNSET))

        warning = cls(
            code=code,
            count=count,
            items=items,
            message=message,
            account_numbers=account_numbers,
        )

        warning.additional_properties = d
        return warning

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
