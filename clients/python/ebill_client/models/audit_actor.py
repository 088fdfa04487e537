from enum import StrEnum


class AuditActor(StrEnum):
    OPERATOR = "operator"
    PROVIDER = "provider"
    RESIDENT = "resident"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
