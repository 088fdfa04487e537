from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto
    from ..models.address_provider import AddressProvider
    from ..models.delivery import Delivery


T = TypeVar("T", bound="AddressResponse")


@_attrs_define
class AddressResponse:
    """A linked address.

    Attributes:
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        delivery (Delivery): How receipts of the address are delivered.
        id (str):
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
        providers (list[AddressProvider]):
    """

    address: AddressDto
    delivery: Delivery
    id: str
    payer_code: str
    providers: list[AddressProvider]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        delivery = self.delivery.to_dict()

        id = self.id

        payer_code = self.payer_code

        providers = []
        for providers_item_data in self.providers:
            providers_item = providers_item_data.to_dict()
            providers.append(providers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "delivery": delivery,
                "id": id,
                "payer_code": payer_code,
                "providers": providers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415
        from ..models.address_provider import AddressProvider  # noqa: PLC0415
        from ..models.delivery import Delivery  # noqa: PLC0415

        d = dict(src_dict)
        address = AddressDto.from_dict(d.pop("address"))

        delivery = Delivery.from_dict(d.pop("delivery"))

        id = d.pop("id")

        payer_code = d.pop("payer_code")

        providers = []
        _providers = d.pop("providers")
        for providers_item_data in _providers:
            providers_item = AddressProvider.from_dict(providers_item_data)

            providers.append(providers_item)

        address_response = cls(
            address=address,
            delivery=delivery,
            id=id,
            payer_code=payer_code,
            providers=providers,
        )

        address_response.additional_properties = d
        return address_response

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
