from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PasswordResetConfirmation")


@_attrs_define
class PasswordResetConfirmation:
    """A new password with the token of a reset link.

    Example:
        {'new_password': 'another long passphrase', 'token': 'q3Jx…'}

    Attributes:
        new_password (str): 10 to 200 characters.
        token (str): The `token` of the emailed link. One that is unknown, used or expired is refused with 422 on
            `token`.
    """

    new_password: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        new_password = self.new_password

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_password": new_password,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_password = d.pop("new_password")

        token = d.pop("token")

        password_reset_confirmation = cls(
            new_password=new_password,
            token=token,
        )

        return password_reset_confirmation
