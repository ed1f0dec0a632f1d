"""The benchmark's chart writer: one readable SVG per comparison, bars true to the numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.benchmarks._charts import CHARTS, write_charts

SVG = "{http://www.w3.org/2000/svg}"
HEADER = (
    "press-blocks benchmark (full; 5 fresh process(es) per measurement, median (min–max); peak-sdk telemetry: off; "
    "69 s; load average before 0.38 0.69 0.85, after 1.09 0.85 0.90)."
)


def full_raw() -> dict:
    """Every series run.py records, with made-up values (3 runs each)."""
    raw: dict = {"header": [HEADER]}
    for chart in CHARTS:
        series = raw.setdefault(chart.benchmark, {}).setdefault(chart.metric, {})
        for n, key in enumerate(chart.labels, start=1):
            series[key] = [n * 1.0, n * 1.5, n * 2.0]
    return raw


def bars(path: Path) -> dict[str, tuple[float, float]]:
    root = ET.parse(path).getroot()
    return {
        r.get("data-series"): (float(r.get("data-median")), float(r.get("width")))
        for r in root.iter(f"{SVG}rect")
        if r.get("class") == "bar"
    }


def test_one_chart_per_comparison_with_a_bar_per_client(tmp_path: Path) -> None:
    written = write_charts(full_raw(), tmp_path)
    assert [p.name for p in written] == [c.file for c in CHARTS]
    for chart, path in zip(CHARTS, written, strict=True):
        drawn = bars(path)
        assert list(drawn) == list(chart.labels), chart.file
        medians = [m for m, _ in drawn.values()]
        assert medians == [n * 1.5 for n in range(1, len(medians) + 1)]
        # widths are proportional to the medians, on one scale per chart
        ratios = {round(width / median, 6) for median, width in drawn.values()}
        assert len(ratios) == 1, chart.file
        assert ET.parse(path).getroot().findtext(f"{SVG}title") == chart.title
        text = path.read_text(encoding="utf-8")
        assert "load average 0.38 0.69 0.85 before, 1.09 0.85 0.90 after" in text
        assert ("lower is better" in text) == chart.lower_is_better


def test_benchmarks_not_run_get_no_chart(tmp_path: Path) -> None:
    raw = full_raw()
    del raw["pages"], raw["fanout"]
    names = {p.name for p in write_charts(raw, tmp_path)}
    assert "pagination.svg" not in names
    assert "fan-out.svg" not in names
    assert "import.svg" in names


def test_a_renamed_series_fails_loudly(tmp_path: Path) -> None:
    raw = full_raw()
    raw["calls"]["calls_per_s"] = {"ours": [1.0]}
    with pytest.raises(ValueError, match=r"per-call\.svg: calls\.calls_per_s has none of"):
        write_charts(raw, tmp_path)


def test_a_client_without_values_is_left_out_and_labels_are_escaped(tmp_path: Path) -> None:
    raw = {"header": [HEADER], "import": {"wall": {"press-blocks": [0.02], "peak-sdk": [], "baseline": [0.1]}}}
    (path,) = write_charts(raw, tmp_path)
    assert list(bars(path)) == ["press-blocks", "baseline"]
    ET.parse(path)  # well-formed despite the quotes and '<import>' in the title
    assert "&lt;import&gt;" in path.read_text(encoding="utf-8")
