from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.warning import Warning_


T = TypeVar("T", bound="PushChargesResponse")


@_attrs_define
class PushChargesResponse:
    """What a push did (or, `validate_only`, would do).

    Attributes:
        batch_id (None | str): The push's record (`GET /v1/providers/me/batches/{id}`); null in a `validate_only`
            answer.
        created (int): Charges that did not exist before.
        errors (list[FieldError]): `validate_only` answers: the items the real call would refuse, as its 422 would name
            them
            (then nothing would be stored: `created` and `updated` are 0). Always empty otherwise.
        updated (int): Charges that replaced an earlier push of the same account, period and service.
        validate_only (bool): Whether this was a rehearsal: nothing was stored.
        warnings (list[Warning_]): What looks wrong but may be right, checked against the period before: never blocking.
    """

    batch_id: None | str
    created: int
    errors: list[FieldError]
    updated: int
    validate_only: bool
    warnings: list[Warning_]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_id: None | str
        batch_id = self.batch_id

        created = self.created

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

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
                "batch_id": batch_id,
                "created": created,
                "errors": errors,
                "updated": updated,
                "validate_only": validate_only,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415
        from ..models.warning import Warning_  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_batch_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        batch_id = _parse_batch_id(d.pop("batch_id"))

        created = d.pop("created")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = FieldError.from_dict(errors_item_data)

            errors.append(errors_item)

        updated = d.pop("updated")

        validate_only = d.pop("validate_only")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = Warning_.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        push_charges_response = cls(
            batch_id=batch_id,
            created=created,
            errors=errors,
            updated=updated,
            validate_only=validate_only,
            warnings=warnings,
        )

        push_charges_response.additional_properties = d
        return push_charges_response

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
