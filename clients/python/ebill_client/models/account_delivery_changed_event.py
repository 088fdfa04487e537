from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel

T = TypeVar("T", bound="AccountDeliveryChangedEvent")


@_attrs_define
class AccountDeliveryChangedEvent:
    """How the provider's charges for an account go out from a period on changed
    (`account.delivery_changed`): a resident of the premises switched, or the provider's e-document
    capability was withdrawn.

        Attributes:
            account_number (str): A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them
                a space
                or a control character. Example: 1001234.
            delivery (Channel): How a premises' receipts reach its residents.
            effective_from (str): A billing period: a month written `YYYY-MM`, years 2000 to 2099. Example: 2021-08.
            payer_code (str): A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is
                a
                Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
                `validation_failed` naming the field (the documented exception); a code that is well formed but
                unknown is a 404. Example: 0000000018.
    """

    account_number: str
    delivery: Channel
    effective_from: str
    payer_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_number = self.account_number

        delivery = self.delivery.value

        effective_from = self.effective_from

        payer_code = self.payer_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_number": account_number,
                "delivery": delivery,
                "effective_from": effective_from,
                "payer_code": payer_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_number = d.pop("account_number")

        delivery = Channel(d.pop("delivery"))

        effective_from = d.pop("effective_from")

        payer_code = d.pop("payer_code")

        account_delivery_changed_event = cls(
            account_number=account_number,
            delivery=delivery,
            effective_from=effective_from,
            payer_code=payer_code,
        )

        account_delivery_changed_event.additional_properties = d
        return account_delivery_changed_event

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
