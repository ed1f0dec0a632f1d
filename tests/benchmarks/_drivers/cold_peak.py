"""Cold start, peak-sdk 1.29.0: import, build a client, one describe_spec over plain HTTP, exit."""

import os
import sys

import _peak_patch
from peak.press import blocks

_peak_patch.install(os.environ["PRESS_BASE_URL"], os.environ.get("BENCH_PEAK_TELEMETRY", "off"))
spec_id = os.environ["BENCH_SPEC_ID"]
client = blocks.get_client()
spec = client.describe_spec(spec_id)
if spec.get("id") != spec_id:
    sys.exit(3)
