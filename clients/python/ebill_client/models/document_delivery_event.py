from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_delivery import DocumentDelivery

T = TypeVar("T", bound="DocumentDeliveryEvent")


@_attrs_define
class DocumentDeliveryEvent:
    """What became of an e-receipt carrying the provider's charges (`document.delivered`,
    `document.failed`).

        Attributes:
            account_numbers (list[str]): The provider's accounts on the e-receipt.
            document_id (str): The e-receipt.
            payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
                a
                Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
                `validation_failed` naming the field (the documented exception); a code that is well formed but
                unknown is a 404. Example: 0000000018.
            period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
            status (DocumentDelivery): Where a document is on its way to the resident.
            total (int): Kopecks on the e-receipt.
    """

    account_numbers: list[str]
    document_id: str
    payer_code: str
    period: str
    status: DocumentDelivery
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_numbers = self.account_numbers

        document_id = self.document_id

        payer_code = self.payer_code

        period = self.period

        status = self.status.value

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_numbers": account_numbers,
                "document_id": document_id,
                "payer_code": payer_code,
                "period": period,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_numbers = cast(list[str], d.pop("account_numbers"))

        document_id = d.pop("document_id")

        payer_code = d.pop("payer_code")

        period = d.pop("period")

        status = DocumentDelivery(d.pop("status"))

        total = d.pop("total")

        document_delivery_event = cls(
            account_numbers=account_numbers,
            document_id=document_id,
            payer_code=payer_code,
            period=period,
            status=status,
            total=total,
        )

        document_delivery_event.additional_properties = d
        return document_delivery_event

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
