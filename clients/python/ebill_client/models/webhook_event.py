from enum import StrEnum


class WebhookEvent(StrEnum):
    ACCOUNT_DELIVERY_CHANGED = "account.delivery_changed"
    DOCUMENT_DELIVERED = "document.delivered"
    DOCUMENT_FAILED = "document.failed"
    PING = "ping"

    def __str__(self) -> str:
        return str(self.value)
