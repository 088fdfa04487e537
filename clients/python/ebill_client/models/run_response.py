from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_counts import MessageCounts


T = TypeVar("T", bound="RunResponse")


@_attrs_define
class RunResponse:
    """A billing run and its progress.

    Attributes:
        chunks_done (int):
        chunks_total (int):
        e_receipts (int):
        emails (MessageCounts): Messages of one channel.
        id (str):
        paper_documents (int):
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        premises (int): Premises with charges in the period.
        sms (MessageCounts): Messages of one channel.
        started_at (datetime.datetime):
        status (RunStatus): Where a billing run is.
        webhooks (MessageCounts): Messages of one channel.
        finished_at (datetime.datetime | None | Unset):
        last_error (None | str | Unset):
    """

    chunks_done: int
    chunks_total: int
    e_receipts: int
    emails: MessageCounts
    id: str
    paper_documents: int
    period: str
    premises: int
    sms: MessageCounts
    started_at: datetime.datetime
    status: RunStatus
    webhooks: MessageCounts
    finished_at: datetime.datetime | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunks_done = self.chunks_done

        chunks_total = self.chunks_total

        e_receipts = self.e_receipts

        emails = self.emails.to_dict()

        id = self.id

        paper_documents = self.paper_documents

        period = self.period

        premises = self.premises

        sms = self.sms.to_dict()

        started_at = self.started_at.isoformat()

        status = self.status.value

        webhooks = self.webhooks.to_dict()

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chunks_done": chunks_done,
                "chunks_total": chunks_total,
                "e_receipts": e_receipts,
                "emails": emails,
                "id": id,
                "paper_documents": paper_documents,
                "period": period,
                "premises": premises,
                "sms": sms,
                "started_at": started_at,
                "status": status,
                "webhooks": webhooks,
            }
        )
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_counts import MessageCounts  # noqa: PLC0415

        d = dict(src_dict)
        chunks_done = d.pop("chunks_done")

        chunks_total = d.pop("chunks_total")

        e_receipts = d.pop("e_receipts")

        emails = MessageCounts.from_dict(d.pop("emails"))

        id = d.pop("id")

        paper_documents = d.pop("paper_documents")

        period = d.pop("period")

        premises = d.pop("premises")

        sms = MessageCounts.from_dict(d.pop("sms"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = RunStatus(d.pop("status"))

        webhooks = MessageCounts.from_dict(d.pop("webhooks"))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        run_response = cls(
            chunks_done=chunks_done,
            chunks_total=chunks_total,
            e_receipts=e_receipts,
            emails=emails,
            id=id,
            paper_documents=paper_documents,
            period=period,
            premises=premises,
            sms=sms,
            started_at=started_at,
            status=status,
            webhooks=webhooks,
            finished_at=finished_at,
            last_error=last_error,
        )

        run_response.additional_properties = d
        return run_response

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
