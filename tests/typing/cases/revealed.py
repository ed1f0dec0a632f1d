"""``reveal_type`` of each method's result; each line names the TypedDict mypy must reveal."""

from __future__ import annotations

from typing import reveal_type

from press_blocks import AsyncBlock, Block


def revealed(client: Block) -> None:
    reveal_type(client.describe_spec("s"))  # R: Spec
    reveal_type(client.update_spec_metadata("s", {}))  # R: Spec
    reveal_type(client.create_spec({}))  # R: IdResponse
    reveal_type(client.create_spec({}, validate=True))  # R: ValidationResult
    reveal_type(client.create_spec_release("s", {}))  # R: ReleaseIdResponse
    reveal_type(client.describe_spec_release("s", "1"))  # R: Release
    reveal_type(client.list_specs(return_iterator=False))  # R: ListSpecsResponse
    reveal_type(client.list_specs())  # R: Pages[SpecSummary]
    reveal_type(client.list_spec_releases("s", return_iterator=False))  # R: ListReleasesResponse
    reveal_type(client.create_deployment({}))  # R: IdResponse
    reveal_type(client.describe_deployment("d"))  # R: Deployment
    reveal_type(client.update_deployment_metadata("d", {}))  # R: Deployment
    reveal_type(client.redeploy("d"))  # R: RedeployResponse
    reveal_type(client.create_deployment_revision("d", {}))  # R: RevisionIdResponse
    reveal_type(client.describe_deployment_revision("d", 1))  # R: Revision
    reveal_type(client.list_deployments(return_iterator=False))  # R: ListDeploymentsResponse
    reveal_type(client.list_deployment_revisions("d", return_iterator=False))  # R: ListRevisionsResponse
    reveal_type(client.get_related_block_details(fallback_details_file="f"))  # R: list[RelatedBlock]


def revealed_raw(client: Block) -> None:
    raw = client.with_raw_response
    reveal_type(raw.list_specs(page_size=1))  # R: RawResponse[ListSpecsResponse]
    reveal_type(raw.create_spec({}))  # R: RawResponse[IdResponse]
    reveal_type(raw.create_spec({}, validate=True))  # R: RawResponse[ValidationResult]
    reveal_type(raw.describe_spec("s"))  # R: RawResponse[Spec]
    reveal_type(raw.update_spec_metadata("s", {}))  # R: RawResponse[Spec]
    reveal_type(raw.delete_spec("s"))  # R: RawResponse[dict[str, Any]]
    reveal_type(raw.create_spec_release("s", {}))  # R: RawResponse[ReleaseIdResponse]
    reveal_type(raw.create_spec_release("s", {}, validate=True))  # R: RawResponse[ValidationResult]
    reveal_type(raw.list_spec_releases("s"))  # R: RawResponse[ListReleasesResponse]
    reveal_type(raw.describe_spec_release("s", "1"))  # R: RawResponse[Release]
    reveal_type(raw.create_deployment({}))  # R: RawResponse[IdResponse]
    reveal_type(raw.list_deployments())  # R: RawResponse[ListDeploymentsResponse]
    reveal_type(raw.describe_deployment("d"))  # R: RawResponse[Deployment]
    reveal_type(raw.update_deployment_metadata("d", {}))  # R: RawResponse[Deployment]
    reveal_type(raw.redeploy("d"))  # R: RawResponse[RedeployResponse]
    reveal_type(raw.delete_deployment("d"))  # R: RawResponse[dict[str, Any]]
    reveal_type(raw.create_deployment_revision("d", {}))  # R: RawResponse[RevisionIdResponse]
    reveal_type(raw.describe_deployment_revision("d", 1))  # R: RawResponse[Revision]
    reveal_type(raw.list_deployment_revisions("d"))  # R: RawResponse[ListRevisionsResponse]
    reveal_type(raw.get_parameters("d"))  # R: RawResponse[dict[str, Any]]
    reveal_type(raw.patch_parameters("d", {}))  # R: RawResponse[dict[str, Any]]
    reveal_type(raw.get_related_block_details("d"))  # R: RawResponse[list[RelatedBlock]]
    reveal_type(raw.wait_for_deployment("d"))  # R: RawResponse[Deployment]
    reveal_type(raw.wait_for_revision("d", 1))  # R: RawResponse[Revision]
    reveal_type(raw.describe_spec("s").parse())  # R: Spec


async def revealed_async_raw(client: AsyncBlock) -> None:
    raw = client.with_raw_response
    reveal_type(raw.describe_spec("s"))  # R: Awaitable[RawResponse[Spec]]
    reveal_type(await raw.describe_spec("s"))  # R: RawResponse[Spec]
    reveal_type(await raw.list_specs())  # R: RawResponse[ListSpecsResponse]
    reveal_type(await raw.create_spec({}, validate=True))  # R: RawResponse[ValidationResult]
    reveal_type(await raw.list_deployment_revisions("d", page_number=2))  # R: RawResponse[ListRevisionsResponse]
    reveal_type(await raw.wait_for_revision("d", 1))  # R: RawResponse[Revision]
