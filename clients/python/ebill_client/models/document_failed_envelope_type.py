from enum import StrEnum


class DocumentFailedEnvelopeType(StrEnum):
    DOCUMENT_FAILED = "document.failed"

    def __str__(self) -> str:
        return str(self.value)
