from enum import StrEnum


class PingEnvelopeType(StrEnum):
    PING = "ping"

    def __str__(self) -> str:
        return str(self.value)
