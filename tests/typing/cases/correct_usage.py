"""Correct uses of the typed results: ``mypy --strict`` must report nothing here."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, assert_type

from press_blocks import AsyncBlock, AsyncPages, Block, Pages, RawResponse
from press_blocks.types import (
    CreateDeploymentBody,
    Deployment,
    DeploymentSummary,
    IdResponse,
    ListDeploymentsResponse,
    ListReleasesResponse,
    ListRevisionsResponse,
    ListSpecsResponse,
    RedeployResponse,
    RelatedBlock,
    Release,
    ReleaseIdResponse,
    ReleaseSummary,
    Revision,
    RevisionIdResponse,
    RevisionSummary,
    Spec,
    SpecSummary,
    UpdateSpecMetadataBody,
    ValidationResult,
)

SPEC_BODY: dict[str, Any] = {"version": "1", "kind": "workflow", "metadata": {}, "release": {}, "config": {}}


def sync_client(client: Block, flag: bool) -> None:
    spec = client.describe_spec("spec-id")
    assert_type(spec, Spec)
    name: str | None = spec.get("metadata", {}).get("name")
    print(name, spec["id"], spec["kind"])
    for summary in client.list_specs(status=["available"]):
        assert_type(summary, SpecSummary)
    assert_type(client.list_specs(return_iterator=False), ListSpecsResponse)
    assert_type(client.list_specs(return_iterator=flag), Pages[SpecSummary] | ListSpecsResponse)
    assert_type(client.create_spec(SPEC_BODY), IdResponse)
    assert_type(client.create_spec(SPEC_BODY, validate=True), ValidationResult)
    assert_type(client.create_spec(SPEC_BODY, validate=flag), IdResponse | ValidationResult)
    assert_type(client.update_spec_metadata("spec-id", {"featured": True}), Spec)
    assert_type(client.create_spec_release("spec-id", {"release": {}}), ReleaseIdResponse)
    assert_type(client.create_spec_release("spec-id", {}, validate=True), ValidationResult)
    assert_type(client.list_spec_releases("spec-id"), Pages[ReleaseSummary])
    assert_type(client.list_spec_releases("spec-id", return_iterator=False), ListReleasesResponse)
    assert_type(client.describe_spec_release("spec-id", "1.0.0"), Release)

    body: CreateDeploymentBody = {
        "metadata": {"name": "block", "summary": "A block."},
        "revision": {"notes": "First."},
        "spec": {"id": "spec-id", "release": {"version": "1.0.0"}},
    }
    assert_type(client.create_deployment(body), IdResponse)
    client.create_deployment({"any": "mapping"})  # plain dicts are still accepted
    assert_type(client.list_deployments(), Pages[DeploymentSummary])
    assert_type(client.list_deployments(return_iterator=False), ListDeploymentsResponse)
    deployment = client.describe_deployment("deployment-id")
    assert_type(deployment, Deployment)
    status: str = deployment.get("latestRevision", {}).get("status", "unknown")
    print(status)
    # What the service always returns is read by key: pyright accepts it as mypy does.
    print(spec["metadata"]["name"], spec["metadata"]["status"], spec["featured"], spec["scope"])
    print(client.describe_spec("spec-id")["latestRelease"]["version"], spec["latestRelease"]["config"])
    print(deployment["metadata"]["name"], deployment["latestRevision"]["status"], deployment["spec"]["id"])
    print(deployment["spec"]["release"]["currentVersion"], deployment["latestRevision"]["resources"][0]["status"])
    parent = deployment.get("parent")
    print(parent["id"] if parent is not None else "no app")
    revision = client.describe_deployment_revision("deployment-id", 2)
    print(revision["status"], revision["createdAt"], revision.get("spec", {}).get("release", {}).get("version"))
    for summary in client.list_specs():
        print(summary["metadata"]["name"], summary["latestRelease"]["version"])
    for deployed in client.list_deployments():
        print(deployed["metadata"]["name"], deployed["latestRevision"]["revision"])
    assert_type(client.update_deployment_metadata("deployment-id", {"title": "T"}), Deployment)
    assert_type(client.redeploy("deployment-id"), RedeployResponse)
    assert_type(client.create_deployment_revision("deployment-id", {}), RevisionIdResponse)
    assert_type(client.describe_deployment_revision("deployment-id", 2), Revision)
    assert_type(client.list_deployment_revisions("deployment-id"), Pages[RevisionSummary])
    assert_type(client.list_deployment_revisions("deployment-id", return_iterator=False), ListRevisionsResponse)
    assert_type(client.get_parameters(fallback_params_file="params.yaml"), dict[str, Any])
    assert_type(client.patch_parameters("deployment-id", {"a": 1}), dict[str, Any])
    assert_type(client.get_related_block_details(fallback_details_file="blocks.yaml"), list[RelatedBlock])
    metadata: UpdateSpecMetadataBody = {"metadata": {"status": "archived"}, "scope": "shared", "tenants": ["t"]}
    client.update_spec_metadata("spec-id", metadata)


async def async_client(client: AsyncBlock, flag: bool) -> None:
    assert_type(await client.describe_spec("spec-id"), Spec)
    async for summary in client.list_specs():
        assert_type(summary, SpecSummary)
    assert_type(await client.list_specs(return_iterator=False), ListSpecsResponse)
    either = client.list_specs(return_iterator=flag)
    assert_type(either, AsyncPages[SpecSummary] | Awaitable[ListSpecsResponse])
    assert_type(await client.create_spec(SPEC_BODY, validate=True), ValidationResult)
    assert_type(await client.describe_deployment("deployment-id"), Deployment)
    async for revision in client.list_deployment_revisions("deployment-id"):
        assert_type(revision, RevisionSummary)


def sync_raw_responses(client: Block, flag: bool) -> None:
    raw = client.with_raw_response
    described = raw.describe_spec("spec-id")
    assert_type(described, RawResponse[Spec])
    assert_type(described.parse(), Spec)
    print(described.status_code, described.request_id, described.headers.get("x-ratelimit-remaining"))
    assert_type(raw.create_spec(SPEC_BODY, progress=False), RawResponse[IdResponse])
    assert_type(raw.create_spec(SPEC_BODY, validate=True), RawResponse[ValidationResult])
    assert_type(raw.create_spec(SPEC_BODY, validate=flag), RawResponse[IdResponse | ValidationResult])
    page = raw.list_specs(status=["available"], page_size=10, page_number=2)
    assert_type(page, RawResponse[ListSpecsResponse])
    assert_type(page.parse()["specs"], list[SpecSummary])
    assert_type(raw.list_spec_releases("spec-id"), RawResponse[ListReleasesResponse])
    assert_type(raw.list_spec_releases("spec-id", return_iterator=False), RawResponse[ListReleasesResponse])
    assert_type(raw.list_spec_releases("spec-id", return_iterator=flag), RawResponse[ListReleasesResponse])
    assert_type(raw.list_deployments(name="n"), RawResponse[ListDeploymentsResponse])
    assert_type(raw.list_deployment_revisions("deployment-id"), RawResponse[ListRevisionsResponse])
    assert_type(raw.create_deployment({"any": "mapping"}), RawResponse[IdResponse])
    assert_type(raw.redeploy("deployment-id"), RawResponse[RedeployResponse])
    assert_type(raw.wait_for_revision("deployment-id", 2, timeout=60), RawResponse[Revision])
    assert_type(raw.get_parameters(fallback_params_file="params.yaml"), RawResponse[dict[str, Any]])
    assert_type(raw.get_related_block_details("deployment-id"), RawResponse[list[RelatedBlock]])


async def async_raw_responses(client: AsyncBlock) -> None:
    raw = client.with_raw_response
    assert_type(raw.describe_spec("spec-id"), Awaitable[RawResponse[Spec]])
    described = await raw.describe_spec("spec-id")
    assert_type(described.parse(), Spec)
    assert_type(await raw.create_spec_release("spec-id", {}, validate=True), RawResponse[ValidationResult])
    assert_type(await raw.list_specs(page_size=1), RawResponse[ListSpecsResponse])
    assert_type(await raw.describe_deployment("deployment-id"), RawResponse[Deployment])
    assert_type(await raw.wait_for_deployment("deployment-id", progress=False), RawResponse[Deployment])
