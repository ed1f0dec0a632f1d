"""Request payloads for the emulator tests, built from the document's own examples (the notebook's payloads)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

import httpx

from tests.emulator._contract_check import examples

TOKEN = "test-token"
AUTH = {"Authorization": TOKEN}


def zip_bytes(files: dict[str, str] | None = None) -> bytes:
    """A small, valid zip: a build context with a Dockerfile and main.py."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (files or {"Dockerfile": "FROM python:3.11\n", "main.py": "print('hi')\n"}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def example(name: str) -> Any:
    return examples()[name]


def unique(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


def spec_body(example_name: str = "workflowPrivateSpecBody", *, name: str | None = None, version: str = "1.0.0") -> Any:
    body = example(example_name)
    body["metadata"]["name"] = name or unique(body["metadata"]["name"])
    body["release"]["version"] = version
    return body


def form(
    spec: Any,
    *,
    parameters: Any = None,
    tenants: Any = None,
    **fields: str,
) -> dict[str, str]:
    data = {"spec": json.dumps(spec), **fields}
    if parameters is not None:
        data["parameters"] = json.dumps(parameters)
    if tenants is not None:
        data["tenants"] = json.dumps(tenants)
    return data


def artifact_file(content: bytes | None = None) -> dict[str, Any]:
    return {"artifact": ("artifact.zip", zip_bytes() if content is None else content, "application/zip")}


def create_spec(
    client: httpx.Client,
    body: Any = None,
    *,
    artifact: bool = True,
    parameters: Any = None,
    tenants: Any = None,
    **fields: str,
) -> str:
    body = body if body is not None else spec_body()
    if parameters is None and body.get("kind") == "workflow":
        parameters = example("parameterDefinitions")
    response = post_form(
        client,
        "/v1/blocks/specs/",
        form(body, parameters=parameters, tenants=tenants, **fields),
        artifact=zip_bytes() if artifact else None,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def post_form(
    client: httpx.Client, url: str, data: dict[str, str], *, artifact: bytes | None = None, **kwargs: Any
) -> httpx.Response:
    """POST a multipart form (always multipart, with or without an artifact, as the official client does)."""
    files: Any = {"artifact": ("artifact.zip", artifact, "application/zip")} if artifact is not None else None
    if files is None:
        # httpx sends urlencoded when there are no files; force multipart like peak-sdk does.
        boundary = uuid.uuid4().hex
        body = (
            b"".join(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in data.items()
            )
            + f"--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return client.post(url, content=body, headers=headers, **kwargs)
    return client.post(url, data=data, files=files, **kwargs)


def deployment_body(spec_id: str, *, name: str | None = None, version: str | None = "1.0.0", run: Any = None) -> Any:
    body = example("createDeploymentBody")
    body["spec"]["id"] = spec_id
    body["metadata"]["name"] = name or unique("deployment")
    if version is None:
        del body["spec"]["release"]
    else:
        body["spec"]["release"]["version"] = version
    if run is not None:
        body["parameters"]["run"] = run
    return body


def create_deployment(client: httpx.Client, spec_id: str, **kwargs: Any) -> str:
    response = client.post("/v1/blocks/deployments/", json=deployment_body(spec_id, **kwargs))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])
