"""Output formats and the --wait loop, in-process."""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml

from press_blocks._cli._errors import WaitFailed
from press_blocks._cli._output import TABLES, format_result, write
from press_blocks._cli._wait import wait_for_revision

PAGE = {
    "deployments": [
        {
            "id": "d-1",
            "kind": "workflow",
            "metadata": {"title": "A  long\ttitle", "status": "deployed", "tags": [{"name": "a"}, {"name": "b"}]},
            "latestRevision": {"revision": 2, "status": "deployed"},
        },
        {"id": "d-22", "kind": "service", "metadata": {"title": "B"}},
    ],
    "deploymentCount": 12,
    "pageNumber": 2,
    "pageCount": 6,
}


def test_table_has_peaks_columns_title_total_and_caption() -> None:
    lines = format_result(PAGE, "table", TABLES["deployments list"]).splitlines()
    assert lines[0] == "Block Deployments (Total = 12)"
    assert lines[1].startswith("ID  ")
    assert [c.strip() for c in lines[1].split("  ") if c.strip()] == [
        "ID",
        "Kind",
        "Title",
        "Status",
        "Latest Revision",
        "Latest Revision Status",
        "Tags",
    ]
    assert lines[3].split() == ["d-1", "workflow", "A", "long", "title", "deployed", "2", "deployed", "a,", "b"]
    assert lines[4].split() == ["d-22", "service", "B"]
    assert lines[-1] == "Page 2 of 6"
    assert format_result({"deployments": []}, "table", TABLES["deployments list"]).splitlines() == [
        "Block Deployments",
        "No data to display.",
    ]
    # The notebook's revisions page names its list "deployments".
    revisions = {"deployments": [{"id": "r", "revision": 1, "status": "deployed"}], "revisionCount": 1}
    assert "r" in format_result(revisions, "table", TABLES["deployments list-revisions"]).splitlines()[3]


def test_json_and_yaml_keep_order_and_unicode() -> None:
    data = {"z": "é", "a": [1, {"b": None}]}
    assert format_result(data, "json") == '{\n  "z": "é",\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}\n'
    text = format_result(data, "yaml")
    assert text.startswith("z: é\n")
    assert yaml.safe_load(text) == data
    assert format_result([{"id": 1}], "table", None) == '[\n  {\n    "id": 1\n  }\n]\n'


class FakeClient:
    """Answers describe calls from a script of statuses."""

    def __init__(self, statuses: list[str]) -> None:
        self.statuses = statuses
        self.calls: list[tuple[str, Any]] = []

    def describe_deployment(self, deployment_id: str) -> dict[str, Any]:
        self.calls.append(("deployment", deployment_id))
        return {"latestRevision": {"revision": 1, "status": self.statuses.pop(0)}}

    def describe_deployment_revision(self, deployment_id: str, revision: int | str) -> dict[str, Any]:
        self.calls.append(("revision", revision))
        return {"revision": revision, "status": self.statuses.pop(0)}


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_wait_returns_when_deployed_with_growing_bounded_sleeps(capsys: pytest.CaptureFixture[str]) -> None:
    client, clock = FakeClient(["deploying"] * 6 + ["deployed"]), Clock()
    result = wait_for_revision(client, "d", 3, timeout=100, sleep=clock.sleep, clock=lambda: clock.now)  # type: ignore[arg-type]
    assert result == {"revision": 3, "status": "deployed"}
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert client.calls[0] == ("revision", 3)
    assert "deployment d revision 3 is deployed" in capsys.readouterr().err


@pytest.mark.parametrize("status", ["failed", "platform_resource_error", "rollback_complete", "superseded"])
def test_wait_fails_on_any_other_final_status(status: str) -> None:
    client, clock = FakeClient(["deploying", status]), Clock()
    with pytest.raises(WaitFailed, match=f"deployment d revision 1 ended {status}, not deployed"):
        wait_for_revision(client, "d", timeout=100, sleep=clock.sleep, clock=lambda: clock.now)  # type: ignore[arg-type]
    assert client.calls == [("deployment", "d"), ("deployment", "d")]


def test_wait_gives_up_at_the_timeout() -> None:
    client, clock = FakeClient(["deploying"] * 100), Clock()
    with pytest.raises(WaitFailed, match=r"still deploying after 7s \(--wait-timeout\)"):
        wait_for_revision(client, "d", 2, timeout=7, sleep=clock.sleep, clock=lambda: clock.now)  # type: ignore[arg-type]
    assert sum(clock.sleeps) == 7


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_paging_uses_the_pager_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    paged: list[str] = []
    monkeypatch.setattr("pydoc.pager", paged.append)
    plain = io.StringIO()
    write("text\n", paging=True, out=plain)
    assert (plain.getvalue(), paged) == ("text\n", [])
    terminal = Terminal()
    write("text\n", paging=True, out=terminal)
    assert (terminal.getvalue(), paged) == ("", ["text\n"])
    write("more\n", paging=False, out=terminal)
    assert terminal.getvalue() == "more\n"
