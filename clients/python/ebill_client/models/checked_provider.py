from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckedProvider")


@_attrs_define
class CheckedProvider:
    """The provider the details belong to.

    Attributes:
        id (str):
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str):
    """

    id: str
    inn: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        inn = self.inn

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "inn": inn,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        inn = d.pop("inn")

        name = d.pop("name")

        checked_provider = cls(
            id=id,
            inn=inn,
            name=name,
        )

        checked_provider.additional_properties = d
        return checked_provider

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
