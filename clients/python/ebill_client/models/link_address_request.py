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
        link_code (str): A one-time link code, as printed on a paper ЕПД or issued by an operator: 8 Crockford base-32
            characters written `XXXX-XXXX` (case, a space instead of the hyphen, `O` for `0` and `I`/`L` for
            `1` are forgiven). A code that does not match the payer code (or was used, or has expired) is
            refused with 422 on `link_code`. Example: 7KQ2-M9XD.
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
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
