from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.edoc_declaration import EdocDeclaration


T = TypeVar("T", bound="EdocResponse")


@_attrs_define
class EdocResponse:
    """Capability now, and every declaration made, oldest first.

    Attributes:
        edoc_capable (bool): Whether the provider takes part in electronic delivery in the current period.
        history (list[EdocDeclaration]):
        edoc_since (None | str | Unset):
    """

    edoc_capable: bool
    history: list[EdocDeclaration]
    edoc_since: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        edoc_capable = self.edoc_capable

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        edoc_since: None | str | Unset
        if isinstance(self.edoc_since, Unset):
            edoc_since = UNSET
        else:
            edoc_since = self.edoc_since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edoc_capable": edoc_capable,
                "history": history,
            }
        )
        if edoc_since is not UNSET:
            field_dict["edoc_since"] = edoc_since

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edoc_declaration import EdocDeclaration  # noqa: PLC0415

        d = dict(src_dict)
        edoc_capable = d.pop("edoc_capable")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = EdocDeclaration.from_dict(history_item_data)

            history.append(history_item)

        def _parse_edoc_since(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        edoc_since = _parse_edoc_since(d.pop("edoc_since", UNSET))

        edoc_response = cls(
            edoc_capable=edoc_capable,
            history=history,
            edoc_since=edoc_since,
        )

        edoc_response.additional_properties = d
        return edoc_response

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
