from enum import StrEnum


class WarningCode(StrEnum):
    ACCOUNTS_MISSING = "accounts_missing"
    ACCOUNTS_MOVED = "accounts_moved"
    AMOUNT_FAR_FROM_LAST_PERIOD = "amount_far_from_last_period"
    NEGATIVE_TOTAL = "negative_total"
    VOLUME_TARIFF_MISMATCH = "volume_tariff_mismatch"

    def __str__(self) -> str:
        return str(self.value)
