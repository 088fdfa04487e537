from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_dto import ServiceDto


T = TypeVar("T", bound="ChargeItem")


@_attrs_define
class ChargeItem:
    """One charge: money in integer kopecks, volume and tariff as exact decimal strings.

    Attributes:
        account_number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them
            a space
            or a control character. Example: 1001234.
        amount (int): Charged for the period, kopecks (≥ 0).
        service (ServiceDto): A billed service. Example: {'code': 'cold_water', 'name': 'Холодное водоснабжение',
            'unit': 'м³'}.
        debt (int | None | Unset): Debt carried over, kopecks (negative for an advance).
        penalty (int | None | Unset): Penalty (пени), kopecks (≥ 0).
        recalculation (int | None | Unset): Recalculation, kopecks (negative for a refund).
        tariff (None | str | Unset):
        volume (None | str | Unset):
    """

    account_number: str
    amount: int
    service: ServiceDto
    debt: int | None | Unset = UNSET
    penalty: int | None | Unset = UNSET
    recalculation: int | None | Unset = UNSET
    tariff: None | str | Unset = UNSET
    volume: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        account_number = self.account_number

        amount = self.amount

        service = self.service.to_dict()

        debt: int | None | Unset
        if isinstance(self.debt, Unset):
            debt = UNSET
        else:
            debt = self.debt

        penalty: int | None | Unset
        if isinstance(self.penalty, Unset):
            penalty = UNSET
        else:
            penalty = self.penalty

        recalculation: int | None | Unset
        if isinstance(self.recalculation, Unset):
            recalculation = UNSET
        else:
            recalculation = self.recalculation

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

        field_dict.update(
            {
                "account_number": account_number,
                "amount": amount,
                "service": service,
            }
        )
        if debt is not UNSET:
            field_dict["debt"] = debt
        if penalty is not UNSET:
            field_dict["penalty"] = penalty
        if recalculation is not UNSET:
            field_dict["recalculation"] = recalculation
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

        service = ServiceDto.from_dict(d.pop("service"))

        def _parse_debt(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        debt = _parse_debt(d.pop("debt", UNSET))

        def _parse_penalty(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        penalty = _parse_penalty(d.pop("penalty", UNSET))

        def _parse_recalculation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        recalculation = _parse_recalculation(d.pop("recalculation", UNSET))

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

        charge_item = cls(
            account_number=account_number,
            amount=amount,
            service=service,
            debt=debt,
            penalty=penalty,
            recalculation=recalculation,
            tariff=tariff,
            volume=volume,
        )

        return charge_item
