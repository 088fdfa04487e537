from enum import StrEnum


class DocumentDelivery(StrEnum):
    EMAILED = "emailed"
    FAILED = "failed"
    PRINTED = "printed"
    QUEUED = "queued"

    def __str__(self) -> str:
        return str(self.value)
