from enum import StrEnum


class ServiceType(StrEnum):
    API = "api"
    WEB_APP = "web-app"

    def __str__(self) -> str:
        return str(self.value)
