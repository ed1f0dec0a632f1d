"""Cold start, the baseline: a bare ``httpx.Client`` making the same GET."""

import os
import sys

import httpx

spec_id = os.environ["BENCH_SPEC_ID"]
with httpx.Client(base_url=os.environ["PRESS_BASE_URL"]) as client:
    spec = client.get(f"/v1/blocks/specs/{spec_id}", headers={"Authorization": os.environ["PEAK_AUTH_TOKEN"]}).json()
if spec.get("id") != spec_id:
    sys.exit(3)
