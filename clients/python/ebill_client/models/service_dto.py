from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ServiceDto")


@_attrs_define
class ServiceDto:
    """A billed service.

    Example:
        {'code': 'cold_water', 'name': 'Холодное водоснабжение', 'unit': 'м³'}

    Attributes:
        code (str): A provider's service code: 1 to 32 of `A-Z a-z 0-9 _ . -`. Example: cold_water.
        name (str):
        unit (str): Unit of volume (м³, Гкал, кВт·ч).
    """

    code: str
    name: str
    unit: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        unit = self.unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        unit = d.pop("unit")

        service_dto = cls(
            code=code,
            name=name,
            unit=unit,
        )

        return service_dto
