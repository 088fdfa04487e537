from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MergeRequest")


@_attrs_define
class MergeRequest:
    """Which premises to merge into.

    Example:
        {'into_payer_code': '0000000018'}

    Attributes:
        into_payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last
            digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
    """

    into_payer_code: str

    def to_dict(self) -> dict[str, Any]:
        into_payer_code = self.into_payer_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "into_payer_code": into_payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        into_payer_code = d.pop("into_payer_code")

        merge_request = cls(
            into_payer_code=into_payer_code,
        )

        return merge_request
