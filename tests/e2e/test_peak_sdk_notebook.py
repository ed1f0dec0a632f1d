"""The official client, peak-sdk 1.29.0, runs the notebook's whole flow against the emulator over loopback.

The first run makes ``.venv-peak`` from PyPI (a few minutes at most); later runs reuse it.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from press_blocks_api.operations import OPERATIONS

from press_blocks.emulator import Emulator
from tests._peak_sdk import PeakSdkUnavailable, peak_sdk_python

DRIVER = Path(__file__).with_name("peak_sdk_driver.py")

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(480)]


def test_peak_sdk_runs_the_notebook_flow_against_the_emulator() -> None:
    try:
        python = peak_sdk_python(timeout=300)
    except PeakSdkUnavailable as exc:
        pytest.fail(f"cannot make the peak-sdk 1.29.0 virtualenv: {exc}", pytrace=False)
    emulator = Emulator()
    env = {k: v for k, v in os.environ.items() if k not in ("PRESS_DEPLOYMENT_ID", "PEAK__STAGE", "STAGE")}
    env["PEAK_AUTH_TOKEN"] = "peak-sdk-e2e-token"
    with emulator.serve() as server:
        proc = subprocess.run(
            [str(python), str(DRIVER), server.base_url],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            check=False,
        )
    assert proc.returncode == 0, f"peak-sdk driver failed:\n{proc.stdout}\n{proc.stderr}"
    assert "ran all" in proc.stdout

    records = emulator.requests.records()
    # Every request the official client sent was an operation of the document, and succeeded.
    assert all(r.operation_id is not None for r in records), [r.path for r in records if r.operation_id is None]
    assert {r.status for r in records} <= {200, 201, 204}, [(r.path, r.status) for r in records if r.status >= 300]
    # Every operation the driver's methods send was exercised (the driver, not the document, says which).
    called = set(re.findall(r"\.(\w+)\(", DRIVER.read_text(encoding="utf-8")))
    sent = {operation.operation_id for operation in OPERATIONS.values() if operation.client_method in called}
    assert sent, "the driver calls no method of the client"
    assert {r.operation_id for r in records} == sent, "every operation the driver's methods send was exercised"
    # The liberal parsing was needed: `{}` bodies on GET/DELETE, `True` in the query.
    assert any(r.method in ("GET", "DELETE") and r.body_size == 2 for r in records)
    assert any(("featured", "True") in r.query for r in records)
    assert all(r.headers.get("user-agent", "").startswith("peak/1.29.0") for r in records)
