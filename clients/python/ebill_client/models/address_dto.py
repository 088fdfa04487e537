from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddressDto")


@_attrs_define
class AddressDto:
    """A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case, spaces)
    are normalised, so the same dwelling sent by different providers is one premises.

        Example:
            {'apartment': '5', 'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}

        Attributes:
            city (str): The settlement, with or without «г.»: 1 to 200 characters, more than «г.» alone.
            house (str): The house number, with or without «д.»: 1 to 50 characters, more than «д.» alone.
            street (str): The street with or without its type («ул.», «пр-кт», «пер.», …): 1 to 200 characters, more than a
                street type alone.
            apartment (None | str | Unset):
            building (None | str | Unset):
    """

    city: str
    house: str
    street: str
    apartment: None | str | Unset = UNSET
    building: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        house = self.house

        street = self.street

        apartment: None | str | Unset
        if isinstance(self.apartment, Unset):
            apartment = UNSET
        else:
            apartment = self.apartment

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "city": city,
                "house": house,
                "street": street,
            }
        )
        if apartment is not UNSET:
            field_dict["apartment"] = apartment
        if building is not UNSET:
            field_dict["building"] = building

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city")

        house = d.pop("house")

        street = d.pop("street")

        def _parse_apartment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        apartment = _parse_apartment(d.pop("apartment", UNSET))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        address_dto = cls(
            city=city,
            house=house,
            street=street,
            apartment=apartment,
            building=building,
        )

        return address_dto
