"""Cold start, press-blocks: import, build a client, one describe_spec over plain HTTP, exit."""

import os
import sys

from press_blocks import get_client

spec_id = os.environ["BENCH_SPEC_ID"]
with get_client() as client:
    spec = client.describe_spec(spec_id)
if spec.get("id") != spec_id:
    sys.exit(3)
