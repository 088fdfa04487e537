from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EdocDeclaration")


@_attrs_define
class EdocDeclaration:
    """One declaration as made.

    Attributes:
        declared_at (datetime.datetime):
        edoc_capable (bool):
        since (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
    """

    declared_at: datetime.datetime
    edoc_capable: bool
    since: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        declared_at = self.declared_at.isoformat()

        edoc_capable = self.edoc_capable

        since = self.since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "declared_at": declared_at,
                "edoc_capable": edoc_capable,
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        edoc_capable = d.pop("edoc_capable")

        since = d.pop("since")

        edoc_declaration = cls(
            declared_at=declared_at,
            edoc_capable=edoc_capable,
            since=since,
        )

        edoc_declaration.additional_properties = d
        return edoc_declaration

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
