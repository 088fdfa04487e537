from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_kind import DocumentKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentSummary")


@_attrs_define
class DocumentSummary:
    """A document in a list.

    Attributes:
        address_id (str):
        id (str):
        kind (DocumentKind): What a billing run makes.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        total (int): Kopecks: the sum of the lines' totals.
        verification_code (str): A document's verification code, printed on every receipt: 20 Crockford base-32
            characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example: 7KQ2-M9XD-4T1B-ZP8R-0HWC.
        provider_id (None | str | Unset): The provider of an e-receipt (null on paper).
    """

    address_id: str
    id: str
    kind: DocumentKind
    period: str
    total: int
    verification_code: str
    provider_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address_id = self.address_id

        id = self.id

        kind = self.kind.value

        period = self.period

        total = self.total

        verification_code = self.verification_code

        provider_id: None | str | Unset
        if isinstance(self.provider_id, Unset):
            provider_id = UNSET
        else:
            provider_id = self.provider_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address_id": address_id,
                "id": id,
                "kind": kind,
                "period": period,
                "total": total,
                "verification_code": verification_code,
            }
        )
        if provider_id is not UNSET:
            field_dict["provider_id"] = provider_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address_id = d.pop("address_id")

        id = d.pop("id")

        kind = DocumentKind(d.pop("kind"))

        period = d.pop("period")

        total = d.pop("total")

        verification_code = d.pop("verification_code")

        def _parse_provider_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        provider_id = _parse_provider_id(d.pop("provider_id", UNSET))

        document_summary = cls(
            address_id=address_id,
            id=id,
            kind=kind,
            period=period,
            total=total,
            verification_code=verification_code,
            provider_id=provider_id,
        )

        document_summary.additional_properties = d
        return document_summary

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
