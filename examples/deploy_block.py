"""Deploy a block as code: its spec and a deployment, planned, then applied.

Re-run it as often as you like: the second run's plan is empty and apply changes nothing.
Change the summary, a run parameter or a file under my-block/ and the plan says exactly what
differs. Set PRESS_BLOCKS_DEPLOY_KEY (a random secret, at least 16 characters) so hidden run
parameters are compared too.
"""

import sys
from pathlib import Path

from press_blocks import deploy, get_client

BUILD_CONTEXT = Path(__file__).parent / "my-block"

spec = {
    "body": {
        "version": "1",
        "kind": "workflow",
        "metadata": {"name": "my-block-as-code", "summary": "Aggregates the day's input files."},
        "release": {"version": "1.0.0", "notes": "Deployed as code."},
        "config": {
            "images": {"main": {"context": ".", "dockerfile": "Dockerfile", "version": "0.0.1"}},
            "steps": {"aggregate": {"type": "standard", "imageRef": "main", "command": "python main.py"}},
        },
    },
    "artifact": {"path": str(BUILD_CONTEXT)},
    "parameters": {"run": [{"name": "agg_type", "type": "string", "required": False, "defaultValue": "AVG"}]},
    "scope": "private",
}
deployment = {
    "body": {
        "metadata": {"name": "my-block-as-code-daily", "summary": "The daily aggregation."},
        "revision": {"notes": "From examples/deploy_block.py."},
        # The spec by name: apply resolves it after creating or releasing it.
        "spec": {"name": "my-block-as-code", "release": {"version": "latest"}},
        "parameters": {"run": {"agg_type": "SUM"}},
    }
}

with get_client() as client:
    plan = deploy.plan(client, [spec, deployment])
    print(plan.render())
    if not plan.changes:
        sys.exit(0)
    # apply re-reads what the plan read and raises PlanStaleError if it changed.
    result = deploy.apply(client, plan, wait=True, timeout=60, poll_interval=0.2)
    for resource in result.to_dict()["resources"]:
        print(f"{resource['kind']} {resource['name']}: {', '.join(resource['actions'])} ({resource['id']})")
    print(deploy.plan(client, [spec, deployment]).summary_line())
