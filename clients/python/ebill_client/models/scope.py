from enum import StrEnum


class Scope(StrEnum):
    ADDRESSESREAD = "addresses:read"
    ADDRESSESWRITE = "addresses:write"
    DELIVERYWRITE = "delivery:write"
    DOCUMENTSREAD = "documents:read"
    PROFILEREAD = "profile:read"

    def __str__(self) -> str:
        return str(self.value)
