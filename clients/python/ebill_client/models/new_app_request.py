from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.app_type import AppType
from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewAppRequest")


@_attrs_define
class NewAppRequest:
    """An app to register.

    Example:
        {'name': 'Мой дом', 'redirect_uris': ['ru.example.myhome:/oauth'], 'type': 'public'}

    Attributes:
        name (str): The name residents see on the consent page (1 to 100 characters, not all spaces).
        redirect_uris (list[str]): 1 to 10 URIs, matched exactly (a loopback address with any port): https for any app;
            for a public
            app also a private-use scheme in reverse-domain form (`ru.example.app:/cb`) or
            `http://127.0.0.1/…` / `http://[::1]/…` (RFC 8252). No fragment, no user info, each at most
            2000 characters, none twice.
        type_ (AppType): A third-party app's OAuth client type.
        scopes (list[Scope] | None | Unset): The scopes the app may ask residents for (at least one); every scope when
            left out or null.
    """

    name: str
    redirect_uris: list[str]
    type_: AppType
    scopes: list[Scope] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        redirect_uris = self.redirect_uris

        type_ = self.type_.value

        scopes: list[str] | None | Unset
        if isinstance(self.scopes, Unset):
            scopes = UNSET
        elif isinstance(self.scopes, list):
            scopes = []
            for scopes_type_0_item_data in self.scopes:
                scopes_type_0_item = scopes_type_0_item_data.value
                scopes.append(scopes_type_0_item)

        else:
            scopes = self.scopes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "redirect_uris": redirect_uris,
                "type": type_,
            }
        )
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        type_ = AppType(d.pop("type"))

        def _parse_scopes(data: object) -> list[Scope] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scopes_type_0 = []
                _scopes_type_0 = data
                for scopes_type_0_item_data in _scopes_type_0:
                    scopes_type_0_item = Scope(scopes_type_0_item_data)

                    scopes_type_0.append(scopes_type_0_item)

                return scopes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Scope] | None | Unset, data)

        scopes = _parse_scopes(d.pop("scopes", UNSET))

        new_app_request = cls(
            name=name,
            redirect_uris=redirect_uris,
            type_=type_,
            scopes=scopes,
        )

        return new_app_request
