from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_payer_code import AccountPayerCode
    from ..models.field_error import FieldError
    from ..models.warning import Warning_


T = TypeVar("T", bound="PutAccountsResponse")


@_attrs_define
class PutAccountsResponse:
    """What an upsert did (or, `validate_only`, would do).

    Attributes:
        accounts (list[AccountPayerCode]): Every account of the request, in its order.
        created (int):
        errors (list[FieldError]): `validate_only` answers: the accounts the real call would refuse, as its 422 would
            name them
            (then nothing would be stored). Always empty otherwise.
        unchanged (int):
        updated (int):
        validate_only (bool): Whether this was a rehearsal: nothing was stored.
        warnings (list[Warning_]): What deserves a second look, never blocking: `accounts_moved` (a changed address
            moves an
            account to another premises).
    """

    accounts: list[AccountPayerCode]
    created: int
    errors: list[FieldError]
    unchanged: int
    updated: int
    validate_only: bool
    warnings: list[Warning_]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        created = self.created

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        unchanged = self.unchanged

        updated = self.updated

        validate_only = self.validate_only

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "created": created,
                "errors": errors,
                "unchanged": unchanged,
                "updated": updated,
                "validate_only": validate_only,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_payer_code import AccountPayerCode  # noqa: PLC0415
        from ..models.field_error import FieldError  # noqa: PLC0415
        from ..models.warning import Warning_  # noqa: PLC0415

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = AccountPayerCode.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        created = d.pop("created")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = FieldError.from_dict(errors_item_data)

            errors.append(errors_item)

        unchanged = d.pop("unchanged")

        updated = d.pop("updated")

        validate_only = d.pop("validate_only")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = Warning_.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        put_accounts_response = cls(
            accounts=accounts,
            created=created,
            errors=errors,
            unchanged=unchanged,
            updated=updated,
            validate_only=validate_only,
            warnings=warnings,
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
