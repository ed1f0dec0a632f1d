from enum import StrEnum


class ParameterType(StrEnum):
    BOOLEAN = "boolean"
    NUMBER = "number"
    NUMBER_ARRAY = "number_array"
    OBJECT = "object"
    OBJECT_ARRAY = "object_array"
    STRING = "string"
    STRING_ARRAY = "string_array"

    def __str__(self) -> str:
        return str(self.value)
