from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto


T = TypeVar("T", bound="MergeResponse")


@_attrs_define
class MergeResponse:
    """The merge done.

    Attributes:
        accounts_moved (int):
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        merged_payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last
            digit is a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
    """

    accounts_moved: int
    address: AddressDto
    merged_payer_code: str
    payer_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts_moved = self.accounts_moved

        address = self.address.to_dict()

        merged_payer_code = self.merged_payer_code

        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts_moved": accounts_moved,
                "address": address,
                "merged_payer_code": merged_payer_code,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415

        d = dict(src_dict)
        accounts_moved = d.pop("accounts_moved")

        address = AddressDto.from_dict(d.pop("address"))

        merged_payer_code = d.pop("merged_payer_code")

        payer_code = d.pop("payer_code")

        merge_response = cls(
            accounts_moved=accounts_moved,
            address=address,
            merged_payer_code=merged_payer_code,
            payer_code=payer_code,
        )

        merge_response.additional_properties = d
        return merge_response

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
