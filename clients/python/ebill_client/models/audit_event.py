from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_actor import AuditActor
from ..models.audit_kind import AuditKind
from ..models.audit_object import AuditObject
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_event_data import AuditEventData


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """One event of the audit trail.

    Attributes:
        actor_kind (AuditActor): Who did what an audit event records.
        created_at (datetime.datetime):
        data (AuditEventData): What changed (never a secret or a code).
        id (str):
        kind (AuditKind): What an event of the audit trail records.
        object_id (str):
        object_type (AuditObject): What an audit event is about.
        actor_id (None | str | Unset): The operator, provider or resident; null for the system.
    """

    actor_kind: AuditActor
    created_at: datetime.datetime
    data: AuditEventData
    id: str
    kind: AuditKind
    object_id: str
    object_type: AuditObject
    actor_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_kind = self.actor_kind.value

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        kind = self.kind.value

        object_id = self.object_id

        object_type = self.object_type.value

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = self.actor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_kind": actor_kind,
                "created_at": created_at,
                "data": data,
                "id": id,
                "kind": kind,
                "object_id": object_id,
                "object_type": object_type,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_data import AuditEventData  # noqa: PLC0415

        d = dict(src_dict)
        actor_kind = AuditActor(d.pop("actor_kind"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = AuditEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        kind = AuditKind(d.pop("kind"))

        object_id = d.pop("object_id")

        object_type = AuditObject(d.pop("object_type"))

        def _parse_actor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        audit_event = cls(
            actor_kind=actor_kind,
            created_at=created_at,
            data=data,
            id=id,
            kind=kind,
            object_id=object_id,
            object_type=object_type,
            actor_id=actor_id,
        )

        audit_event.additional_properties = d
        return audit_event

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
