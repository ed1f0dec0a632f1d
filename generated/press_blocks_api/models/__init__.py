"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app_block import AppBlock
    from .app_deployment import AppDeployment
    from .app_deployment_latest_revision import AppDeploymentLatestRevision
    from .artifact import Artifact
    from .block_kind import BlockKind
    from .create_deployment_body import CreateDeploymentBody
    from .create_deployment_body_revision import CreateDeploymentBodyRevision
    from .create_deployment_body_spec import CreateDeploymentBodySpec
    from .create_deployment_body_spec_release import CreateDeploymentBodySpecRelease
    from .create_revision_body import CreateRevisionBody
    from .create_revision_body_release import CreateRevisionBodyRelease
    from .create_revision_body_revision import CreateRevisionBodyRevision
    from .create_spec_form import CreateSpecForm
    from .create_spec_release_form import CreateSpecReleaseForm
    from .deployment import Deployment
    from .deployment_parameters import DeploymentParameters
    from .deployment_parameters_input import DeploymentParametersInput
    from .deployment_parent_type_0 import DeploymentParentType0
    from .deployment_spec_ref import DeploymentSpecRef
    from .deployment_spec_ref_release import DeploymentSpecRefRelease
    from .deployment_status import DeploymentStatus
    from .deployment_summary import DeploymentSummary
    from .env_parameters import EnvParameters
    from .env_parameters_env import EnvParametersEnv
    from .error_response import ErrorResponse
    from .form_flag import FormFlag
    from .id_response import IdResponse
    from .image_build import ImageBuild
    from .image_build_build_arguments import ImageBuildBuildArguments
    from .image_details import ImageDetails
    from .list_deployments_response import ListDeploymentsResponse
    from .list_releases_response import ListReleasesResponse
    from .list_revisions_response import ListRevisionsResponse
    from .list_specs_response import ListSpecsResponse
    from .metadata import Metadata
    from .metadata_input import MetadataInput
    from .parameter_definition import ParameterDefinition
    from .parameter_definition_input import ParameterDefinitionInput
    from .parameter_definitions import ParameterDefinitions
    from .parameter_definitions_groups import ParameterDefinitionsGroups
    from .parameter_definitions_input import ParameterDefinitionsInput
    from .parameter_option import ParameterOption
    from .parameter_type import ParameterType
    from .parameter_value import ParameterValue
    from .parameter_values import ParameterValues
    from .platform_resource import PlatformResource
    from .redeploy_response import RedeployResponse
    from .release import Release
    from .release_config import ReleaseConfig
    from .release_create_body import ReleaseCreateBody
    from .release_id_response import ReleaseIdResponse
    from .release_id_response_release import ReleaseIdResponseRelease
    from .release_input import ReleaseInput
    from .release_summary import ReleaseSummary
    from .resource_error import ResourceError
    from .resources import Resources
    from .revision import Revision
    from .revision_id_response import RevisionIdResponse
    from .revision_spec import RevisionSpec
    from .revision_spec_release import RevisionSpecRelease
    from .revision_status import RevisionStatus
    from .revision_summary import RevisionSummary
    from .run_parameters import RunParameters
    from .scope import Scope
    from .service_config import ServiceConfig
    from .service_spec_create_body import ServiceSpecCreateBody
    from .service_spec_create_body_kind import ServiceSpecCreateBodyKind
    from .service_type import ServiceType
    from .spec import Spec
    from .spec_status import SpecStatus
    from .spec_summary import SpecSummary
    from .tag import Tag
    from .trigger import Trigger
    from .update_deployment_metadata_body import UpdateDeploymentMetadataBody
    from .update_spec_metadata_body import UpdateSpecMetadataBody
    from .update_spec_metadata_body_metadata import UpdateSpecMetadataBodyMetadata
    from .validation_result import ValidationResult
    from .watcher import Watcher
    from .watcher_email import WatcherEmail
    from .watcher_email_recipients import WatcherEmailRecipients
    from .watcher_events import WatcherEvents
    from .watcher_webhook import WatcherWebhook
    from .workflow_config import WorkflowConfig
    from .workflow_config_images import WorkflowConfigImages
    from .workflow_config_steps import WorkflowConfigSteps
    from .workflow_spec_create_body import WorkflowSpecCreateBody
    from .workflow_spec_create_body_kind import WorkflowSpecCreateBodyKind
    from .workflow_step import WorkflowStep
    from .workflow_step_repository import WorkflowStepRepository

