"""``reveal_type`` of each method's result; each line names the TypedDict mypy must reveal."""

from __future__ import annotations

from typing import reveal_type

from press_blocks import Block


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
