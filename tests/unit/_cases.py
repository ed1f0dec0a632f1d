"""Each client method's argument cases, in one place: what it must refuse, and how it must behave.

``tests/unit/test_requests.py`` runs :data:`BLOCK_INVALID`, ``tests/unit/test_hostile.py``
:data:`ID_CALLS` and :data:`BODY_CALLS`, ``tests/unit/test_sender.py`` :data:`POST_CALLS`;
``./scripts/check-operations`` lists a method of the document without the rows it needs here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DOCUMENT_PATH = Path(__file__).resolve().parents[2] / "openapi" / "press-blocks.yaml"
EXAMPLES: dict[str, Any] = yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))["components"]["examples"]
SPEC_BODY = EXAMPLES["servicePrivateSpecBody"]["value"]
RELEASE_BODY = EXAMPLES["serviceReleaseBody"]["value"]

#: A call of each method that must raise InvalidArgumentError before anything is sent.
BLOCK_INVALID: list[Any] = [
    pytest.param("list_specs", (), {"status": ["nope"]}, id="list_specs-status"),
    pytest.param("list_specs", (), {"page_size": 0}, id="list_specs-page_size"),
    pytest.param("list_specs", (), {"page_number": 0}, id="list_specs-page_number"),
    pytest.param("list_specs", (), {"page_size": 0, "return_iterator": False}, id="list_specs-page"),
    pytest.param("create_spec", ([SPEC_BODY],), {}, id="create_spec-body"),
    pytest.param("create_spec", (SPEC_BODY,), {"scope": "everyone"}, id="create_spec-scope"),
    pytest.param("describe_spec", ("",), {}, id="describe_spec"),
    pytest.param("update_spec_metadata", ("s", [1]), {}, id="update_spec_metadata"),
    pytest.param("delete_spec", ("",), {}, id="delete_spec"),
    pytest.param("create_spec_release", ("s", RELEASE_BODY), {"parameters": {"x": []}}, id="create_spec_release"),
    pytest.param("list_spec_releases", ("s",), {"page_size": 0}, id="list_spec_releases"),
    pytest.param("describe_spec_release", ("s", ""), {}, id="describe_spec_release"),
    pytest.param("create_deployment", ({},), {}, id="create_deployment"),
    pytest.param("list_deployments", (), {"status": ["nope"]}, id="list_deployments"),
    pytest.param("describe_deployment", ("",), {}, id="describe_deployment"),
    pytest.param("update_deployment_metadata", ("d", "x"), {}, id="update_deployment_metadata"),
    pytest.param("redeploy", ("",), {}, id="redeploy"),
    pytest.param("delete_deployment", ("",), {}, id="delete_deployment"),
    pytest.param("create_deployment_revision", ("d", "x"), {}, id="create_deployment_revision"),
    pytest.param("describe_deployment_revision", ("d", "abc"), {}, id="describe_deployment_revision"),
    pytest.param("list_deployment_revisions", ("d",), {"status": ["x"]}, id="list_deployment_revisions"),
    pytest.param("patch_parameters", ("d", [1]), {}, id="patch_parameters"),
    pytest.param("get_parameters", ([1],), {}, id="get_parameters"),
    pytest.param("get_related_block_details", ([1],), {}, id="get_related_block_details"),
]

#: Every method taking an id, how to call it with one, and the path template it must stay under.
ID_CALLS: list[Any] = [
    ("describe_spec", lambda i: ((i,), {}), "/v1/blocks/specs/{}"),
    ("delete_spec", lambda i: ((i,), {}), "/v1/blocks/specs/{}"),
    ("update_spec_metadata", lambda i: ((i, {"featured": True}), {}), "/v1/blocks/specs/{}"),
    ("create_spec_release", lambda i: ((i, {"release": {"version": "2"}}), {}), "/v1/blocks/specs/{}/releases"),
    ("list_spec_releases", lambda i: ((i,), {"return_iterator": False}), "/v1/blocks/specs/{}/releases"),
    ("describe_spec_release", lambda i: (("s", i), {}), "/v1/blocks/specs/s/releases/{}"),
    ("describe_spec_release", lambda i: ((i, "1.0.0"), {}), "/v1/blocks/specs/{}/releases/1.0.0"),
    ("describe_deployment", lambda i: ((i,), {}), "/v1/blocks/deployments/{}"),
    ("update_deployment_metadata", lambda i: ((i, {"title": "t"}), {}), "/v1/blocks/deployments/{}"),
    ("redeploy", lambda i: ((i,), {}), "/v1/blocks/deployments/{}/redeploy"),
    ("delete_deployment", lambda i: ((i,), {}), "/v1/blocks/deployments/{}"),
    ("create_deployment_revision", lambda i: ((i, {}), {}), "/v1/blocks/deployments/{}/revisions"),
    ("describe_deployment_revision", lambda i: ((i, 2), {}), "/v1/blocks/deployments/{}/revisions/2"),
    (
        "list_deployment_revisions",
        lambda i: ((i,), {"return_iterator": False}),
        "/v1/blocks/deployments/{}/revisions",
    ),
    ("get_parameters", lambda i: ((i,), {}), "/v1/deployments/{}/parameters/run"),
    ("patch_parameters", lambda i: ((i, {"a": 1}), {}), "/v1/deployments/{}/parameters/run"),
    ("get_related_block_details", lambda i: ((i,), {}), "/v1/blocks/deployments/{}"),
]

#: The bodies the retry tests send (test_sender.py).
POST_DEPLOYMENT_BODY = {
    "metadata": {"name": "new-deployment", "summary": "Creating new deployment."},
    "revision": {"notes": "first"},
    "spec": {"id": "spec-1", "release": {"version": "1.0.0"}},
}
POST_SPEC_BODY = {
    "version": "1",
    "kind": "service",
    "metadata": {"name": "svc", "summary": "A service."},
    "release": {"version": "1.0.0", "notes": "First"},
    "config": {"serviceType": "api", "imageDetails": {"id": 1, "versionId": 1}},
}
POST_RELEASE_BODY = {"release": {"version": "2.0.0", "notes": "Second"}, "config": {"serviceType": "api"}}

#: Every method that POSTs: a POST is retried only when nothing was sent (test_sender.py).
POST_CALLS = [
    pytest.param("create_deployment", (POST_DEPLOYMENT_BODY,), id="create_deployment"),
    pytest.param("redeploy", ("d",), id="redeploy"),
    pytest.param("create_deployment_revision", ("d", {"revision": {"notes": "n"}}), id="create_deployment_revision"),
    pytest.param("create_spec", (POST_SPEC_BODY,), id="create_spec"),
    pytest.param("create_spec_release", ("s", POST_RELEASE_BODY), id="create_spec_release"),
]

#: Every method with a JSON body, and where a value JSON cannot carry goes (test_hostile.py).
BODY_CALLS: list[Any] = [
    ("create_spec", lambda bad: ((bad,), {})),
    ("create_spec", lambda bad: (({"version": "1", "kind": "service"},), {"parameters": {"run": [bad]}})),
    ("create_spec_release", lambda bad: (("s", bad), {})),
    ("update_spec_metadata", lambda bad: (("s", bad), {})),
    ("create_deployment", lambda bad: ((bad,), {})),
    ("update_deployment_metadata", lambda bad: (("d", bad), {})),
    ("create_deployment_revision", lambda bad: (("d", bad), {})),
    ("patch_parameters", lambda bad: (("d", bad), {})),
]
