from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="StartRunRequest")


@_attrs_define
class StartRunRequest:
    """The period to bill.

    Example:
        {'period': '2021-08'}

    Attributes:
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
    """

    period: str

    def to_dict(self) -> dict[str, Any]:
        period = self.period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = d.pop("period")

        start_run_request = cls(
            period=period,
        )

        return start_run_request
