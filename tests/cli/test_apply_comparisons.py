"""How apply compares a deployment file's parameters with the latest revision, in-process."""

from __future__ import annotations

from press_blocks._cli._apply import _parameter_differences


def test_apply_compares_parameter_values_but_not_hidden_ones() -> None:
    current = {
        "build": [{"name": "user", "value": "a@b.c", "type": "string"}],
        "run": [
            {"name": "agg", "value": "SUM", "type": "string"},
            {"name": "secret", "value": "*****", "type": "string", "hideValue": True},
        ],
    }
    assert _parameter_differences({"run": {"agg": "SUM", "secret": "anything"}}, current) == []
    assert _parameter_differences({"run": {"agg": "AVG"}}, current) == ["parameters.run"]
    assert _parameter_differences({"run": {"unknown": 1}}, current) == ["parameters.run"]
    assert _parameter_differences({"build": {"user": "x@y.z"}, "run": {}}, current) == ["parameters.build"]
