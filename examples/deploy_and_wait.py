"""Deploy my-block's latest release with run parameters, then wait for it.

Run publish_spec.py first. wait_for_deployment describes the deployment with growing, jittered
delays until it settles, and gives up at the timeout, so the script never hangs.
"""

import sys

from press_blocks import DeploymentFailedError, WaitTimeoutError, get_client

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

try:
    deployment = client.wait_for_deployment(
        deployment_id,
        timeout=60,  # seconds; a real build and deploy takes minutes
        poll_interval=0.5,  # the first wait; later ones double
        progress=lambda status, elapsed: print(f"  {status} after {elapsed:.1f} s"),
    )
except DeploymentFailedError as failed:
    # failed, rollback_complete, ...: the resources' errors say why.
    sys.exit(f"the deployment ended as {failed.status}: {failed.resource_errors}")
except WaitTimeoutError as late:
    sys.exit(f"still {late.status} after {late.elapsed:.0f} s; look again later")

revision = deployment["latestRevision"]
print(f"revision {revision['revision']} is {deployment['metadata']['status']}")
print("run parameters:", client.get_parameters(deployment_id))
