"""``--generate``: a sample request file for a command, assembled from the OpenAPI document's examples.

The document's examples are checked against its schemas by the contract tests, so a sample
built from them is a valid request by construction; nothing here repeats a payload.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Mapping
from typing import Any

import yaml

__all__ = ["SAMPLES", "sample_file"]

Examples = Mapping[str, Any]


def _spec_create(ex: Examples) -> dict[str, Any]:
    return {
        "body": ex["servicePrivateSpecBody"],
        "parameters": ex["parameterDefinitions"],
        "featured": False,
        "scope": "private",
    }


def _spec_release(ex: Examples) -> dict[str, Any]:
    # The release of the service above, on an existing image: no artifact to upload.
    release = ex["serviceReleaseBody"]
    return {
        "body": {"release": release["release"], "config": ex["servicePrivateSpecBody"]["config"]},
        "parameters": ex["parameterDefinitions"],
    }


SAMPLES: Mapping[str, Callable[[Examples], dict[str, Any]]] = {
    "specs create": _spec_create,
    "specs create-release": _spec_release,
    "specs update-metadata": lambda ex: {"body": ex["updateSpecMetadataBody"]},
    "deployments create": lambda ex: {"body": ex["createDeploymentBody"]},
    "deployments update-metadata": lambda ex: {"body": ex["updateDeploymentMetadataBody"]},
    "deployments create-revision": lambda ex: {"body": ex["createRevisionBody"]},
    "deployments patch-parameters": lambda ex: {"body": ex["patchParametersBody"]},
}


def sample_file(command: str) -> str:
    """Return the sample YAML for ``command`` (e.g. ``"specs create"``), with a header comment."""
    document = yaml.safe_load(
        importlib.resources.files("press_blocks.emulator").joinpath("press-blocks.yaml").read_text(encoding="utf-8")
    )
    examples = {name: entry["value"] for name, entry in document["components"]["examples"].items()}
    data = SAMPLES[command](examples)
    header = (
        f"# A sample file for 'press-blocks {command}', built from the API document's examples.\n"
        "# It is rendered as a Jinja2 template: values can come from -p NAME=VALUE or -v params.yaml.\n"
    )
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


class _Dumper(yaml.SafeDumper):
    """Writes shared parts out in full: no ``&id001`` anchors in a file people edit."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
