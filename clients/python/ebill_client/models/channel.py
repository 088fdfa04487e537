from enum import StrEnum


class Channel(StrEnum):
    ELECTRONIC = "electronic"
    PAPER = "paper"

    def __str__(self) -> str:
        return str(self.value)
