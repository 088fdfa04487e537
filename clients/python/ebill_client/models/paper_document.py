from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_dto import AddressDto
    from ..models.line_response import LineResponse
    from ..models.payee_response import PayeeResponse


T = TypeVar("T", bound="PaperDocument")


@_attrs_define
class PaperDocument:
    """A paper ЕПД to print.

    Attributes:
        address (AddressDto): A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case,
            spaces)
            are normalised, so the same dwelling sent by different providers is one premises. Example: {'apartment': '5',
            'building': None, 'city': 'г. Абакан', 'house': '12', 'street': 'ул. Ленина'}.
        address_line (str): The address as printed.
        id (str):
        lines (list[LineResponse]):
        payees (list[PayeeResponse]):
        payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
            a
            Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
            `validation_failed` naming the field (the documented exception); a code that is well formed but
            unknown is a 404. Example: 0000000018.
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        signed (str): The document signed by the agent (compact JWS, keys at `/.well-known/jwks.json`).
        supplementary (bool): A supplementary ЕПД: it carries e-receipts of the run whose email bounced for good, so the
            resident gets them on paper after all.
        total (int):
        verification_code (str): A document's verification code, printed on every receipt: 20 Crockford base-32
            characters in five
            groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven). Example: 7KQ2-M9XD-4T1B-ZP8R-0HWC.
        link_code (None | str | Unset):
    """

    address: AddressDto
    address_line: str
    id: str
    lines: list[LineResponse]
    payees: list[PayeeResponse]
    payer_code: str
    period: str
    signed: str
    supplementary: bool
    total: int
    verification_code: str
    link_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        address_line = self.address_line

        id = self.id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        payees = []
        for payees_item_data in self.payees:
            payees_item = payees_item_data.to_dict()
            payees.append(payees_item)

        payer_code = self.payer_code

        period = self.period

        signed = self.signed

        supplementary = self.supplementary

        total = self.total

        verification_code = self.verification_code

        link_code: None | str | Unset
        if isinstance(self.link_code, Unset):
            link_code = UNSET
        else:
            link_code = self.link_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "address_line": address_line,
                "id": id,
                "lines": lines,
                "payees": payees,
                "payer_code": payer_code,
                "period": period,
                "signed": signed,
                "supplementary": supplementary,
                "total": total,
                "verification_code": verification_code,
            }
        )
        if link_code is not UNSET:
            field_dict["link_code"] = link_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_dto import AddressDto  # noqa: PLC0415
        from ..models.line_response import LineResponse  # noqa: PLC0415
        from ..models.payee_response import PayeeResponse  # noqa: PLC0415

        d = dict(src_dict)
        address = AddressDto.from_dict(d.pop("address"))

        address_line = d.pop("address_line")

        id = d.pop("id")

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

        period = d.pop("period")

        signed = d.pop("signed")

        supplementary = d.pop("supplementary")

        total = d.pop("total")

        verification_code = d.pop("verification_code")

        def _parse_link_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link_code = _parse_link_code(d.pop("link_code", UNSET))

        paper_document = cls(
            address=address,
            address_line=address_line,
            id=id,
            lines=lines,
            payees=payees,
            payer_code=payer_code,
            period=period,
            signed=signed,
            supplementary=supplementary,
            total=total,
            verification_code=verification_code,
            link_code=link_code,
        )

        paper_document.additional_properties = d
        return paper_document

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
