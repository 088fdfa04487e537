from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code import Code
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError


T = TypeVar("T", bound="ProblemBody")


@_attrs_define
class ProblemBody:
    """An RFC 9457 problem document, as every error of the API is answered.

    Example:
        {'code': 'validation_failed', 'detail': 'inn: check digit does not match', 'errors': [{'field': 'inn',
            'message': 'check digit does not match'}], 'request_id': '0193f6a2c1d27c3e9f1a2b3c4d5e6f70', 'status': 422,
            'title': 'Validation failed', 'type': '/problems/validation_failed'}

    Attributes:
        code (Code): Every stable `code` the API answers with, in one table.
        detail (str):
        status (int):
        title (str):
        type_ (str): A URI reference naming the problem type: `/problems/{code}`.
        attempts_left (int | None | Unset): Remaining tries (verification codes only).
        error (None | str | Unset): OAuth 2 error code (RFC 6749 §5.2): the `code` again, on the OAuth errors.
        error_description (None | str | Unset): OAuth 2 error description: the `detail` again, on the OAuth errors.
        errors (list[FieldError] | Unset): The failing fields, for validation errors.
        request_id (None | str | Unset): Quote it when asking for support: it is in the server's log too.
    """

    code: Code
    detail: str
    status: int
    title: str
    type_: str
    attempts_left: int | None | Unset = UNSET
    error: None | str | Unset = UNSET
    error_description: None | str | Unset = UNSET
    errors: list[FieldError] | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        attempts_left: int | None | Unset
        if isinstance(self.attempts_left, Unset):
            attempts_left = UNSET
        else:
            attempts_left = self.attempts_left

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        error_description: None | str | Unset
        if isinstance(self.error_description, Unset):
            error_description = UNSET
        else:
            error_description = self.error_description

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if attempts_left is not UNSET:
            field_dict["attempts_left"] = attempts_left
        if error is not UNSET:
            field_dict["error"] = error
        if error_description is not UNSET:
            field_dict["error_description"] = error_description
        if errors is not UNSET:
            field_dict["errors"] = errors
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415

        d = dict(src_dict)
        code = Code(d.pop("code"))

        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_attempts_left(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        attempts_left = _parse_attempts_left(d.pop("attempts_left", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_error_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_description = _parse_error_description(d.pop("error_description", UNSET))

        _errors = d.pop("errors", UNSET)
        errors: list[FieldError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = FieldError.from_dict(errors_item_data)

                errors.append(errors_item)

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        problem_body = cls(
            code=code,
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            attempts_left=attempts_left,
            error=error,
            error_description=error_description,
            errors=errors,
            request_id=request_id,
        )

        problem_body.additional_properties = d
        return problem_body

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
