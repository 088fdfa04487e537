from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConsentRequest")


@_attrs_define
class ConsentRequest:
    """Which consent text was accepted.

    Attributes:
        version (str): The version of the consent text in force (`2026-12-01`); it is recorded with the time.
    """

    version: str

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        consent_request = cls(
            version=version,
        )

        return consent_request
