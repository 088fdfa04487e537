from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.consent_request import ConsentRequest


T = TypeVar("T", bound="RegisterResidentRequest")


@_attrs_define
class RegisterResidentRequest:
    """A resident's registration.

    Example:
        {'consent': {'version': '2026-12-01'}, 'email': 'ivanova@example.org', 'name': 'Анна Иванова', 'password':
            'correct horse battery', 'phone': '+7 913 123-45-67'}

    Attributes:
        consent (ConsentRequest): Which consent text was accepted.
        email (str): An email address (at most 254 characters; surrounding spaces are trimmed, and it is kept in lower
            case). Example: billing@vodokanal.example.
        password (str): 10 to 200 characters.
        phone (str): A Russian mobile number (its national part starts with 9), written as a `Phone` may be: the only
            kind that receives SMS codes. Stored and answered in E.164 (`+79131234567`). Example: +7 913 123-45-67.
        name (None | str | Unset):
    """

    consent: ConsentRequest
    email: str
    password: str
    phone: str
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        consent = self.consent.to_dict()

        email = self.email

        password = self.password

        phone = self.phone

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consent": consent,
                "email": email,
                "password": password,
                "phone": phone,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_request import ConsentRequest  # noqa: PLC0415

        d = dict(src_dict)
        consent = ConsentRequest.from_dict(d.pop("consent"))

        email = d.pop("email")

        password = d.pop("password")

        phone = d.pop("phone")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        register_resident_request = cls(
            consent=consent,
            email=email,
            password=password,
            phone=phone,
            name=name,
        )

        return register_resident_request
