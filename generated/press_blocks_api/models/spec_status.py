from enum import StrEnum


class SpecStatus(StrEnum):
    ARCHIVED = "archived"
    AVAILABLE = "available"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
