"""Typical mistakes: each line marked with an expected mypy error code must be reported, and nothing else."""

from __future__ import annotations

from press_blocks import AsyncBlock, Block
from press_blocks.types import CreateDeploymentBody, DeploymentStatus, UpdateSpecMetadataBody


def mistakes(client: Block, status: DeploymentStatus) -> None:
    spec = client.describe_spec("spec-id")
    print(spec["metdata"])  # E: typeddict-item
    deployment = client.describe_deployment("deployment-id")
    print(deployment["lastRevision"])  # E: typeddict-item
    for summary in client.list_specs():
        print(summary["nmae"])  # E: typeddict-item
    page = client.list_deployments(return_iterator=False)
    print(page["deployments"][0]["stauts"])  # E: typeddict-item
    checked = client.create_spec({}, validate=True)
    print(checked["id"])  # E: typeddict-item
    created = client.create_spec({})
    print(created["success"])  # E: typeddict-item
    number: str = client.describe_deployment_revision("deployment-id", 1)["revision"]  # E: assignment
    print(number)
    featured: UpdateSpecMetadataBody = {"featured": "yes"}  # E: typeddict-item
    scoped: UpdateSpecMetadataBody = {"scope": "pubic"}  # E: typeddict-item
    body: CreateDeploymentBody = {"metadata": {"name": "n", "summary": "s"}, "spec": {"id": "x"}}  # E: typeddict-item
    client.update_spec_metadata("spec-id", featured)
    print(scoped, body)
    if status == "deployd":  # E: comparison-overlap
        return


async def async_mistakes(client: AsyncBlock) -> None:
    spec = await client.describe_spec("spec-id")
    print(spec["metdata"])  # E: typeddict-item
    for summary in client.list_specs():  # E: attr-defined
        print(summary)


def raw_mistakes(client: Block) -> None:
    raw = client.with_raw_response
    raw.describe_spec(42)  # E: arg-type
    raw.describe_spec("spec-id", "extra")  # E: call-arg
    raw.list_specs(page_size="10")  # E: call-overload
    raw.create_spec({}, validate="yes")  # E: call-overload
    raw.describe_spce("spec-id")  # E: attr-defined
    raw.with_options(timeout=1)  # E: attr-defined
    # mypy loses a TypedDict's name through a ParamSpec, so a wrong key is reported as [misc].
    print(raw.describe_spec("spec-id").parse()["metdata"])  # E: misc
    print(raw.list_specs().parse()["specs"][0]["nmae"])  # E: typeddict-item


async def async_raw_mistakes(client: AsyncBlock) -> None:
    raw = client.with_raw_response
    await raw.describe_deployment(deployment=1)  # E: call-arg
    raw.describe_spec("spec-id").parse()  # E: attr-defined
    print((await raw.describe_spec("spec-id")).parse()["metdata"])  # E: misc
