from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_status import AppStatus
from ..models.app_type import AppType
from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="AppResponse")


@_attrs_define
class AppResponse:
    """A registered app.

    Attributes:
        client_id (str): The app's OAuth `client_id`.
        created_at (datetime.datetime):
        name (str):
        redirect_uris (list[str]):
        scopes (list[Scope]): The scopes the app may ask residents for.
        status (AppStatus): Whether an app may act for residents.
        type_ (AppType): A third-party app's OAuth client type.
        client_secret (None | str | Unset): A confidential app's secret: in the registration's answer only, never again.
    """

    client_id: str
    created_at: datetime.datetime
    name: str
    redirect_uris: list[str]
    scopes: list[Scope]
    status: AppStatus
    type_: AppType
    client_secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        created_at = self.created_at.isoformat()

        name = self.name

        redirect_uris = self.redirect_uris

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        status = self.status.value

        type_ = self.type_.value

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "created_at": created_at,
                "name": name,
                "redirect_uris": redirect_uris,
                "scopes": scopes,
                "status": status,
                "type": type_,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        name = d.pop("name")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = Scope(scopes_item_data)

            scopes.append(scopes_item)

        status = AppStatus(d.pop("status"))

        type_ = AppType(d.pop("type"))

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        app_response = cls(
            client_id=client_id,
            created_at=created_at,
            name=name,
            redirect_uris=redirect_uris,
            scopes=scopes,
            status=status,
            type_=type_,
            client_secret=client_secret,
        )

        app_response.additional_properties = d
        return app_response

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
