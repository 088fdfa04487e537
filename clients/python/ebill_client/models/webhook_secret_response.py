from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookSecretResponse")


@_attrs_define
class WebhookSecretResponse:
    """A new webhook signing secret, shown once.

    Attributes:
        previous_secret_valid_until (datetime.datetime): Until then deliveries also carry a `v1` signed with the
            previous secret.
        webhook_secret (str): Verify `Webhook-Signature: t=…,v1=…` with it: `v1` is the hex HMAC-SHA256 of
            `"{t}.{body}"`.
    """

    previous_secret_valid_until: datetime.datetime
    webhook_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        previous_secret_valid_until = self.previous_secret_valid_until.isoformat()

        webhook_secret = self.webhook_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "previous_secret_valid_until": previous_secret_valid_until,
                "webhook_secret": webhook_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        previous_secret_valid_until = datetime.datetime.fromisoformat(d.pop("previous_secret_valid_until"))

        webhook_secret = d.pop("webhook_secret")

        webhook_secret_response = cls(
            previous_secret_valid_until=previous_secret_valid_until,
            webhook_secret=webhook_secret,
        )

        webhook_secret_response.additional_properties = d
        return webhook_secret_response

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
