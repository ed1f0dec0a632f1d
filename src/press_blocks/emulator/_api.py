"""The handlers of the document's operations: a validated call in, the API's answer out, over the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from press_blocks.emulator._archive import check_zip
from press_blocks.emulator._constants import MAX_UNZIP_RATIO, MAX_UNZIPPED_BYTES
from press_blocks.emulator._contract import Contract, Operation, ValidatedRequest
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import Part
from press_blocks.emulator._state import Store
from press_blocks.emulator._wire import Answer, Body, loads

__all__ = ["Api", "ApiRequest"]


class Api:
    """The handlers of the document's operations, by operationId, over the emulator's store."""

    def __init__(self, store: Store, contract: Contract) -> None:
        self.store = store
        self.contract = contract
        self.handlers: dict[str, Callable[[ApiRequest], Answer]] = {
            "listSpecs": lambda c: Answer(200, self.store.list_specs(c.query)),
            "createSpec": self.create_spec,
            "describeSpec": lambda c: Answer(200, self.store.describe_spec(c.path["specId"])),
            "updateSpecMetadata": lambda c: Answer(200, self.store.update_spec_metadata(c.path["specId"], c.json())),
            "deleteSpec": lambda c: self._deleted(self.store.delete_spec, c.path["specId"]),
            "listSpecReleases": lambda c: Answer(200, self.store.list_spec_releases(c.path["specId"], c.query)),
            "createSpecRelease": self.create_spec_release,
            "describeSpecRelease": lambda c: Answer(
                200, self.store.describe_spec_release(c.path["specId"], c.path["release"])
            ),
            "listDeployments": lambda c: Answer(200, self.store.list_deployments(c.query)),
            "createDeployment": lambda c: Answer(201, {"id": self.store.create_deployment(c.json())}),
            "describeDeployment": lambda c: Answer(200, self.store.describe_deployment(c.path["deploymentId"])),
            "updateDeploymentMetadata": lambda c: Answer(
                200, self.store.update_deployment_metadata(c.path["deploymentId"], c.json())
            ),
            "deleteDeployment": lambda c: self._deleted(self.store.delete_deployment, c.path["deploymentId"]),
            "redeploy": lambda c: Answer(201, self.store.redeploy(c.path["deploymentId"])),
            "listDeploymentRevisions": lambda c: Answer(
                200, self.store.list_deployment_revisions(c.path["deploymentId"], c.query)
            ),
            "createDeploymentRevision": self.create_deployment_revision,
            "describeDeploymentRevision": lambda c: Answer(
                200, self.store.describe_deployment_revision(c.path["deploymentId"], int(c.path["revision"]))
            ),
            "getParameters": lambda c: Answer(200, self.store.get_parameters(c.path["deploymentId"])),
            "patchParameters": lambda c: Answer(200, self.store.patch_parameters(c.path["deploymentId"], c.json())),
            "describeAppDeployment": lambda c: Answer(200, self.store.describe_app_deployment(c.path["deploymentId"])),
        }
        missing = set(self.contract.operations) - set(self.handlers)
        if missing:
            # The document is the source of truth: an operation without a handler is a bug here.
            raise RuntimeError(f"the emulator has no handler for: {', '.join(sorted(missing))}")

    @staticmethod
    def _deleted(delete: Callable[[str], None], object_id: str) -> Answer:
        delete(object_id)
        return Answer(204)

    def _form(self, call: ApiRequest) -> dict[str, Any]:
        """Decode the JSON-bearing parts (checked against their ``x-json-schema``) and the flags of a form."""
        values: dict[str, Any] = {}
        for name, part in call.parts.items():
            if name in call.operation.json_parts:
                value = loads(part.text(), f"form part {name!r}")
                ref = call.operation.json_parts[name]
                errors = self.contract.schema_errors(ref, value)
                if errors:
                    raise ApiError(
                        400, f"form part {name!r} does not match {ref.rsplit('/', 1)[-1]}: " + "; ".join(errors)
                    )
                values[name] = value
            elif name in call.operation.flag_parts:
                values[name] = part.text() == "true"
            elif name not in call.operation.binary_parts:
                values[name] = part.text()
        for name in call.operation.binary_parts:
            if name in call.parts:
                values[name] = True  # checked by check_archives, before the handler ran
        return values

    @staticmethod
    def check_archives(call: ApiRequest) -> None:
        """Raise a 400 unless every zip the call uploads unpacks safely; slow, so callers run it in a thread."""
        for name in call.operation.binary_parts:
            if name in call.parts:
                check_zip(name, call.parts[name].content, max_total=MAX_UNZIPPED_BYTES, max_ratio=MAX_UNZIP_RATIO)

    def create_spec(self, call: ApiRequest) -> Answer:
        form = self._form(call)
        validate_only = bool(call.query.get("validate"))
        spec_id = self.store.create_spec(
            form["spec"],
            featured=form.get("featured"),
            scope=form.get("scope"),
            tenants=form.get("tenants"),
            parameters=form.get("parameters"),
            auto_run=form.get("autoRunOnDeploy"),
            artifact=bool(form.get("artifact")),
            validate_only=validate_only,
        )
        if validate_only:
            return Answer(200, {"success": True, "message": "The spec is valid."})
        return Answer(201, {"id": spec_id})

    def create_spec_release(self, call: ApiRequest) -> Answer:
        spec_id = call.path["specId"]
        form = self._form(call)
        validate_only = bool(call.query.get("validate"))
        version = self.store.create_spec_release(
            spec_id,
            form["spec"],
            parameters=form.get("parameters"),
            auto_run=form.get("autoRunOnDeploy"),
            artifact=bool(form.get("artifact")),
            validate_only=validate_only,
        )
        if validate_only:
            return Answer(200, {"success": True, "message": "The release is valid."})
        return Answer(201, {"id": spec_id, "release": {"version": version}})

    def create_deployment_revision(self, call: ApiRequest) -> Answer:
        deployment_id = call.path["deploymentId"]
        number = self.store.create_deployment_revision(deployment_id, call.json())
        return Answer(201, {"id": deployment_id, "revision": number})


class ApiRequest:
    """A validated API call: its operation, typed parameters, and body (JSON or form parts)."""

    def __init__(
        self, operation: Operation, validated: ValidatedRequest, body: Body, parts: Mapping[str, Part]
    ) -> None:
        self.operation = operation
        self.path = validated.path
        self.query = validated.query
        self.body = body
        self.parts = parts

    def json(self) -> Any:
        return loads(self.body, "the request body")
