"""The deploy model without I/O: fingerprint lines, keys, version precedence, the plan's rendering."""

from __future__ import annotations

import pytest

from press_blocks import DeployRefusedError, InvalidArgumentError
from press_blocks._deploy import (
    FieldChange,
    Plan,
    ResourcePlan,
    compare_version,
    deploy_key,
    documents_from,
    key_id,
    parameters_mac,
    parse_marker,
    with_marker,
)
from press_blocks._semver import SemVer


@pytest.mark.parametrize("notes", [None, "", "Notes.", "Two\n\nparagraphs."])
def test_a_fingerprint_line_round_trips_and_keeps_the_users_notes(notes: str | None) -> None:
    fields = {"artifact": "sha256:" + "a" * 64, "files": "12"}
    written = with_marker(notes, fields)
    assert parse_marker(written) == (notes or "", fields)
    assert len(written) - len(notes or "") <= 140
    assert parse_marker(notes) == (notes or "", None)


def test_a_fingerprint_line_in_the_middle_of_notes_is_not_apply_s() -> None:
    text = "[press-blocks fingerprint v1 files=1]\nmore text"
    assert parse_marker(text) == (text, None)


def test_the_mac_is_keyed_and_tagged_with_the_key() -> None:
    key, other = b"k" * 32, b"o" * 32
    values = {"run": {"secret": "pw123"}}
    mac = parameters_mac(key, values)
    assert mac.startswith(f"hmac-sha256:{key_id(key)}:")
    assert mac == parameters_mac(key, {"run": {"secret": "pw123"}})
    assert mac != parameters_mac(other, values)
    assert mac != parameters_mac(key, {"run": {"secret": "pw124"}})
    assert "pw123" not in mac


def test_the_key_comes_from_the_argument_or_the_environment_and_is_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESS_BLOCKS_DEPLOY_KEY", raising=False)
    assert deploy_key(None) is None
    monkeypatch.setenv("PRESS_BLOCKS_DEPLOY_KEY", "e" * 16)
    assert deploy_key(None) == b"e" * 16
    assert deploy_key("a" * 20) == b"a" * 20
    with pytest.raises(InvalidArgumentError, match="at least 16 characters"):
        deploy_key("short")


def test_versions_compare_by_precedence_and_build_metadata_is_refused() -> None:
    assert compare_version("1.1.0", "1.0.0") == 1
    assert compare_version("1.0.0", "1.0.0") == 0
    assert compare_version("1.0.0-rc.1", "1.0.0") == -1
    assert compare_version("1.0.0+b1", "1.0.0+b1") == 0
    with pytest.raises(DeployRefusedError, match=r"same precedence as the latest release 1\.0\.0\+b1"):
        compare_version("1.0.0+b2", "1.0.0+b1")


@pytest.mark.parametrize("text", ["1.1\u0662.0", "\u0661.0.0", "1.0.0-\u0661"])
def test_semantic_versions_take_ascii_digits_only(text: str) -> None:
    assert not SemVer.valid(text)


def test_the_plan_renders_per_field_with_the_summary_line() -> None:
    created = ResourcePlan("spec", "blk", "spec.yaml")
    created.change("release.version", None, "1.0.0", "create")
    revised = ResourcePlan("deployment", "dep", "dep.yaml", id="d1")
    revised.change("parameters.run.secret", "***", "***", "revise")
    revised.change("metadata.summary", "Old.", "New.", "update")
    same = ResourcePlan("deployment", "other", "other.yaml", id="d2")
    plan = Plan([created, revised, same])
    assert plan.render().splitlines() == [
        "+ spec 'blk': create",
        '    + release.version: "1.0.0"',
        "~ deployment 'dep' (d1): revise, update",
        "    ~ parameters.run.secret: *** -> ***",
        '    ~ metadata.summary: "Old." -> "New."',
        "  deployment 'other' (d2): unchanged",
        "Plan: 1 to create, 0 to release, 1 to revise, 1 to update, 1 unchanged",
    ]
    assert plan.to_dict()["summary"] == {"create": 1, "release": 0, "revise": 1, "update": 1, "unchanged": 1}
    assert revised.changes[0] == FieldChange("parameters.run.secret", "***", "***", "revise")


def test_a_document_and_a_plan_keep_parameter_values_out_of_their_repr() -> None:
    request = {"body": {"metadata": {"name": "dep"}, "spec": {"name": "blk"}, "parameters": {"run": {"pw": "s3cr3t"}}}}
    (document,) = documents_from([(request, "mapping #1")])
    the_plan = Plan([ResourcePlan("deployment", "dep", "mapping #1")], [document])
    for shown in (repr(document), repr(the_plan)):
        assert "s3cr3t" not in shown
    assert "mapping #1" in repr(document)
