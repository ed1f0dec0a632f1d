from enum import StrEnum


class StandardStepType(StrEnum):
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
