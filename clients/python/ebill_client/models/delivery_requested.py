from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.verification_response import VerificationResponse


T = TypeVar("T", bound="DeliveryRequested")


@_attrs_define
class DeliveryRequested:
    """The verification a delivery change waits for.

    Attributes:
        verification (VerificationResponse): A pending SMS verification.
    """

    verification: VerificationResponse
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification = self.verification.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification": verification,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verification_response import VerificationResponse  # noqa: PLC0415

        d = dict(src_dict)
        verification = VerificationResponse.from_dict(d.pop("verification"))

        delivery_requested = cls(
            verification=verification,
        )

        delivery_requested.additional_properties = d
        return delivery_requested

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
