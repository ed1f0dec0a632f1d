from enum import StrEnum


class DeploymentStatus(StrEnum):
    DELETE_FAILED = "delete_failed"
    DELETING = "deleting"
    DEPLOYED = "deployed"
    DEPLOYING = "deploying"
    FAILED = "failed"
    PLATFORM_RESOURCE_ERROR = "platform_resource_error"
    REDEPLOYING = "redeploying"
    ROLLBACK = "rollback"
    ROLLBACK_COMPLETE = "rollback_complete"
    ROLLBACK_FAILED = "rollback_failed"
    WARNING = "warning"

    def __str__(self) -> str:
        return str(self.value)
