from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_payer_code import AccountPayerCode


T = TypeVar("T", bound="PutAccountsResponse")


@_attrs_define
class PutAccountsResponse:
    """What an upsert did.

    Attributes:
        accounts (list[AccountPayerCode]): Every account of the request, in its order.
        created (int):
        unchanged (int):
        updated (int):
    """

    accounts: list[AccountPayerCode]
    created: int
    unchanged: int
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        created = self.created

        unchanged = self.unchanged

        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "created": created,
                "unchanged": unchanged,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_payer_code import AccountPayerCode  # noqa: PLC0415

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = AccountPayerCode.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        created = d.pop("created")

        unchanged = d.pop("unchanged")

        updated = d.pop("updated")

        put_accounts_response = cls(
            accounts=accounts,
            created=created,
            unchanged=unchanged,
            updated=updated,
        )

        put_accounts_response.additional_properties = d
        return put_accounts_response

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
