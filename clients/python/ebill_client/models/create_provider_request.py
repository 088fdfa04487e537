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
        email (str): An email address (at most 254 characters; surrounding spaces are trimmed, and it is kept in lower
            case). Example: billing@vodokanal.example.
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str): Legal name, as on receipts.
        ogrn (str): ОГРН (13 digits, an organisation) or ОГРНИП (15 digits, an individual entrepreneur). Its check
            digit (the rest modulo 11 or 13) is verified as well, which no pattern can state: a wrong one is
            refused with 422 `validation_failed` naming this field (the documented exception). Example: 1021900521224.
        phone (str): A Russian phone number as people write it (`+7 3902 22-33-44`, `8 (912) 345-67-89`,
            `9123456789`): `+7` and 10 digits, `7` or `8` and 10 digits, or 10 digits, with spaces, hyphens and
            brackets anywhere between them. Stored and answered in E.164 (`+73902223344`). Example: +7 3902 22-33-44.
        kpp (None | str | Unset):
        webhook_url (None | str | Unset):
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
