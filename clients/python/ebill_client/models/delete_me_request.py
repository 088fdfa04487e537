from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DeleteMeRequest")


@_attrs_define
class DeleteMeRequest:
    """The password, again, to delete the account.

    Attributes:
        current_password (str): Checked: a wrong one is refused with 422 on `current_password`.
    """

    current_password: str

    def to_dict(self) -> dict[str, Any]:
        current_password = self.current_password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "current_password": current_password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_password = d.pop("current_password")

        delete_me_request = cls(
            current_password=current_password,
        )

        return delete_me_request
