from enum import StrEnum


class DocumentDeliveredEnvelopeType(StrEnum):
    DOCUMENT_DELIVERED = "document.delivered"

    def __str__(self) -> str:
        return str(self.value)