_MODULES: dict[str, str] = {
    "AppBlock": ".app_block",
    "AppDeployment": ".app_deployment",
    "AppDeploymentLatestRevision": ".app_deployment_latest_revision",
    "Artifact": ".artifact",
    "BlockKind": ".block_kind",
    "CreateDeploymentBody": ".create_deployment_body",
    "CreateDeploymentBodyRevision": ".create_deployment_body_revision",
    "CreateDeploymentBodySpec": ".create_deployment_body_spec",
    "CreateDeploymentBodySpecRelease": ".create_deployment_body_spec_release",
    "CreateRevisionBody": ".create_revision_body",
    "CreateRevisionBodyRelease": ".create_revision_body_release",
    "CreateRevisionBodyRevision": ".create_revision_body_revision",
    "CreateSpecForm": ".create_spec_form",
    "CreateSpecReleaseForm": ".create_spec_release_form",
    "Deployment": ".deployment",
    "DeploymentParameters": ".deployment_parameters",
    "DeploymentParametersInput": ".deployment_parameters_input",
    "DeploymentParentType0": ".deployment_parent_type_0",
    "DeploymentSpecRef": ".deployment_spec_ref",
    "DeploymentSpecRefRelease": ".deployment_spec_ref_release",
    "DeploymentStatus": ".deployment_status",
    "DeploymentSummary": ".deployment_summary",
    "EnvParameters": ".env_parameters",
    "EnvParametersEnv": ".env_parameters_env",
    "ErrorResponse": ".error_response",
    "FormFlag": ".form_flag",
    "IdResponse": ".id_response",
    "ImageBuild": ".image_build",
    "ImageBuildBuildArguments": ".image_build_build_arguments",
    "ImageDetails": ".image_details",
    "ListDeploymentsResponse": ".list_deployments_response",
    "ListReleasesResponse": ".list_releases_response",
    "ListRevisionsResponse": ".list_revisions_response",
    "ListSpecsResponse": ".list_specs_response",
    "Metadata": ".metadata",
    "MetadataInput": ".metadata_input",
    "ParameterDefinition": ".parameter_definition",
    "ParameterDefinitionInput": ".parameter_definition_input",
    "ParameterDefinitions": ".parameter_definitions",
    "ParameterDefinitionsGroups": ".parameter_definitions_groups",
    "ParameterDefinitionsInput": ".parameter_definitions_input",
    "ParameterOption": ".parameter_option",
    "ParameterType": ".parameter_type",
    "ParameterValue": ".parameter_value",
    "ParameterValues": ".parameter_values",
    "PlatformResource": ".platform_resource",
    "RedeployResponse": ".redeploy_response",
    "Release": ".release",
    "ReleaseConfig": ".release_config",
    "ReleaseCreateBody": ".release_create_body",
    "ReleaseIdResponse": ".release_id_response",
    "ReleaseIdResponseRelease": ".release_id_response_release",
    "ReleaseInput": ".release_input",
    "ReleaseSummary": ".release_summary",
    "ResourceError": ".resource_error",
    "Resources": ".resources",
    "Revision": ".revision",
    "RevisionIdResponse": ".revision_id_response",
    "RevisionSpec": ".revision_spec",
    "RevisionSpecRelease": ".revision_spec_release",
    "RevisionStatus": ".revision_status",
    "RevisionSummary": ".revision_summary",
    "RunParameters": ".run_parameters",
    "Scope": ".scope",
    "ServiceConfig": ".service_config",
    "ServiceSpecCreateBody": ".service_spec_create_body",
    "ServiceSpecCreateBodyKind": ".service_spec_create_body_kind",
    "ServiceType": ".service_type",
    "Spec": ".spec",
    "SpecStatus": ".spec_status",
    "SpecSummary": ".spec_summary",
    "Tag": ".tag",
    "Trigger": ".trigger",
    "UpdateDeploymentMetadataBody": ".update_deployment_metadata_body",
    "UpdateSpecMetadataBody": ".update_spec_metadata_body",
    "UpdateSpecMetadataBodyMetadata": ".update_spec_metadata_body_metadata",
    "ValidationResult": ".validation_result",
    "Watcher": ".watcher",
    "WatcherEmail": ".watcher_email",
    "WatcherEmailRecipients": ".watcher_email_recipients",
    "WatcherEvents": ".watcher_events",
    "WatcherWebhook": ".watcher_webhook",
    "WorkflowConfig": ".workflow_config",
    "WorkflowConfigImages": ".workflow_config_images",
    "WorkflowConfigSteps": ".workflow_config_steps",
    "WorkflowSpecCreateBody": ".workflow_spec_create_body",
    "WorkflowSpecCreateBodyKind": ".workflow_spec_create_body_kind",
    "WorkflowStep": ".workflow_step",
    "WorkflowStepRepository": ".workflow_step_repository",
}

