"""``args[0]`` of an HTTP error is what peak-sdk 1.29's own handler puts there (issue 23), checked against peak itself.

The same answers (JSON objects, lists, text, HTML, a 413 with a ``detail``) go through peak's
``HandlerUtils.handle_response`` in ``.venv-peak`` and through press-blocks; the two
``args[0]`` must be equal, so ``except ConflictException as e: e.args[0]["message"]`` keeps working.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import httpx
import pytest

from press_blocks import Block, Session
from press_blocks.errors import APIStatusError
from tests._peak_sdk import PeakSdkUnavailable, peak_sdk_python

pytestmark = [pytest.mark.timeout(300)]

ANSWERS: list[tuple[int, str, str]] = [
    (409, "application/json", json.dumps({"message": "name taken", "statusCode": 409})),
    (404, "application/json", json.dumps({"detail": "Deployment not found", "statusCode": 404})),
    (400, "application/json", json.dumps([{"loc": ["body"], "msg": "bad"}])),
    (422, "text/plain", "plain words"),
    (500, "text/html", "<html><h1>502 Bad Gateway</h1></html>"),
    (413, "application/json", json.dumps({"detail": "Artifact too large"})),
    (401, "application/json", json.dumps({"message": "Unauthorized"})),
]

PEAK_SIDE = """
import json, sys
import requests
from peak.handler import HandlerUtils

results = []
for status, content_type, text in json.loads(sys.stdin.read()):
    response = requests.Response()
    response.status_code = status
    response._content = text.encode()
    response.headers["Content-Type"] = content_type
    response.encoding = "utf-8"
    try:
        HandlerUtils.handle_response(response)
    except Exception as exc:
        results.append([type(exc).__name__, exc.args[0]])
print(json.dumps(results))
"""


def _peak_args() -> list[list[Any]]:
    try:
        python = peak_sdk_python()
    except PeakSdkUnavailable as exc:
        pytest.fail(f"cannot make the peak-sdk 1.29.0 virtualenv: {exc}", pytrace=False)
    proc = subprocess.run(
        [str(python), "-c", PEAK_SIDE],
        input=json.dumps(ANSWERS),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results: list[list[Any]] = json.loads(proc.stdout)
    return results


def _our_args() -> list[list[Any]]:
    results = []
    for status, content_type, text in ANSWERS:
        answer = httpx.Response(status, content=text.encode(), headers={"content-type": content_type})
        client = httpx.Client(transport=httpx.MockTransport(lambda request, answer=answer: answer))
        try:
            Block(
                Session("peak-args-token", base_url="http://peak.test", http_client=client, max_retries=0)
            ).describe_spec("s")
        except APIStatusError as exc:
            results.append([type(exc).__name__, exc.args[0]])
    return results


def test_args_0_is_peaks() -> None:
    ours = _our_args()
    peaks = _peak_args()
    assert [args for _, args in ours] == [args for _, args in peaks]
    # Where peak has the class (all but its unreachable 5xx), the name is the same too.
    assert [name for name, _ in ours if name != "InternalServerErrorException"] == [
        name for name, _ in peaks if name != "InternalServerErrorException"
    ]
