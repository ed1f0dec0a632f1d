"""Release the next patch version of my-block, with a fresh artifact.

Run publish_spec.py first. The spec is found by name; releases must be newer semantic versions.
"""

from pathlib import Path

from press_blocks import get_client

BUILD_CONTEXT = Path(__file__).parent / "my-block"

client = get_client()

# list_specs crosses every page lazily; the name filter is a prefix, so
# compare exactly.
spec = next(s for s in client.list_specs(name="my-block") if s["metadata"]["name"] == "my-block")
major, minor, patch = (int(part) for part in spec["latestRelease"]["version"].split("."))
version = f"{major}.{minor}.{patch + 1}"
# Keep the run parameters the current release defines.
run_parameters = client.describe_spec_release(spec["id"], spec["latestRelease"]["version"])["parameters"]["run"]

release_body = {
    "release": {"version": version, "notes": "Faster aggregation."},
    "config": {
        "images": {"main": {"context": ".", "dockerfile": "Dockerfile", "version": version}},
        "steps": {"aggregate": {"type": "standard", "imageRef": "main", "command": "python main.py"}},
        "triggers": [{"cron": "0 6 * * *"}],
    },
}
created = client.create_spec_release(
    spec["id"], body=release_body, artifact={"path": str(BUILD_CONTEXT)}, parameters={"run": run_parameters}
)
print(f"released {created['release']['version']} of {spec['id']}")

for release in client.list_spec_releases(spec["id"], sort=["createdAt:desc"]):
    print(f"  {release['version']}: {release['notes']}")
