from enum import StrEnum


class AccountDeliveryChangedEnvelopeType(StrEnum):
    ACCOUNT_DELIVERY_CHANGED = "account.delivery_changed"

    def __str__(self) -> str:
        return str(self.value)
