from enum import StrEnum


class RevisionStatus(StrEnum):
    DELETE_FAILED = "delete_failed"
    DELETING = "deleting"
    DEPLOYED = "deployed"
    DEPLOYING = "deploying"
    FAILED = "failed"
    PLATFORM_RESOURCE_ERROR = "platform_resource_error"
    ROLLBACK = "rollback"
    ROLLBACK_COMPLETE = "rollback_complete"
    ROLLBACK_FAILED = "rollback_failed"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
