"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app_block import AppBlock
    from .app_deployment import AppDeployment
    from .app_metadata import AppMetadata
    from .app_revision import AppRevision
    from .artifact import Artifact
    from .block_kind import BlockKind
    from .create_deployment_body import CreateDeploymentBody
    from .create_revision_body import CreateRevisionBody
    from .create_spec_form import CreateSpecForm
    from .create_spec_release_form import CreateSpecReleaseForm
    from .deployment import Deployment
    from .deployment_parameters import DeploymentParameters
    from .deployment_parameters_input import DeploymentParametersInput
    from .deployment_parent_type_0 import DeploymentParentType0
    from .deployment_release_versions import DeploymentReleaseVersions
    from .deployment_spec_input import DeploymentSpecInput
    from .deployment_spec_ref import DeploymentSpecRef
    from .deployment_status import DeploymentStatus
    from .deployment_summary import DeploymentSummary
    from .email_recipients import EmailRecipients
    from .email_watcher import EmailWatcher
    from .env_parameters import EnvParameters
    from .error_response import ErrorResponse
    from .execution_parameters import ExecutionParameters
    from .export_step import ExportStep
    from .export_step_sort_order import ExportStepSortOrder
    from .export_step_type import ExportStepType
    from .first_revision_input import FirstRevisionInput
    from .form_flag import FormFlag
    from .http_auth import HttpAuth
    from .http_auth_type import HttpAuthType
    from .http_headers import HttpHeaders
    from .http_step import HttpStep
    from .http_step_method import HttpStepMethod
    from .http_step_type import HttpStepType
    from .id_response import IdResponse
    from .image_build import ImageBuild
    from .image_details import ImageDetails
    from .list_deployments_response import ListDeploymentsResponse
    from .list_releases_response import ListReleasesResponse
    from .list_revisions_response import ListRevisionsResponse
    from .list_specs_response import ListSpecsResponse
    from .metadata import Metadata
    from .metadata_input import MetadataInput
    from .parameter_condition import ParameterCondition
    from .parameter_condition_condition_type import ParameterConditionConditionType
    from .parameter_definition import ParameterDefinition
    from .parameter_definition_input import ParameterDefinitionInput
    from .parameter_definitions import ParameterDefinitions
    from .parameter_definitions_input import ParameterDefinitionsInput
    from .parameter_groups import ParameterGroups
    from .parameter_option import ParameterOption
    from .parameter_type import ParameterType
    from .parameter_value import ParameterValue
    from .parameter_values import ParameterValues
    from .parent_status_condition import ParentStatusCondition
    from .platform_resource import PlatformResource
    from .redeploy_response import RedeployResponse
    from .release import Release
    from .release_config import ReleaseConfig
    from .release_create_body import ReleaseCreateBody
    from .release_id_response import ReleaseIdResponse
    from .release_input import ReleaseInput
    from .release_ref import ReleaseRef
    from .release_summary import ReleaseSummary
    from .release_version import ReleaseVersion
    from .resource_error import ResourceError
    from .resources import Resources
    from .retry_options import RetryOptions
    from .revision import Revision
    from .revision_id_response import RevisionIdResponse
    from .revision_input import RevisionInput
    from .revision_spec_ref import RevisionSpecRef
    from .revision_status import RevisionStatus
    from .revision_summary import RevisionSummary
    from .run_configuration import RunConfiguration
    from .run_parameters import RunParameters
    from .scope import Scope
    from .service_config import ServiceConfig
    from .service_spec_create_body import ServiceSpecCreateBody
    from .service_spec_create_body_kind import ServiceSpecCreateBodyKind
    from .service_type import ServiceType
    from .skip_configuration import SkipConfiguration
    from .spec import Spec
    from .spec_metadata_update import SpecMetadataUpdate
    from .spec_status import SpecStatus
    from .spec_summary import SpecSummary
    from .sql_step import SqlStep
    from .sql_step_type import SqlStepType
    from .standard_step import StandardStep
    from .standard_step_type import StandardStepType
    from .step_base import StepBase
    from .step_condition import StepCondition
    from .step_repository import StepRepository
    from .string_map import StringMap
    from .tag import Tag
    from .trigger import Trigger
    from .update_deployment_metadata_body import UpdateDeploymentMetadataBody
    from .update_spec_metadata_body import UpdateSpecMetadataBody
    from .validation_result import ValidationResult
    from .watcher import Watcher
    from .watcher_events import WatcherEvents
    from .webhook_watcher import WebhookWatcher
    from .workflow_config import WorkflowConfig
    from .workflow_images import WorkflowImages
    from .workflow_spec_create_body import WorkflowSpecCreateBody
    from .workflow_spec_create_body_kind import WorkflowSpecCreateBodyKind
    from .workflow_steps import WorkflowSteps

