"""Publish a workflow block spec, with my-block/ as its build context.

Run it against the emulator (``press-blocks emulator`` in another shell) with
PRESS_BASE_URL=http://127.0.0.1:8787 and any PEAK_AUTH_TOKEN, or against Press with your token.
"""

from pathlib import Path

from press_blocks import get_client

BUILD_CONTEXT = Path(__file__).parent / "my-block"

spec_body = {
    "version": "1",
    "kind": "workflow",
    "metadata": {
        "name": "my-block",
        "title": "My block",
        "summary": "Aggregates the day's input files.",
        "tags": [{"name": "example"}],
    },
    "release": {"version": "1.0.0", "notes": "The first release."},
    "config": {
        "images": {"main": {"context": ".", "dockerfile": "Dockerfile", "version": "0.0.1"}},
        "steps": {
            "aggregate": {
                "type": "standard",
                "imageRef": "main",
                "command": "python main.py",
                # Press fills "@param:<name>" in from the run parameters below.
                "parameters": {"env": {"AGG_TYPE": "@param:agg_type"}},
            }
        },
        "triggers": [{"cron": "0 6 * * *"}],
    },
}

# The run parameters a deployment of this spec takes, with their defaults.
parameters = {
    "run": [
        {"name": "agg_type", "type": "string", "required": False, "defaultValue": "AVG", "title": "Aggregation"},
        {
            "name": "num_iterations",
            "type": "number",
            "required": False,
            "defaultValue": 10,
            "options": [{"title": "Low", "value": 10}, {"title": "High", "value": 100}],
        },
    ]
}

client = get_client()  # the token comes from PEAK_AUTH_TOKEN (or API_KEY)

# Check what would be uploaded before uploading it:
# my-block/.dockerignore follows Docker's rules.
check = client.create_spec(body=spec_body, artifact={"path": str(BUILD_CONTEXT)}, parameters=parameters, validate=True)
print("validated:", check["success"])

created = client.create_spec(
    body=spec_body,
    artifact={"path": str(BUILD_CONTEXT), "ignore_files": [".dockerignore"]},
    scope="private",
    parameters=parameters,
)
spec = client.describe_spec(created["id"])
print(f"published {spec['metadata']['name']} {spec['latestRelease']['version']} as {spec['id']}")
