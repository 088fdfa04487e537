from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto
    from ..models.premises_account import PremisesAccount


T = TypeVar("T", bound="PremisesResponse")


@_attrs_define
class PremisesResponse:
    """A premises as operators see it.

    Attributes:
        accounts (list[PremisesAccount]):
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        address_key (str): The normalised address that decides which addresses are this premises.
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
    """

    accounts: list[PremisesAccount]
    address: AddressDto
    address_key: str
    payer_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        address = self.address.to_dict()

        address_key = self.address_key

        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "address": address,
                "address_key": address_key,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415
        from ..models.premises_account import PremisesAccount  # noqa: PLC0415

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = PremisesAccount.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        address = AddressDto.from_dict(d.pop("address"))

        address_key = d.pop("address_key")

        payer_code = d.pop("payer_code")

        premises_response = cls(
            accounts=accounts,
            address=address,
            address_key=address_key,
            payer_code=payer_code,
        )

        premises_response.additional_properties = d
        return premises_response

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
