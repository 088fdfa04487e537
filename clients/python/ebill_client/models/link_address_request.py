from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LinkAddressRequest")


@_attrs_define
class LinkAddressRequest:
    """Proof of a premises.

    Example:
        {'link_code': '7KQ2-M9XD', 'payer_code': '0000000018'}

    Attributes:
        link_code (str): The one-time code printed on a paper ЕПД of the premises (valid about three periods), or issued
            by an operator.
        payer_code (str): The 10-digit payer code from the ЕПД.
    """

    link_code: str
    payer_code: str

    def to_dict(self) -> dict[str, Any]:
        link_code = self.link_code

        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "link_code": link_code,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        link_code = d.pop("link_code")

        payer_code = d.pop("payer_code")

        link_address_request = cls(
            link_code=link_code,
            payer_code=payer_code,
        )

        return link_address_request
