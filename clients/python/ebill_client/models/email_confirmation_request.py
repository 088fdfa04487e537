from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EmailConfirmationRequest")


@_attrs_define
class EmailConfirmationRequest:
    """The token from a confirmation link.

    Example:
        {'token': 'q3Jx…'}

    Attributes:
        token (str): The `token` of the emailed link. One that is unknown, used or expired is refused with 422 on
            `token`.
    """

    token: str

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        email_confirmation_request = cls(
            token=token,
        )

        return email_confirmation_request
