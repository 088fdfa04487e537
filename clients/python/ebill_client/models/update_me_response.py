from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resident_response import ResidentResponse
    from ..models.verification_response import VerificationResponse


T = TypeVar("T", bound="UpdateMeResponse")


@_attrs_define
class UpdateMeResponse:
    """The profile after a change, and the SMS verification a new phone needs.

    Attributes:
        resident (ResidentResponse): The resident's own profile.
        phone_verification (None | Unset | VerificationResponse):
    """

    resident: ResidentResponse
    phone_verification: None | Unset | VerificationResponse = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        resident = self.resident.to_dict()

        phone_verification: dict[str, Any] | None | Unset
        if isinstance(self.phone_verification, Unset):
            phone_verification = UNSET
        elif isinstance(self.phone_verification, VerificationResponse):
            phone_verification = self.phone_verification.to_dict()
        else:
            phone_verification = self.phone_verification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resident": resident,
            }
        )
        if phone_verification is not UNSET:
            field_dict["phone_verification"] = phone_verification

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resident_response import ResidentResponse  # noqa: PLC0415
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        d = dict(src_dict)
        resident = ResidentResponse.from_dict(d.pop("resident"))

        def _parse_phone_verification(data: object) -> None | Unset | VerificationResponse:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                phone_verification_type_1 = VerificationResponse.from_dict(data)

                return phone_verification_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationResponse, data)

        phone_verification = _parse_phone_verification(d.pop("phone_verification", UNSET))

        update_me_response = cls(
            resident=resident,
            phone_verification=phone_verification,
        )

        update_me_response.additional_properties = d
        return update_me_response

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
