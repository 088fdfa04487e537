from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_status import ProviderStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProviderSummary")


@_attrs_define
class ProviderSummary:
    """An entry of the directory.

    Attributes:
        edoc_capable (bool):
        id (str):
        inn (str): ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
            check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
            can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
            field. That is the documented exception to "a value the schema admits is accepted". Example: 1901067718.
        name (str):
        edoc_since (None | str | Unset):
        status (None | ProviderStatus | Unset):
    """

    edoc_capable: bool
    id: str
    inn: str
    name: str
    edoc_since: None | str | Unset = UNSET
    status: None | ProviderStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        edoc_capable = self.edoc_capable

        id = self.id

        inn = self.inn

        name = self.name

        edoc_since: None | str | Unset
        if isinstance(self.edoc_since, Unset):
            edoc_since = UNSET
        else:
            edoc_since = self.edoc_since

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ProviderStatus):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edoc_capable": edoc_capable,
                "id": id,
                "inn": inn,
                "name": name,
            }
        )
        if edoc_since is not UNSET:
            field_dict["edoc_since"] = edoc_since
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        edoc_capable = d.pop("edoc_capable")

        id = d.pop("id")

        inn = d.pop("inn")

        name = d.pop("name")

        def _parse_edoc_since(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        edoc_since = _parse_edoc_since(d.pop("edoc_since", UNSET))

        def _parse_status(data: object) -> None | ProviderStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_1 = ProviderStatus(data)

                return status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProviderStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        provider_summary = cls(
            edoc_capable=edoc_capable,
            id=id,
            inn=inn,
            name=name,
            edoc_since=edoc_since,
            status=status,
        )

        provider_summary.additional_properties = d
        return provider_summary

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
