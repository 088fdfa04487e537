from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_dto import ServiceDto


T = TypeVar("T", bound="ChargeResponse")


@_attrs_define
class ChargeResponse:
    """A stored charge.

    Attributes:
        account_number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them
            a space
            or a control character. Example: 1001234.
        amount (int):
        batch_id (str):
        debt (int):
        penalty (int):
        period (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
        recalculation (int):
        service (ServiceDto): A billed service. Example: {'code': 'cold_water', 'name': 'Холодное водоснабжение',
            'unit': 'м³'}.
        updated_at (datetime.datetime):
        tariff (None | str | Unset):
        volume (None | str | Unset):
    """

    account_number: str
    amount: int
    batch_id: str
    debt: int
    penalty: int
    period: str
    recalculation: int
    service: ServiceDto
    updated_at: datetime.datetime
    tariff: None | str | Unset = UNSET
    volume: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_number = self.account_number

        amount = self.amount

        batch_id = self.batch_id

        debt = self.debt

        penalty = self.penalty

        period = self.period

        recalculation = self.recalculation

        service = self.service.to_dict()

        updated_at = self.updated_at.isoformat()

        tariff: None | str | Unset
        if isinstance(self.tariff, Unset):
            tariff = UNSET
        else:
            tariff = self.tariff

        volume: None | str | Unset
        if isinstance(self.volume, Unset):
            volume = UNSET
        else:
            volume = self.volume

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_number": account_number,
                "amount": amount,
                "batch_id": batch_id,
                "debt": debt,
                "penalty": penalty,
                "period": period,
                "recalculation": recalculation,
                "service": service,
                "updated_at": updated_at,
            }
        )
        if tariff is not UNSET:
            field_dict["tariff"] = tariff
        if volume is not UNSET:
            field_dict["volume"] = volume

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.service_dto import ServiceDto  # noqa: PLC0415

        d = dict(src_dict)
        account_number = d.pop("account_number")

        amount = d.pop("amount")

        batch_id = d.pop("batch_id")

        debt = d.pop("debt")

        penalty = d.pop("penalty")

        period = d.pop("period")

        recalculation = d.pop("recalculation")

        service = ServiceDto.from_dict(d.pop("service"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_tariff(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tariff = _parse_tariff(d.pop("tariff", UNSET))

        def _parse_volume(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        volume = _parse_volume(d.pop("volume", UNSET))

        charge_response = cls(
            account_number=account_number,
            amount=amount,
            batch_id=batch_id,
            debt=debt,
            penalty=penalty,
            period=period,
            recalculation=recalculation,
            service=service,
            updated_at=updated_at,
            tariff=tariff,
            volume=volume,
        )

        charge_response.additional_properties = d
        return charge_response

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
