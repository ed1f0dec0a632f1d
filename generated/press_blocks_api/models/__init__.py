"""Contains all the data models used in inputs/outputs"""

from .app_block import AppBlock
from .app_deployment import AppDeployment
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

__all__ = (
    "AppBlock",
    "AppDeployment",
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
