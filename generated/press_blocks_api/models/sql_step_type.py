from enum import StrEnum


class SqlStepType(StrEnum):
    SQL = "sql"

    def __str__(self) -> str:
        return str(self.value)
