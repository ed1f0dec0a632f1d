from enum import StrEnum


class HttpStepType(StrEnum):
    HTTP = "http"

    def __str__(self) -> str:
        return str(self.value)
