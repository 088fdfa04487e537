from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_status import ProviderStatus

T = TypeVar("T", bound="ProviderRegistered")


@_attrs_define
class ProviderRegistered:
    """The answer to a registration. The secrets are shown only here: store them now.

    Attributes:
        client_id (str):
        client_secret (str):
        id (str):
        status (ProviderStatus): Where a provider stands with the agent.
        webhook_secret (str): Verifies the `Webhook-Signature` of the events sent to `webhook_url` (rotate it with
            `POST /v1/providers/me/webhook-secret`).
    """

    client_id: str
    client_secret: str
    id: str
    status: ProviderStatus
    webhook_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret = self.client_secret

        id = self.id

        status = self.status.value

        webhook_secret = self.webhook_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "id": id,
                "status": status,
                "webhook_secret": webhook_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        client_secret = d.pop("client_secret")

        id = d.pop("id")

        status = ProviderStatus(d.pop("status"))

        webhook_secret = d.pop("webhook_secret")

        provider_registered = cls(
            client_id=client_id,
            client_secret=client_secret,
            id=id,
            status=status,
            webhook_secret=webhook_secret,
        )

        provider_registered.additional_properties = d
        return provider_registered

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
