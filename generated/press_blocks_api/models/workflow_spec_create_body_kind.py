from enum import StrEnum


class WorkflowSpecCreateBodyKind(StrEnum):
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
