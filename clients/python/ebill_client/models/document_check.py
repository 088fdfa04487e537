from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_kind import DocumentKind

if TYPE_CHECKING:
    from ..models.checked_payee import CheckedPayee


T = TypeVar("T", bound="DocumentCheck")


@_attrs_define
class DocumentCheck:
    """A genuine document.

    Attributes:
        kind (DocumentKind): What a billing run makes.
        payees (list[CheckedPayee]): Pay only these: a receipt with other bank details is forged.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        total (int):
    """

    kind: DocumentKind
    payees: list[CheckedPayee]
    period: str
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        payees = []
        for payees_item_data in self.payees:
            payees_item = payees_item_data.to_dict()
            payees.append(payees_item)

        period = self.period

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "payees": payees,
                "period": period,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checked_payee import CheckedPayee  # noqa: PLC0415

        d = dict(src_dict)
        kind = DocumentKind(d.pop("kind"))

        payees = []
        _payees = d.pop("payees")
        for payees_item_data in _payees:
            payees_item = CheckedPayee.from_dict(payees_item_data)

            payees.append(payees_item)

        period = d.pop("period")

        total = d.pop("total")

        document_check = cls(
            kind=kind,
            payees=payees,
            period=period,
            total=total,
        )

        document_check.additional_properties = d
        return document_check

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
