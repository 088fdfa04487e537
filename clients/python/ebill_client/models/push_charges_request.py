from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.charge_item import ChargeItem


T = TypeVar("T", bound="PushChargesRequest")


@_attrs_define
class PushChargesRequest:
    """Charges of one period.

    Example:
        {'items': [{'account_number': '1001234', 'amount': 22032, 'debt': 0, 'penalty': 0, 'recalculation': 0,
            'service': {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}, 'tariff': '42.37', 'volume':
            '5.2'}], 'period': '2021-08'}

    Attributes:
        items (list[ChargeItem]): 1 to 10,000 charges, each (account, service code) once.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
    """

    items: list[ChargeItem]
    period: str

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        period = self.period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.charge_item import ChargeItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ChargeItem.from_dict(items_item_data)

            items.append(items_item)

        period = d.pop("period")

        push_charges_request = cls(
            items=items,
            period=period,
        )

        return push_charges_request
