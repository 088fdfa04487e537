from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_delivery import DocumentDelivery
from ..models.document_kind import DocumentKind

T = TypeVar("T", bound="AccountDeliveryResponse")


@_attrs_define
class AccountDeliveryResponse:
    """One account's document of the period.

    Attributes:
        account_number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them
            a space
            or a control character. Example: 1001234.
        document_id (str):
        kind (DocumentKind): What a billing run makes.
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
        status (DocumentDelivery): Where a document is on its way to the resident.
        total (int): Kopecks of this account on the document.
    """

    account_number: str
    document_id: str
    kind: DocumentKind
    payer_code: str
    status: DocumentDelivery
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_number = self.account_number

        document_id = self.document_id

        kind = self.kind.value

        payer_code = self.payer_code

        status = self.status.value

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_number": account_number,
                "document_id": document_id,
                "kind": kind,
                "payer_code": payer_code,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_number = d.pop("account_number")

        document_id = d.pop("document_id")

        kind = DocumentKind(d.pop("kind"))

        payer_code = d.pop("payer_code")

        status = DocumentDelivery(d.pop("status"))

        total = d.pop("total")

        account_delivery_response = cls(
            account_number=account_number,
            document_id=document_id,
            kind=kind,
            payer_code=payer_code,
            status=status,
            total=total,
        )

        account_delivery_response.additional_properties = d
        return account_delivery_response

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
