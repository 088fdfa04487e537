from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_details import BankDetails


T = TypeVar("T", bound="PayeeResponse")


@_attrs_define
class PayeeResponse:
    """Who is paid, with what to pay them by.

    Attributes:
        account_number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them
            a space
            or a control character. Example: 1001234.
        bank (BankDetails): A provider's bank details, as printed on receipts and in the payment QR. Example:
            {'account': '40702810438000060473', 'bik': '044525225', 'correspondent_account': '30101810400000000225', 'name':
            'ПАО Сбербанк'}.
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str):
        provider_id (str):
        qr_payload (str): The GOST R 56042-2014 payment QR payload (`ST00012|Name=…`).
        total (int): Kopecks due to this payee.
        kpp (None | str | Unset):
    """

    account_number: str
    bank: BankDetails
    inn: str
    name: str
    provider_id: str
    qr_payload: str
    total: int
    kpp: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_number = self.account_number

        bank = self.bank.to_dict()

        inn = self.inn

        name = self.name

        provider_id = self.provider_id

        qr_payload = self.qr_payload

        total = self.total

        kpp: None | str | Unset
        if isinstance(self.kpp, Unset):
            kpp = UNSET
        else:
            kpp = self.kpp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_number": account_number,
                "bank": bank,
                "inn": inn,
                "name": name,
                "provider_id": provider_id,
                "qr_payload": qr_payload,
                "total": total,
            }
        )
        if kpp is not UNSET:
            field_dict["kpp"] = kpp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_details import BankDetails  # noqa: PLC0415

        d = dict(src_dict)
        account_number = d.pop("account_number")

        bank = BankDetails.from_dict(d.pop("bank"))

        inn = d.pop("inn")

        name = d.pop("name")

        provider_id = d.pop("provider_id")

        qr_payload = d.pop("qr_payload")

        total = d.pop("total")

        def _parse_kpp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kpp = _parse_kpp(d.pop("kpp", UNSET))

        payee_response = cls(
            account_number=account_number,
            bank=bank,
            inn=inn,
            name=name,
            provider_id=provider_id,
            qr_payload=qr_payload,
            total=total,
            kpp=kpp,
        )

        payee_response.additional_properties = d
        return payee_response

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
