"""Run inside a clean virtual environment holding only an installed press-blocks[emulator].

Imports both packages, checks the files a typed, self-contained install needs, and makes real
calls through get_client against the in-process emulator (which reads the shipped OpenAPI
document). Prints one JSON line with what it found; any failure is an exception.
"""

import importlib.metadata
import importlib.resources
import json
import sys

import httpx
import press_blocks_api

import press_blocks
from press_blocks import Session, get_client
from press_blocks.emulator import Emulator

checkout_leak = [p for p in sys.path if p.endswith(("/src", "/generated"))]
assert not checkout_leak, f"the checkout is on sys.path: {checkout_leak}"

emulator = Emulator()
http = httpx.Client(transport=emulator.transport(), base_url=emulator.base_url)
with get_client(Session(auth_token="smoke-token", base_url=emulator.base_url, http_client=http)) as client:
    body = {
        "version": "1",
        "kind": "workflow",
        "metadata": {"name": "smoke", "summary": "A packaging smoke test."},
        "release": {"version": "1.0.0", "notes": "First."},
        "config": {"steps": {"run": {"type": "standard", "imageRef": "base", "command": "true"}}},
    }
    spec_id = client.create_spec(body=body)["id"]
    described = client.describe_spec(spec_id)

scripts = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="console_scripts")}
plugins = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="pytest11")}
print(
    json.dumps(
        {
            "version": press_blocks.__version__,
            "distribution_version": importlib.metadata.version("press-blocks"),
            "location": press_blocks.__file__,
            "api_location": press_blocks_api.__file__,
            "typed": [
                importlib.resources.files(pkg).joinpath("py.typed").is_file()
                for pkg in ("press_blocks", "press_blocks_api")
            ],
            "document": importlib.resources.files("press_blocks.emulator").joinpath("press-blocks.yaml").is_file(),
            "described": {"id": described["id"], "name": described["metadata"]["name"]},
            "spec_id": spec_id,
            "script": scripts.get("press-blocks"),
            "plugin": plugins.get("press_blocks_emulator"),
        }
    )
)
