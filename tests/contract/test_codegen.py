"""The generated package is what the document generates, and covers every operation."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.contract._document import ROOT, load_document, operations


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _tag_module(tag: str) -> str:
    return tag.lower().replace(" ", "_")


def test_codegen_check_passes() -> None:
    result = subprocess.run(
        [str(ROOT / "codegen.sh"), "--check"], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_every_operation_has_a_request_builder() -> None:
    for path, method, op in operations(load_document()):
        module = importlib.import_module(
            f"press_blocks_api.api.{_tag_module(op['tags'][0])}.{_snake(op['operationId'])}"
        )
        for function in ("build_request", "sync_detailed", "asyncio_detailed", "_get_kwargs"):
            assert callable(getattr(module, function)), (method, path, function)
        python_path = re.sub(r"\{(\w+)\}", lambda m: "{" + _snake(m.group(1)) + "}", path)
        assert (method.upper(), python_path) == (module.METHOD, module.PATH)


def _scratch_copy(tmp_path: Path) -> Path:
    """Copy what codegen.sh reads and writes, so the tests can break it without touching the checkout."""
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copy2(ROOT / "codegen.sh", copy / "codegen.sh")
    for folder in ("openapi", "codegen", "generated"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _codegen(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Reuse the checkout's generator environment rather than build a second one.
    env = {**os.environ, "PRESS_BLOCKS_CODEGEN_VENV": str(ROOT / ".codegen-venv")}
    return subprocess.run(
        [str(copy / "codegen.sh"), *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


def test_codegen_check_fails_with_a_diff_on_a_hand_edit(tmp_path: Path) -> None:
    copy = _scratch_copy(tmp_path)
    edited = copy / "generated" / "press_blocks_api" / "api" / "block_specs" / "describe_spec.py"
    edited.write_text(edited.read_text() + "\n# a hand edit\n")
    result = _codegen(copy, "--check")
    assert result.returncode == 1
    assert "describe_spec.py" in result.stdout
    assert "-# a hand edit" in result.stdout
    assert "run ./codegen.sh" in result.stderr


def test_codegen_check_fails_when_the_document_changed(tmp_path: Path) -> None:
    copy = _scratch_copy(tmp_path)
    document = copy / "openapi" / "press-blocks.yaml"
    document.write_text(document.read_text().replace("summary: Describe a block spec", "summary: Look at a spec"))
    result = _codegen(copy, "--check")
    assert result.returncode == 1
    assert "Look at a spec" in result.stdout


def test_regenerating_changes_only_what_the_edit_touches_and_drops_stale_files(tmp_path: Path) -> None:
    copy = _scratch_copy(tmp_path)
    package = copy / "generated" / "press_blocks_api"
    before = {p.relative_to(package): p.read_bytes() for p in package.rglob("*.py")}
    (package / "api" / "block_specs" / "removed_operation.py").write_text("# from an operation that is gone\n")
    document = copy / "openapi" / "press-blocks.yaml"
    document.write_text(document.read_text().replace("summary: Describe a block spec", "summary: Look at a spec"))
    assert _codegen(copy).returncode == 0
    after = {p.relative_to(package): p.read_bytes() for p in package.rglob("*.py")}
    assert set(after) == set(before)  # the stray module is gone, nothing else appeared
    changed = {path for path in after if after[path] != before[path]}
    # The endpoint module, and the operation's row (its summary) in the table of operations.
    assert changed == {Path("api/block_specs/describe_spec.py"), Path("operations.py")}
    assert _codegen(copy).returncode == 0  # twice in a row: nothing changes
    assert {p.relative_to(package): p.read_bytes() for p in package.rglob("*.py")} == after
    assert _codegen(copy, "--check").returncode == 0


# --- the custom templates, on a document made to hit each of their changes -------------------

TEMPLATE_DOCUMENT = """
openapi: 3.1.0
info: {title: Template check, version: "1"}
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      tags: [things]
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: string}}
        - {name: verbose, in: query, required: false, schema: {type: boolean}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
  /things:
    post:
      operationId: uploadThing
      tags: [things]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {$ref: "#/components/schemas/UploadForm"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
    UploadForm:
      type: object
      required: [name]
      properties:
        name: {type: string}
        public: {type: boolean}
        archive: {type: string, format: binary}
"""


def test_the_templates_build_requests_lazily_with_fixed_multipart_quirks(tmp_path: Path) -> None:
    """build_request sends nothing, loads no model or attrs, and writes multipart bodies right."""
    copy = tmp_path / "repo"
    (copy / "openapi").mkdir(parents=True)
    shutil.copy2(ROOT / "codegen.sh", copy / "codegen.sh")
    shutil.copytree(ROOT / "codegen", copy / "codegen")
    (copy / "openapi" / "press-blocks.yaml").write_text(TEMPLATE_DOCUMENT)
    result = _codegen(copy)
    assert result.returncode == 0, result.stderr[-4000:]
    probe = """
import sys, httpx, io
from press_blocks_api.api.things import get_thing, upload_thing
from press_blocks_api.types import File
loaded = sorted(m for m in sys.modules if m.startswith(("press_blocks_api.models.", "attr")))
assert loaded == [], loaded
request = get_thing.build_request("a b/..", verbose=False)
assert (request.method, request.url, request.params) == ("GET", "/things/a%20b%2F..", {"verbose": False}), request
assert not [m for m in sys.modules if m.startswith("press_blocks_api.models.")]
from press_blocks_api.models import UploadForm
form = UploadForm(name="n", public=True, archive=File(payload=io.BytesIO(b"PK..")))
request = upload_thing.build_request(body=form)
assert "content-type" not in {k.lower() for k in request.headers}, request.headers
boundaries = set()
for _ in range(2):
    built = httpx.Client(base_url="http://127.0.0.1:1").build_request(**request.httpx_kwargs())
    body = built.read()
    boundaries.add(built.headers["content-type"])
    assert b'name="public"\\r\\nContent-Type: text/plain\\r\\n\\r\\ntrue\\r\\n' in body, body
    assert b'name="archive"; filename="archive"\\r\\nContent-Type: application/octet-stream' in body, body
    form.archive.payload.seek(0)
assert len(boundaries) == 2, boundaries
print("ok")
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(copy / "generated")
    checked = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False, env=env
    )
    assert checked.returncode == 0, checked.stderr[-4000:]
    assert checked.stdout.strip() == "ok"
