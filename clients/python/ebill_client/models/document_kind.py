from enum import StrEnum


class DocumentKind(StrEnum):
    E_RECEIPT = "e_receipt"
    PAPER = "paper"

    def __str__(self) -> str:
        return str(self.value)