_MODULES: dict[str, str] = {
    "AppBlock": ".app_block",
    "AppDeployment": ".app_deployment",
    "AppMetadata": ".app_metadata",
    "AppRevision": ".app_revision",
    "Artifact": ".artifact",
    "BlockKind": ".block_kind",
    "CreateDeploymentBody": ".create_deployment_body",
    "CreateRevisionBody": ".create_revision_body",
    "CreateSpecForm": ".create_spec_form",
    "CreateSpecReleaseForm": ".create_spec_release_form",
    "Deployment": ".deployment",
    "DeploymentParameters": ".deployment_parameters",
    "DeploymentParametersInput": ".deployment_parameters_input",
    "DeploymentParentType0": ".deployment_parent_type_0",
    "DeploymentReleaseVersions": ".deployment_release_versions",
    "DeploymentSpecInput": ".deployment_spec_input",
    "DeploymentSpecRef": ".deployment_spec_ref",
    "DeploymentStatus": ".deployment_status",
    "DeploymentSummary": ".deployment_summary",
    "EmailRecipients": ".email_recipients",
    "EmailWatcher": ".email_watcher",
    "EnvParameters": ".env_parameters",
    "ErrorResponse": ".error_response",
    "ExecutionParameters": ".execution_parameters",
    "ExportStep": ".export_step",
    "ExportStepSortOrder": ".export_step_sort_order",
    "ExportStepType": ".export_step_type",
    "FirstRevisionInput": ".first_revision_input",
    "FormFlag": ".form_flag",
    "HttpAuth": ".http_auth",
    "HttpAuthType": ".http_auth_type",
    "HttpHeaders": ".http_headers",
    "HttpStep": ".http_step",
    "HttpStepMethod": ".http_step_method",
    "HttpStepType": ".http_step_type",
    "IdResponse": ".id_response",
    "ImageBuild": ".image_build",
    "ImageDetails": ".image_details",
    "ListDeploymentsResponse": ".list_deployments_response",
    "ListReleasesResponse": ".list_releases_response",
    "ListRevisionsResponse": ".list_revisions_response",
    "ListSpecsResponse": ".list_specs_response",
    "Metadata": ".metadata",
    "MetadataInput": ".metadata_input",
    "ParameterCondition": ".parameter_condition",
    "ParameterConditionConditionType": ".parameter_condition_condition_type",
    "ParameterDefinition": ".parameter_definition",
    "ParameterDefinitionInput": ".parameter_definition_input",
    "ParameterDefinitions": ".parameter_definitions",
    "ParameterDefinitionsInput": ".parameter_definitions_input",
    "ParameterGroups": ".parameter_groups",
    "ParameterOption": ".parameter_option",
    "ParameterType": ".parameter_type",
    "ParameterValue": ".parameter_value",
    "ParameterValues": ".parameter_values",
    "ParentStatusCondition": ".parent_status_condition",
    "PlatformResource": ".platform_resource",
    "RedeployResponse": ".redeploy_response",
    "Release": ".release",
    "ReleaseConfig": ".release_config",
    "ReleaseCreateBody": ".release_create_body",
    "ReleaseIdResponse": ".release_id_response",
    "ReleaseInput": ".release_input",
    "ReleaseRef": ".release_ref",
    "ReleaseSummary": ".release_summary",
    "ReleaseVersion": ".release_version",
    "ResourceError": ".resource_error",
    "Resources": ".resources",
    "RetryOptions": ".retry_options",
    "Revision": ".revision",
    "RevisionIdResponse": ".revision_id_response",
    "RevisionInput": ".revision_input",
    "RevisionSpecRef": ".revision_spec_ref",
    "RevisionStatus": ".revision_status",
    "RevisionSummary": ".revision_summary",
    "RunConfiguration": ".run_configuration",
    "RunParameters": ".run_parameters",
    "Scope": ".scope",
    "ServiceConfig": ".service_config",
    "ServiceSpecCreateBody": ".service_spec_create_body",
    "ServiceSpecCreateBodyKind": ".service_spec_create_body_kind",
    "ServiceType": ".service_type",
    "SkipConfiguration": ".skip_configuration",
    "Spec": ".spec",
    "SpecMetadataUpdate": ".spec_metadata_update",
    "SpecStatus": ".spec_status",
    "SpecSummary": ".spec_summary",
    "SqlStep": ".sql_step",
    "SqlStepType": ".sql_step_type",
    "StandardStep": ".standard_step",
    "StandardStepType": ".standard_step_type",
    "StepBase": ".step_base",
    "StepCondition": ".step_condition",
    "StepRepository": ".step_repository",
    "StringMap": ".string_map",
    "Tag": ".tag",
    "Trigger": ".trigger",
    "UpdateDeploymentMetadataBody": ".update_deployment_metadata_body",
    "UpdateSpecMetadataBody": ".update_spec_metadata_body",
    "ValidationResult": ".validation_result",
    "Watcher": ".watcher",
    "WatcherEvents": ".watcher_events",
    "WebhookWatcher": ".webhook_watcher",
    "WorkflowConfig": ".workflow_config",
    "WorkflowImages": ".workflow_images",
    "WorkflowSpecCreateBody": ".workflow_spec_create_body",
    "WorkflowSpecCreateBodyKind": ".workflow_spec_create_body_kind",
    "WorkflowSteps": ".workflow_steps",
}

