from enum import StrEnum


class VerificationStatus(StrEnum):
    CONFIRMED = "confirmed"
    DEAD = "dead"
    PENDING = "pending"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
