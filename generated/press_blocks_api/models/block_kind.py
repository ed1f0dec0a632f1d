from enum import StrEnum


class BlockKind(StrEnum):
    SERVICE = "service"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
