from enum import StrEnum


class HttpAuthType(StrEnum):
    API_KEY = "api-key"
    BASIC = "basic"
    BEARER_TOKEN = "bearer-token"
    NO_AUTH = "no-auth"
    OAUTH = "oauth"

    def __str__(self) -> str:
        return str(self.value)
