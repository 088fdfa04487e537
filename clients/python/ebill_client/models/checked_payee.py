from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checked_bank import CheckedBank


T = TypeVar("T", bound="CheckedPayee")


@_attrs_define
class CheckedPayee:
    """A payee of a checked document.

    Attributes:
        bank (CheckedBank): Bank details as printed for a payee.
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str):
        total (int):
    """

    bank: CheckedBank
    inn: str
    name: str
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank.to_dict()

        inn = self.inn

        name = self.name

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bank": bank,
                "inn": inn,
                "name": name,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checked_bank import CheckedBank  # noqa: PLC0415

        d = dict(src_dict)
        bank = CheckedBank.from_dict(d.pop("bank"))

        inn = d.pop("inn")

        name = d.pop("name")

        total = d.pop("total")

        checked_payee = cls(
            bank=bank,
            inn=inn,
            name=name,
            total=total,
        )

        checked_payee.additional_properties = d
        return checked_payee

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
