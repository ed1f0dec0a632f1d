"""``press-blocks demo``: the notebook's whole flow, against the built-in emulator or a real tenant."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, TextIO

from press_blocks.demo._notebook_flow import NotebookFlow, write_artifact_dir
from press_blocks.errors import PressBlocksError

__all__ = ["run_demo"]

_DEMO_TOKEN = "demo-token"  # the emulator accepts any non-empty token


def _printer(out: TextIO) -> Any:
    counter = iter(range(1, 1000))

    def log(step: str, result: Any) -> None:
        text = json.dumps(result, default=str)
        if len(text) > 160:
            text = text[:157] + "..."
        print(f"{next(counter):>2}. {step:<48} {text}", file=out, flush=True)

    return log


def run_demo(*, live: bool = False, stage: str | None = None, out: TextIO = sys.stdout) -> int:
    """Run the notebook flow and print each step; return 0 on success, 1 on the first failure."""
    from press_blocks import Block, Session

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="press-blocks-demo-") as scratch:
        artifact_dir = write_artifact_dir(Path(scratch) / "build-context")
        try:
            if live:
                print(f"Running the notebook flow against the live API (stage {stage or 'from env'}).", file=out)
                with Block(Session(stage=stage)) as client:
                    suffix = "-" + uuid.uuid4().hex[:8]
                    NotebookFlow(client, artifact_dir, _printer(out), suffix=suffix).run()
            else:
                _run_against_emulator(artifact_dir, out)
        except PressBlocksError as exc:
            print(f"\nFAILED: {type(exc).__name__}: {exc}", file=out)
            return 1
    print(f"\nThe notebook flow completed in {time.perf_counter() - started:.2f}s.", file=out)
    return 0


def _run_against_emulator(artifact_dir: Path, out: TextIO) -> None:
    from press_blocks import Block, Session
    from press_blocks.emulator import Emulator

    emulator = Emulator()
    with emulator.serve(host="127.0.0.1", port=0) as server:
        print(f"Emulator listening on {server.base_url} (in-memory, discarded at exit).\n", file=out)

        def link_to_app(deployment_id: str) -> None:
            # In a tenant, apps deploy blocks; here the demo registers an app that owns the deployment.
            emulator.add_app_deployment(
                {
                    "id": str(uuid.uuid4()),
                    "kind": "app",
                    "latestRevision": {
                        "revision": 1,
                        "status": "deployed",
                        "blocks": [
                            {
                                "deploymentId": deployment_id,
                                "platformId": str(uuid.uuid4()),
                                "kind": "workflow",
                                "name": "new-deployment",
                                "status": "deployed",
                            },
                            {
                                "deploymentId": str(uuid.uuid4()),
                                "platformId": None,
                                "kind": "service",
                                "name": "companion-api",
                                "status": "deploying",
                            },
                        ],
                    },
                },
                children=[deployment_id],
            )

        session = Session(auth_token=os.environ.get("PEAK_AUTH_TOKEN") or _DEMO_TOKEN, base_url=server.base_url)
        with Block(session) as client, session:
            NotebookFlow(client, artifact_dir, _printer(out), link_to_app=link_to_app).run()
