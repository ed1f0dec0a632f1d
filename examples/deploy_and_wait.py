"""Deploy the latest release of my-block with run parameters, then wait until it is deployed.

Run publish_spec.py first. The wait is a bounded poll of describe_deployment.
"""

import sys
import time

from press_blocks import get_client

POLL_EVERY = 0.5  # seconds between two looks
GIVE_UP_AFTER = 60.0  # seconds

client = get_client()
spec = next(s for s in client.list_specs(name="my-block") if s["metadata"]["name"] == "my-block")

created = client.create_deployment(
    body={
        "metadata": {"name": "my-block-daily", "summary": "The daily aggregation."},
        "parameters": {"run": {"agg_type": "SUM", "num_iterations": 100}},
        "revision": {"notes": "First deployment."},
        "spec": {"id": spec["id"], "release": {"version": spec["latestRelease"]["version"]}},
    }
)
deployment_id = created["id"]
print(f"deploying {deployment_id} from release {spec['latestRelease']['version']}")

deadline = time.monotonic() + GIVE_UP_AFTER
while True:
    revision = client.describe_deployment(deployment_id)["latestRevision"]
    print(f"  revision {revision['revision']}: {revision['status']}")
    if revision["status"] == "deployed":
        break
    if revision["status"] not in ("deploying", "redeploying"):
        sys.exit(f"the deployment ended as {revision['status']}")
    if time.monotonic() > deadline:
        sys.exit(f"still {revision['status']} after {GIVE_UP_AFTER:.0f} s; look again later")
    time.sleep(POLL_EVERY)

print("run parameters:", client.get_parameters(deployment_id))
