"""The request files peak-sdk 1.29 documents for its ``peak blocks`` command line, read where it is installed.

``peak blocks specs create --generate`` and the other commands print these files
(``peak/sample_yaml/press/blocks/``); they are real payloads of the service. The tests read
them from the peak-sdk virtualenv the suite already builds (:mod:`tests._peak_sdk`), never
from a copy in this repository.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests._peak_sdk import PEAK_VENV, PeakSdkUnavailable, peak_sdk_python

__all__ = [
    "ARGUMENT_OF",
    "DELETE",
    "KIND_OF",
    "OPERATION_OF",
    "SAMPLE_FILES",
    "Sample",
    "broken",
    "load_sample",
    "samples_dir",
]

# Every request file of peak-sdk 1.29 under sample_yaml/press/blocks/, in the order a user
# would run them (specs, their releases, then a deployment of the workflow spec).
SAMPLE_FILES = (
    "specs/workflow/create_block_spec.yaml",
    "specs/service/api/create_block_spec.yaml",
    "specs/service/webapp/create_block_spec.yaml",
    "specs/workflow/create_block_spec_release.yaml",
    "specs/service/api/create_block_spec_release.yaml",
    "specs/service/webapp/create_block_spec_release.yaml",
    "specs/update_block_spec_metadata.yaml",
    "deployments/create_block_deployment.yaml",
    "deployments/create_block_deployment_revision.yaml",
    "deployments/patch_block_parameters.yaml",
    "deployments/update_block_deployment_metadata.yaml",
)
# A file's name says which command, and so which operation, it is the request of.
OPERATION_OF = {
    "create_block_spec": "createSpec",
    "create_block_spec_release": "createSpecRelease",
    "update_block_spec_metadata": "updateSpecMetadata",
    "create_block_deployment": "createDeployment",
    "create_block_deployment_revision": "createDeploymentRevision",
    "patch_block_parameters": "patchParameters",
    "update_block_deployment_metadata": "updateDeploymentMetadata",
}
# The CLI passes each top-level key of a spec file as the method argument of this name.
ARGUMENT_OF = {
    "body": "body",
    "artifact": "artifact",
    "featured": "featured",
    "scope": "scope",
    "tenants": "tenants",
    "parameters": "parameters",
    "autoRunOnDeploy": "auto_run_on_deploy",
}
# The block kind of the specs under each folder.
KIND_OF = {"specs/workflow": "workflow", "specs/service/api": "service", "specs/service/webapp": "service"}


@dataclass(frozen=True)
class Sample:
    """One request file: its name under ``sample_yaml/press/blocks/``, its operation and content."""

    name: str
    request: dict[str, Any]

    @property
    def operation(self) -> str:
        return OPERATION_OF[Path(self.name).stem]

    @property
    def folder(self) -> str:
        return str(Path(self.name).parent)


def samples_dir() -> Path:
    """Return ``peak/sample_yaml/press/blocks`` of the peak-sdk virtualenv, making it if needed."""
    peak_sdk_python(timeout=300)
    found = sorted(PEAK_VENV.glob("lib/python*/site-packages/peak/sample_yaml/press/blocks"))
    if not found:
        raise PeakSdkUnavailable(f"peak-sdk in {PEAK_VENV} has no sample_yaml/press/blocks folder")
    return found[0]


def load_sample(name: str) -> Sample:
    """Read one request file (a fresh copy each time, so a test may change it)."""
    request = yaml.safe_load((samples_dir() / name).read_text(encoding="utf-8"))
    assert isinstance(request, dict), f"{name}: not a request file"
    assert "body" in request, f"{name}: not a request file"
    return Sample(name, copy.deepcopy(request))


def broken(sample: Sample, path: tuple[str | int, ...], value: Any) -> Sample:
    """Return a copy of ``sample`` with the value at ``path`` replaced (or removed, for ``DELETE``)."""
    request = copy.deepcopy(sample.request)
    node: Any = request
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return Sample(sample.name, request)


class _Delete:
    def __repr__(self) -> str:
        return "<delete>"


DELETE: Any = _Delete()
