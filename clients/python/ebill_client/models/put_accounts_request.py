from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.account_input import AccountInput


T = TypeVar("T", bound="PutAccountsRequest")


@_attrs_define
class PutAccountsRequest:
    """Accounts to create or update (at most 10,000).

    Example:
        {'accounts': [{'address': {'apartment': '5', 'city': 'Абакан', 'house': '12', 'street': 'ул. Ленина'}, 'holder':
            'Иванов И. И.', 'number': '1001234'}]}

    Attributes:
        accounts (list[AccountInput]):
    """

    accounts: list[AccountInput]

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accounts": accounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_input import AccountInput  # noqa: PLC0415

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = AccountInput.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        put_accounts_request = cls(
            accounts=accounts,
        )

        return put_accounts_request
