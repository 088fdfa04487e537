from enum import StrEnum


class VerificationChannel(StrEnum):
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
