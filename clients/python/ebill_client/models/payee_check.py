from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.checked_provider import CheckedProvider


T = TypeVar("T", bound="PayeeCheck")


@_attrs_define
class PayeeCheck:
    """Whether the details are a registered provider's.

    Attributes:
        registered (bool):
        provider (CheckedProvider | None | Unset):
    """

    registered: bool
    provider: CheckedProvider | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.checked_provider import CheckedProvider  # noqa: PLC0415

        registered = self.registered

        provider: dict[str, Any] | None | Unset
        if isinstance(self.provider, Unset):
            provider = UNSET
        elif isinstance(self.provider, CheckedProvider):
            provider = self.provider.to_dict()
        else:
            provider = self.provider

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registered": registered,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checked_provider import CheckedProvider  # noqa: PLC0415

        d = dict(src_dict)
        registered = d.pop("registered")

        def _parse_provider(data: object) -> CheckedProvider | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                provider_type_1 = CheckedProvider.from_dict(data)

                return provider_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckedProvider | None | Unset, data)

        provider = _parse_provider(d.pop("provider", UNSET))

        payee_check = cls(
            registered=registered,
            provider=provider,
        )

        payee_check.additional_properties = d
        return payee_check

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
