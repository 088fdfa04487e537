from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto


T = TypeVar("T", bound="AccountInput")


@_attrs_define
class AccountInput:
    """One of the provider's personal accounts (лицевой счёт).

    Attributes:
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them a space
            or a control character. Example: 1001234.
        holder (None | str | Unset): The account holder's name as the provider keeps it.
    """

    address: AddressDto
    number: str
    holder: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        number = self.number

        holder: None | str | Unset
        if isinstance(self.holder, Unset):
            holder = UNSET
        else:
            holder = self.holder

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "number": number,
            }
        )
        if holder is not UNSET:
            field_dict["holder"] = holder

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415

        d = dict(src_dict)
        address = AddressDto.from_dict(d.pop("address"))

        number = d.pop("number")

        def _parse_holder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holder = _parse_holder(d.pop("holder", UNSET))

        account_input = cls(
            address=address,
            number=number,
            holder=holder,
        )

        return account_input