__all__ = (
    "AppBlock",
    "AppDeployment",
    "AppMetadata",
    "AppRevision",
    "Artifact",
    "BlockKind",
    "CreateDeploymentBody",
    "CreateRevisionBody",
    "CreateSpecForm",
    "CreateSpecReleaseForm",
    "Deployment",
    "DeploymentParameters",
    "DeploymentParametersInput",
    "DeploymentParentType0",
    "DeploymentReleaseVersions",
    "DeploymentSpecInput",
    "DeploymentSpecRef",
    "DeploymentStatus",
    "DeploymentSummary",
    "EmailRecipients",
    "EmailWatcher",
    "EnvParameters",
    "ErrorResponse",
    "ExecutionParameters",
    "ExportStep",
    "ExportStepSortOrder",
    "ExportStepType",
    "FirstRevisionInput",
    "FormFlag",
    "HttpAuth",
    "HttpAuthType",
    "HttpHeaders",
    "HttpStep",
    "HttpStepMethod",
    "HttpStepType",
    "IdResponse",
    "ImageBuild",
    "ImageDetails",
    "ListDeploymentsResponse",
    "ListReleasesResponse",
    "ListRevisionsResponse",
    "ListSpecsResponse",
    "Metadata",
    "MetadataInput",
    "ParameterCondition",
    "ParameterConditionConditionType",
    "ParameterDefinition",
    "ParameterDefinitionInput",
    "ParameterDefinitions",
    "ParameterDefinitionsInput",
    "ParameterGroups",
    "ParameterOption",
    "ParameterType",
    "ParameterValue",
    "ParameterValues",
    "ParentStatusCondition",
    "PlatformResource",
    "RedeployResponse",
    "Release",
    "ReleaseConfig",
    "ReleaseCreateBody",
    "ReleaseIdResponse",
    "ReleaseInput",
    "ReleaseRef",
    "ReleaseSummary",
    "ReleaseVersion",
    "ResourceError",
    "Resources",
    "RetryOptions",
    "Revision",
    "RevisionIdResponse",
    "RevisionInput",
    "RevisionSpecRef",
    "RevisionStatus",
    "RevisionSummary",
    "RunConfiguration",
    "RunParameters",
    "Scope",
    "ServiceConfig",
    "ServiceSpecCreateBody",
    "ServiceSpecCreateBodyKind",
    "ServiceType",
    "SkipConfiguration",
    "Spec",
    "SpecMetadataUpdate",
    "SpecStatus",
    "SpecSummary",
    "SqlStep",
    "SqlStepType",
    "StandardStep",
    "StandardStepType",
    "StepBase",
    "StepCondition",
    "StepRepository",
    "StringMap",
    "Tag",
    "Trigger",
    "UpdateDeploymentMetadataBody",
    "UpdateSpecMetadataBody",
    "ValidationResult",
    "Watcher",
    "WatcherEvents",
    "WebhookWatcher",
    "WorkflowConfig",
    "WorkflowImages",
    "WorkflowSpecCreateBody",
    "WorkflowSpecCreateBodyKind",
    "WorkflowSteps",
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
