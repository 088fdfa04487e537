from enum import StrEnum


class AuditObject(StrEnum):
    ADDRESS = "address"
    APP = "app"
    BILLING_RUN = "billing_run"
    DOCUMENT = "document"
    PREMISES = "premises"
    PROVIDER = "provider"
    RESIDENT = "resident"

    def __str__(self) -> str:
        return str(self.value)
