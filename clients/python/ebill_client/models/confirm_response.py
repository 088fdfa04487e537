from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_response import AddressResponse
    from ..models.delivery_change_response import DeliveryChangeResponse
    from ..models.verification_response import VerificationResponse


T = TypeVar("T", bound="ConfirmResponse")


@_attrs_define
class ConfirmResponse:
    """What confirming applied.

    Attributes:
        verification (VerificationResponse): A pending SMS verification.
        address (AddressResponse | None | Unset):
        change (DeliveryChangeResponse | None | Unset):
        effective_from (None | str | Unset): For a delivery change: the first period whose billing run uses it.
        phone (None | str | Unset): For a phone change: the phone now in use.
    """

    verification: VerificationResponse
    address: AddressResponse | None | Unset = UNSET
    change: DeliveryChangeResponse | None | Unset = UNSET
    effective_from: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address_response import AddressResponse  # noqa: PLC0415
        from ..models.delivery_change_response import DeliveryChangeResponse  # noqa: PLC0415

        verification = self.verification.to_dict()

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, AddressResponse):
            address = self.address.to_dict()
        else:
            address = self.address

        change: dict[str, Any] | None | Unset
        if isinstance(self.change, Unset):
            change = UNSET
        elif isinstance(self.change, DeliveryChangeResponse):
            change = self.change.to_dict()
        else:
            change = self.change

        effective_from: None | str | Unset
        if isinstance(self.effective_from, Unset):
            effective_from = UNSET
        else:
            effective_from = self.effective_from

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification": verification,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if change is not UNSET:
            field_dict["change"] = change
        if effective_from is not UNSET:
            field_dict["effective_from"] = effective_from
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_response import AddressResponse  # noqa: PLC0415
        from ..models.delivery_change_response import DeliveryChangeResponse  # noqa: PLC0415
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        d = dict(src_dict)
        verification = VerificationResponse.from_dict(d.pop("verification"))

        def _parse_address(data: object) -> AddressResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_1 = AddressResponse.from_dict(data)

                return address_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddressResponse | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_change(data: object) -> DeliveryChangeResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                change_type_1 = DeliveryChangeResponse.from_dict(data)

                return change_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeliveryChangeResponse | None | Unset, data)

        change = _parse_change(d.pop("change", UNSET))

        def _parse_effective_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        effective_from = _parse_effective_from(d.pop("effective_from", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        confirm_response = cls(
            verification=verification,
            address=address,
            change=change,
            effective_from=effective_from,
            phone=phone,
        )

        confirm_response.additional_properties = d
        return confirm_response

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
