from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_kind import DocumentKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto
    from ..models.line_response import LineResponse
    from ..models.payee_response import PayeeResponse


T = TypeVar("T", bound="DocumentResponse")


@_attrs_define
class DocumentResponse:
    """A document with its lines and payees.

    Attributes:
        address_id (str):
        id (str):
        kind (DocumentKind): What a billing run makes.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        total (int): Kopecks: the sum of the lines' totals.
        verification_code (str): A document's verification code, printed on every receipt: 20 Crockford base-32
            characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example: 7KQ2-M9XD-4T1B-ZP8R-0HWC.
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        lines (list[LineResponse]):
        payees (list[PayeeResponse]):
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
        signed (str): The document signed by the agent: a compact JWS (`EdDSA`, Ed25519, with `kid`) whose payload is
            the document (issuer, period, kind, payer code, address, lines, payees, totals, verification
            code, `issued_at`); the keys are at `/.well-known/jwks.json`.
        provider_id (None | str | Unset): The provider of an e-receipt (null on paper).
    """

    address_id: str
    id: str
    kind: DocumentKind
    period: str
    total: int
    verification_code: str
    address: AddressDto
    lines: list[LineResponse]
    payees: list[PayeeResponse]
    payer_code: str
    signed: str
    provider_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address_id = self.address_id

        id = self.id

        kind = self.kind.value

        period = self.period

        total = self.total

        verification_code = self.verification_code

        address = self.address.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        payees = []
        for payees_item_data in self.payees:
            payees_item = payees_item_data.to_dict()
            payees.append(payees_item)

        payer_code = self.payer_code

        signed = self.signed

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
                "address": address,
                "lines": lines,
                "payees": payees,
                "payer_code": payer_code,
                "signed": signed,
            }
        )
        if provider_id is not UNSET:
            field_dict["provider_id"] = provider_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415
        from ..models.line_response import LineResponse  # noqa: PLC0415
        from ..models.payee_response import PayeeResponse  # noqa: PLC0415

        d = dict(src_dict)
        address_id = d.pop("address_id")

        id = d.pop("id")

        kind = DocumentKind(d.pop("kind"))

        period = d.pop("period")

        total = d.pop("total")

        verification_code = d.pop("verification_code")

        address = AddressDto.from_dict(d.pop("address"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineResponse.from_dict(lines_item_data)

            lines.append(lines_item)

        payees = []
        _payees = d.pop("payees")
        for payees_item_data in _payees:
            payees_item = PayeeResponse.from_dict(payees_item_data)

            payees.append(payees_item)

        payer_code = d.pop("payer_code")

        signed = d.pop("signed")

        def _parse_provider_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        provider_id = _parse_provider_id(d.pop("provider_id", UNSET))

        document_response = cls(
            address_id=address_id,
            id=id,
            kind=kind,
            period=period,
            total=total,
            verification_code=verification_code,
            address=address,
            lines=lines,
            payees=payees,
            payer_code=payer_code,
            signed=signed,
            provider_id=provider_id,
        )

        document_response.additional_properties = d
        return document_response

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
