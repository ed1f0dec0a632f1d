from enum import StrEnum


class ExportStepType(StrEnum):
    EXPORT = "export"

    def __str__(self) -> str:
        return str(self.value)
