from enum import StrEnum


class ServiceSpecCreateBodyKind(StrEnum):
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
