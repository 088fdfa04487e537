from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.consent_request_version import ConsentRequestVersion

T = TypeVar("T", bound="ConsentRequest")


@_attrs_define
class ConsentRequest:
    """Which consent text was accepted.

    Attributes:
        version (ConsentRequestVersion): The version of the consent text in force; it is recorded with the time.
    """

    version: ConsentRequestVersion

    def to_dict(self) -> dict[str, Any]:
        version = self.version.value

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
        version = ConsentRequestVersion(d.pop("version"))

        consent_request = cls(
            version=version,
        )

        return consent_request
