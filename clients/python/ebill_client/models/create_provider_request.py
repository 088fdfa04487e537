from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_details import BankDetails


T = TypeVar("T", bound="CreateProviderRequest")


@_attrs_define
class CreateProviderRequest:
    """A provider's self-registration.

    Example:
        {'bank': {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account':
            '30101810400000000225', 'name': 'ПАО Сбербанк'}, 'email': 'billing@vodokanal.example', 'inn': '1901067718',
            'kpp': '190101001', 'name': 'МУП «Водоканал»', 'ogrn': '1021900521224', 'phone': '+7 3902 22-33-44',
            'webhook_url': 'https://billing.vodokanal.example/ebill/events'}

    Attributes:
        bank (BankDetails): A provider's bank details, as printed on receipts and in the payment QR. Example:
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account': '30101810400000000225', 'name':
            'ПАО Сбербанк'}.
        email (str): Contact email of the billing department.
        inn (str): 10 digits (organisation) or 12 (individual entrepreneur), check digits verified.
        name (str): Legal name, as on receipts.
        ogrn (str): 13-digit OGRN (with a 10-digit INN) or 15-digit OGRNIP (with a 12-digit INN).
        phone (str): Contact phone; stored in E.164.
        kpp (None | str | Unset): Required with a 10-digit INN; absent for an individual entrepreneur.
        webhook_url (None | str | Unset): Where events are POSTed (signed); optional.
    """

    bank: BankDetails
    email: str
    inn: str
    name: str
    ogrn: str
    phone: str
    kpp: None | str | Unset = UNSET
    webhook_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank.to_dict()

        email = self.email

        inn = self.inn

        name = self.name

        ogrn = self.ogrn

        phone = self.phone

        kpp: None | str | Unset
        if isinstance(self.kpp, Unset):
            kpp = UNSET
        else:
            kpp = self.kpp

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank": bank,
                "email": email,
                "inn": inn,
                "name": name,
                "ogrn": ogrn,
                "phone": phone,
            }
        )
        if kpp is not UNSET:
            field_dict["kpp"] = kpp
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_details import BankDetails  # noqa: PLC0415

        d = dict(src_dict)
        bank = BankDetails.from_dict(d.pop("bank"))

        email = d.pop("email")

        inn = d.pop("inn")

        name = d.pop("name")

        ogrn = d.pop("ogrn")

        phone = d.pop("phone")

        def _parse_kpp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kpp = _parse_kpp(d.pop("kpp", UNSET))

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        create_provider_request = cls(
            bank=bank,
            email=email,
            inn=inn,
            name=name,
            ogrn=ogrn,
            phone=phone,
            kpp=kpp,
            webhook_url=webhook_url,
        )

        return create_provider_request
