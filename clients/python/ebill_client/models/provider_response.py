from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_status import ProviderStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_details import BankDetails
    from ..models.provider_contacts import ProviderContacts


T = TypeVar("T", bound="ProviderResponse")


@_attrs_define
class ProviderResponse:
    """A provider's card.

    Attributes:
        bank (BankDetails): A provider's bank details, as printed on receipts and in the payment QR. Example:
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account': '30101810400000000225', 'name':
            'ПАО Сбербанк'}.
        edoc_capable (bool): Whether the provider takes part in electronic delivery in the current period.
        id (str):
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str):
        ogrn (str): ОГРН (13 digits, an organisation) or ОГРНИП (15 digits, an individual entrepreneur). Its check
            digit (the rest modulo 11 or 13) is verified as well, which no pattern can state: a wrong one is
            refused with 422 `validation_failed` naming this field (the documented exception). Example: 1021900521224.
        status (ProviderStatus): Where a provider stands with the agent.
        contacts (None | ProviderContacts | Unset):
        edoc_since (None | str | Unset):
        kpp (None | str | Unset):
    """

    bank: BankDetails
    edoc_capable: bool
    id: str
    inn: str
    name: str
    ogrn: str
    status: ProviderStatus
    contacts: None | ProviderContacts | Unset = UNSET
    edoc_since: None | str | Unset = UNSET
    kpp: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.provider_contacts import ProviderContacts  # noqa: PLC0415

        bank = self.bank.to_dict()

        edoc_capable = self.edoc_capable

        id = self.id

        inn = self.inn

        name = self.name

        ogrn = self.ogrn

        status = self.status.value

        contacts: dict[str, Any] | None | Unset
        if isinstance(self.contacts, Unset):
            contacts = UNSET
        elif isinstance(self.contacts, ProviderContacts):
            contacts = self.contacts.to_dict()
        else:
            contacts = self.contacts

        edoc_since: None | str | Unset
        if isinstance(self.edoc_since, Unset):
            edoc_since = UNSET
        else:
            edoc_since = self.edoc_since

        kpp: None | str | Unset
        if isinstance(self.kpp, Unset):
            kpp = UNSET
        else:
            kpp = self.kpp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bank": bank,
                "edoc_capable": edoc_capable,
                "id": id,
                "inn": inn,
                "name": name,
                "ogrn": ogrn,
                "status": status,
            }
        )
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if edoc_since is not UNSET:
            field_dict["edoc_since"] = edoc_since
        if kpp is not UNSET:
            field_dict["kpp"] = kpp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_details import BankDetails  # noqa: PLC0415
        from ..models.provider_contacts import ProviderContacts  # noqa: PLC0415

        d = dict(src_dict)
        bank = BankDetails.from_dict(d.pop("bank"))

        edoc_capable = d.pop("edoc_capable")

        id = d.pop("id")

        inn = d.pop("inn")

        name = d.pop("name")

        ogrn = d.pop("ogrn")

        status = ProviderStatus(d.pop("status"))

        def _parse_contacts(data: object) -> None | ProviderContacts | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contacts_type_1 = ProviderContacts.from_dict(data)

                return contacts_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProviderContacts | Unset, data)

        contacts = _parse_contacts(d.pop("contacts", UNSET))

        def _parse_edoc_since(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        edoc_since = _parse_edoc_since(d.pop("edoc_since", UNSET))

        def _parse_kpp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kpp = _parse_kpp(d.pop("kpp", UNSET))

        provider_response = cls(
            bank=bank,
            edoc_capable=edoc_capable,
            id=id,
            inn=inn,
            name=name,
            ogrn=ogrn,
            status=status,
            contacts=contacts,
            edoc_since=edoc_since,
            kpp=kpp,
        )

        provider_response.additional_properties = d
        return provider_response

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
