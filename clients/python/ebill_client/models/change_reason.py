from enum import StrEnum


class ChangeReason(StrEnum):
    EMAIL_BOUNCED = "email_bounced"
    RESIDENT = "resident"

    def __str__(self) -> str:
        return str(self.value)