__all__ = (
    "AppBlock",
    "AppDeployment",
    "AppDeploymentLatestRevision",
    "Artifact",
    "BlockKind",
    "CreateDeploymentBody",
    "CreateDeploymentBodyRevision",
    "CreateDeploymentBodySpec",
    "CreateDeploymentBodySpecRelease",
    "CreateRevisionBody",
    "CreateRevisionBodyRelease",
    "CreateRevisionBodyRevision",
    "CreateSpecForm",
    "CreateSpecReleaseForm",
    "Deployment",
    "DeploymentParameters",
    "DeploymentParametersInput",
    "DeploymentParentType0",
    "DeploymentSpecRef",
    "DeploymentSpecRefRelease",
    "DeploymentStatus",
    "DeploymentSummary",
    "EnvParameters",
    "EnvParametersEnv",
    "ErrorResponse",
    "FormFlag",
    "IdResponse",
    "ImageBuild",
    "ImageBuildBuildArguments",
    "ImageDetails",
    "ListDeploymentsResponse",
    "ListReleasesResponse",
    "ListRevisionsResponse",
    "ListSpecsResponse",
    "Metadata",
    "MetadataInput",
    "ParameterDefinition",
    "ParameterDefinitionInput",
    "ParameterDefinitions",
    "ParameterDefinitionsGroups",
    "ParameterDefinitionsInput",
    "ParameterOption",
    "ParameterType",
    "ParameterValue",
    "ParameterValues",
    "PlatformResource",
    "RedeployResponse",
    "Release",
    "ReleaseConfig",
    "ReleaseCreateBody",
    "ReleaseIdResponse",
    "ReleaseIdResponseRelease",
    "ReleaseInput",
    "ReleaseSummary",
    "ResourceError",
    "Resources",
    "Revision",
    "RevisionIdResponse",
    "RevisionSpec",
    "RevisionSpecRelease",
    "RevisionStatus",
    "RevisionSummary",
    "RunParameters",
    "Scope",
    "ServiceConfig",
    "ServiceSpecCreateBody",
    "ServiceSpecCreateBodyKind",
    "ServiceType",
    "Spec",
    "SpecStatus",
    "SpecSummary",
    "Tag",
    "Trigger",
    "UpdateDeploymentMetadataBody",
    "UpdateSpecMetadataBody",
    "UpdateSpecMetadataBodyMetadata",
    "ValidationResult",
    "Watcher",
    "WatcherEmail",
    "WatcherEmailRecipients",
    "WatcherEvents",
    "WatcherWebhook",
    "WorkflowConfig",
    "WorkflowConfigImages",
    "WorkflowConfigSteps",
    "WorkflowSpecCreateBody",
    "WorkflowSpecCreateBodyKind",
    "WorkflowStep",
    "WorkflowStepRepository",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
