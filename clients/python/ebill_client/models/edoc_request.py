from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EdocRequest")


@_attrs_define
class EdocRequest:
    """A declaration of e-document capability.

    Example:
        {'edoc_capable': True, 'since': '2021-08'}

    Attributes:
        edoc_capable (bool): `true` to take part in electronic delivery, `false` to withdraw.
        since (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
    """

    edoc_capable: bool
    since: str

    def to_dict(self) -> dict[str, Any]:
        edoc_capable = self.edoc_capable

        since = self.since

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "edoc_capable": edoc_capable,
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        edoc_capable = d.pop("edoc_capable")

        since = d.pop("since")

        edoc_request = cls(
            edoc_capable=edoc_capable,
            since=since,
        )

        return edoc_request
