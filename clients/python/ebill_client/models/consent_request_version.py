from enum import StrEnum


class ConsentRequestVersion(StrEnum):
    VALUE_0 = "2026-12-01"

    def __str__(self) -> str:
        return str(self.value)
