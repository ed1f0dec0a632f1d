"""One SVG bar chart per comparison of a benchmark run, written by hand (no plotting library).

``write_charts(raw, directory)`` takes the raw results ``run.py`` saves as JSON — per benchmark,
``{metric: {client: [one value per fresh process]}}`` — and draws, for each comparison it finds,
the median of every client as a bar with a min–max whisker and the value written out.
``python -m tests.benchmarks._charts RESULTS.json DIR`` redraws the charts of a saved run.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["CHARTS", "Chart", "svg", "write_charts"]

COLORS = {"press-blocks": "#2f6fd0", "peak-sdk": "#d9782d"}
OTHER_COLOR = "#8c8c8c"
WIDTH, LABEL_W, VALUE_W, ROW_H, TOP, BOTTOM = 760, 250, 150, 34, 64, 30


@dataclass(frozen=True)
class Chart:
    """One comparison: which series of which benchmark, and how to label it."""

    file: str
    title: str
    benchmark: str
    metric: str
    unit: str
    lower_is_better: bool
    labels: Mapping[str, str]  # series key -> bar label, in drawing order
    scale: float = 1.0
    digits: int = 3


CHARTS: tuple[Chart, ...] = (
    Chart(
        "import.svg",
        "Import: fresh `python -c '<import>'`, whole process",
        "import",
        "wall",
        "s",
        True,
        {"press-blocks": "press-blocks", "peak-sdk": "peak-sdk", "baseline": "import httpx"},
    ),
    Chart(
        "cold-start.svg",
        "Cold start: import, client, one describe_spec, exit",
        "cold",
        "wall",
        "s",
        True,
        {"press-blocks": "press-blocks", "peak-sdk": "peak-sdk", "baseline": "bare httpx.Client"},
    ),
    Chart(
        "per-call.svg",
        "Per call: sequential describe_spec on one client",
        "calls",
        "calls_per_s",
        "calls/s",
        False,
        {
            "press-blocks": "press-blocks",
            "peak-sdk": "peak-sdk",
            "peak-sdk, other telemetry setting": "peak-sdk, other telemetry setting",
            "baseline": "bare httpx.Client",
        },
        digits=0,
    ),
    Chart(
        "artifact-time.svg",
        "Artifact: create_spec with a build context, whole process",
        "artifact",
        "wall",
        "s",
        True,
        {
            "press-blocks": "press-blocks",
            "press-blocks, httpx CLI hidden": "press-blocks, plain install",
            "peak-sdk": "peak-sdk",
        },
    ),
    Chart(
        "artifact-memory.svg",
        "Artifact: peak RSS of that process",
        "artifact",
        "rss_mib",
        "MiB",
        True,
        {
            "press-blocks": "press-blocks",
            "press-blocks, httpx CLI hidden": "press-blocks, plain install",
            "peak-sdk": "peak-sdk",
            "baseline": "import httpx alone",
        },
        digits=1,
    ),
    Chart(
        "pagination.svg",
        "Pagination: every page of a list, 20 ms per request",
        "pages",
        "seconds",
        "s",
        True,
        {"sequential": "press-blocks", "prefetch": "press-blocks, prefetch=8", "peak-sdk": "peak-sdk"},
    ),
    Chart(
        "fan-out.svg",
        "Fan-out: concurrent async describe_spec, 20 ms per request",
        "fanout",
        "seconds",
        "s",
        True,
        {"press-blocks": "press-blocks (AsyncBlock)", "baseline": "bare httpx.AsyncClient"},
    ),
)


def _color(key: str) -> str:
    if key in COLORS:
        return COLORS[key]
    if key.startswith("press-blocks") or key in ("sequential", "prefetch"):
        return "#6f9be0"
    if key.startswith("peak-sdk"):
        return "#e6a978"
    return OTHER_COLOR


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def svg(chart: Chart, series: Mapping[str, Sequence[float]], caption: str = "") -> str:
    """The SVG document of ``chart`` drawn from ``series`` (label key -> values); empty series are left out."""
    bars = [(key, [v * chart.scale for v in series[key]]) for key in chart.labels if series.get(key)]
    if not bars:
        raise ValueError(f"{chart.file}: no values for any of {list(chart.labels)}")
    top = max(max(values) for _, values in bars) or 1.0
    plot_w = WIDTH - LABEL_W - VALUE_W
    height = TOP + ROW_H * len(bars) + BOTTOM
    better = "lower is better" if chart.lower_is_better else "higher is better"
    runs = max(len(values) for _, values in bars)
    subtitle = f"{chart.unit}, median of {runs} fresh process{'es' if runs != 1 else ''}"
    subtitle += f" (whiskers: min–max); {better}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(chart.title, {chr(34): "&quot;"})}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="13">',
        f"<title>{escape(chart.title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="12" y="24" font-size="15" font-weight="600" fill="#1f1f1f">{escape(chart.title)}</text>',
        f'<text x="12" y="44" fill="#555555">{escape(subtitle)}</text>',
    ]
    for row, (key, values) in enumerate(bars):
        mid, low, high = statistics.median(values), min(values), max(values)
        y = TOP + row * ROW_H
        width = plot_w * mid / top
        centre = y + ROW_H / 2 - 4
        out.append(
            f'<text x="{LABEL_W - 10}" y="{centre + 4:.1f}" text-anchor="end" fill="#1f1f1f">'
            f"{escape(chart.labels[key])}</text>"
        )
        out.append(
            f'<rect class="bar" data-series="{escape(key)}" data-median="{mid:.6g}" x="{LABEL_W}" y="{y:.1f}" '
            f'width="{width:.2f}" height="{ROW_H - 12}" rx="2" fill="{_color(key)}"/>'
        )
        if high > low:
            x1, x2 = LABEL_W + plot_w * low / top, LABEL_W + plot_w * high / top
            out.append(
                f'<path d="M{x1:.2f} {centre:.1f}H{x2:.2f}M{x1:.2f} {centre - 5:.1f}v10M{x2:.2f} {centre - 5:.1f}v10" '
                'stroke="#1f1f1f" stroke-width="1.2" fill="none"/>'
            )
        label_x = LABEL_W + plot_w * max(mid, high) / top + 8
        out.append(
            f'<text x="{label_x:.2f}" y="{centre + 4:.1f}" fill="#1f1f1f">{_number(mid, chart.digits)} '
            f"{escape(chart.unit)}</text>"
        )
    axis_y = TOP + ROW_H * len(bars) - 6
    out.append(f'<path d="M{LABEL_W} {TOP - 6}V{axis_y}" stroke="#999999" stroke-width="1"/>')
    if caption:
        out.append(f'<text x="12" y="{height - 10}" font-size="11" fill="#777777">{escape(caption)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_charts(raw: Mapping[str, Any], directory: Path) -> list[Path]:
    """Write one SVG per comparison present in ``raw`` into ``directory``; return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    header = raw.get("header") or [""]
    mode = re.search(r"\((smoke|full);", header[0])
    load = re.search(r"load average before ([^,]+), after ([^)]+)\)", header[0])
    caption = "Drawn by tests/benchmarks/run.py" + (f" ({mode.group(1)} run" if mode else " (")
    caption += f"; load average {load.group(1)} before, {load.group(2)} after)" if load else ")"
    written = []
    for chart in CHARTS:
        if not raw.get(chart.benchmark):
            continue  # that benchmark was not run (--only)
        series = raw[chart.benchmark].get(chart.metric) or {}
        if not any(series.get(key) for key in chart.labels):
            # run.py renamed a metric or a client: fail loudly rather than drop the chart.
            raise ValueError(f"{chart.file}: {chart.benchmark}.{chart.metric} has none of {list(chart.labels)}")
        path = directory / chart.file
        path.write_text(svg(chart, series, caption), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.benchmarks._charts RESULTS.json DIR")
    for file in write_charts(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2])):
        print(file)
