from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.app_type import AppType

T = TypeVar("T", bound="NewAppRequest")


@_attrs_define
class NewAppRequest:
    """An app to register.

    Example:
        {'name': 'Мой дом', 'redirect_uris': ['ru.example.myhome:/oauth'], 'type': 'public'}

    Attributes:
        name (str): The name residents see on the consent page (1 to 100 characters).
        redirect_uris (list[str]): 1 to 10 URIs, matched exactly (a loopback address with any port): https for any app;
            for a public
            app also a private-use scheme in reverse-domain form (`ru.example.app:/cb`) or
            `http://127.0.0.1/…` / `http://[::1]/…` (RFC 8252).
        type_ (AppType): A third-party app's OAuth client type.
    """

    name: str
    redirect_uris: list[str]
    type_: AppType

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        redirect_uris = self.redirect_uris

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "redirect_uris": redirect_uris,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        type_ = AppType(d.pop("type"))

        new_app_request = cls(
            name=name,
            redirect_uris=redirect_uris,
            type_=type_,
        )

        return new_app_request
