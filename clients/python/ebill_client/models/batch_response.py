from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.warning import Warning_


T = TypeVar("T", bound="BatchResponse")


@_attrs_define
class BatchResponse:
    """A push as it was recorded.

    Attributes:
        created (int):
        created_at (datetime.datetime):
        id (str):
        items (int): Items the push held.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        updated (int):
        warnings (list[Warning_]): The warnings its answer gave.
    """

    created: int
    created_at: datetime.datetime
    id: str
    items: int
    period: str
    updated: int
    warnings: list[Warning_]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        created_at = self.created_at.isoformat()

        id = self.id

        items = self.items

        period = self.period

        updated = self.updated

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "created_at": created_at,
                "id": id,
                "items": items,
                "period": period,
                "updated": updated,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warning import Warning_  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        items = d.pop("items")

        period = d.pop("period")

        updated = d.pop("updated")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = Warning_.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        batch_response = cls(
            created=created,
            created_at=created_at,
            id=id,
            items=items,
            period=period,
            updated=updated,
            warnings=warnings,
        )

        batch_response.additional_properties = d
        return batch_response

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
