"""Charts as inline SVG, drawn from the result and the pack's scoring model (never from constants).

- :func:`maturity_chart`: CC-CMM C and F shares and the total, each against every level's threshold;
- :func:`bands_chart`: CCCS-OP categories against their points, and the total against the band lines;
- :func:`status_grid`: CCOM chapters as rows of squares, one per clause, coloured by status.

Each returns SVG markup as a string; every text in it is escaped here. ``word`` turns a message id
(and parameters) into the words shown, in the report's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from ..model.pack import ClausePack
from ..model.result import BandsOutcome, ClauseResult, MaturityOutcome
from ..scoring import MaturityLevels, WeightedBands
from ..records import record

Word = Callable[..., str]
"""``word(msg_id, **params)``: the message in the report's language(s)."""

WIDTH = 640
LABEL = 230
"""Width of the label column; bars run from here to ``WIDTH - RIGHT``."""
RIGHT = 70
ROW = 26
STATUS_FILL = {
    "met": "#3d9a5b",
    "partially_met": "#e0a526",
    "not_met": "#c8453b",
    "not_assessed": "#9a9a9a",
    "not_applicable": "#d9d9d9",
}


@record
class Bar:
    label: str
    value: float
    """Where the bar ends, between 0 and ``scale``."""
    scale: float
    shown: str
    """The figure printed after the bar."""
    ticks: Sequence[tuple[float, str]] = ()
    """Threshold lines: (position on the same scale, label)."""
    fill: str = "#4a78b5"


def svg_text(x: float, y: float, text: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    """A text; lines separated by ``\n`` (one per language) are stacked, centred on ``y``."""
    lines = text.split("\n")
    if len(lines) == 1:
        return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'
    first = y - (len(lines) - 1) * size * 0.55
    spans = "".join(f'<tspan x="{x:.1f}" y="{first + n * size * 1.1:.1f}">{escape(line)}</tspan>' for n, line in enumerate(lines))
    return f'<text font-size="{size}" text-anchor="{anchor}"{extra}>{spans}</text>'


def fit_text(text: str, width: float, size: int = 11) -> str:
    """``text`` cut to about ``width`` pixels per line (CJK characters count double)."""
    out = []
    for line in text.split("\n"):
        budget = width / (size * 0.56)
        kept = ""
        for ch in line:
            budget -= 1.8 if ord(ch) > 0x2E80 else 1
            if budget < 1:
                kept += "…"
                break
            kept += ch
        out.append(kept)
    return "\n".join(out)


def _merge_ticks(ticks: Sequence[tuple[float, str]]) -> list[tuple[float, str]]:
    """Thresholds at the same position share one line and one label (``L3 L4``)."""
    merged: dict[float, list[str]] = {}
    for pos, label in ticks:
        merged.setdefault(pos, []).append(label)
    return [(pos, " ".join(labels)) for pos, labels in sorted(merged.items())]


def _open(title: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]


def bar_chart(bars: Sequence[Bar], title: str) -> str:
    """Horizontal bars, each with its own threshold lines labelled above the bar. ``title`` names
    the chart for screen readers; the page shows its caption."""
    span = WIDTH - LABEL - RIGHT
    top = 8
    height = top + len(bars) * (ROW + 14) + 6
    parts = _open(title, height)
    for n, bar in enumerate(bars):
        y = top + n * (ROW + 14) + 12
        frac = 0.0 if bar.scale <= 0 else max(0.0, min(bar.value / bar.scale, 1.0))
        parts.append(svg_text(LABEL - 8, y + ROW / 2 + 4, fit_text(bar.label, LABEL - 10), anchor="end"))
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{span}" height="{ROW}" fill="#eef1f5"/>')
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{span * frac:.1f}" height="{ROW}" fill="{bar.fill}"/>')
        parts.append(svg_text(LABEL + span + 6, y + ROW / 2 + 4, bar.shown))
        for pos, label in _merge_ticks(bar.ticks):
            x = LABEL + span * (max(0.0, min(pos / bar.scale, 1.0)) if bar.scale else 0.0)
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 3}" y2="{y + ROW + 2}" stroke="#222" stroke-width="1.2"/>')
            parts.append(svg_text(x, y - 5, label, anchor="middle", size=9))
    parts.append("</svg>")
    return "".join(parts)


def maturity_chart(scoring: MaturityLevels, outcome: MaturityOutcome, word: Word) -> str:
    """C and F shares of the core and innovation sections, and the total, with each level's threshold."""
    bars: list[Bar] = []
    groups: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
        ("core", outcome.core, scoring.core_sections),
        ("innovation", outcome.innovation, scoring.innovation_sections),
    )
    for group, shares, sections in groups:
        if not shares.items or not sections:
            continue
        where = scoring.section_label(sections)
        for letter, percent in (("c", shares.c_percent), ("f", shares.f_percent)):
            ticks = [
                (float(pct), f"L{lv.level}")
                for lv in scoring.levels
                if (pct := getattr(lv, f"{group}_{letter}_percent")) is not None
            ]
            label = word(f"chart.{letter}_share", where=where)
            bars.append(Bar(label, percent, 100.0, f"{percent:g} %", ticks, _fill(percent, [t for t, _ in ticks])))
    ticks = [(float(lv.min_total), f"L{lv.level}") for lv in scoring.levels]
    total = float(outcome.total)
    bars.append(
        Bar(word("chart.total"), total, float(outcome.max_total), f"{outcome.total}", ticks, _fill(total, [t for t, _ in ticks]))
    )
    return bar_chart(bars, word("chart.maturity_title"))


def _fill(value: float, thresholds: Sequence[float]) -> str:
    """Green when the value meets every threshold drawn, amber when some, red when none."""
    met = sum(1 for t in thresholds if value >= t)
    if thresholds and met == len(thresholds):
        return "#3d9a5b"
    return "#e0a526" if met else "#c8453b"


def _band_fill(score: float, lines: Sequence[float]) -> str:
    """Red in the lowest band, green in the highest, amber between."""
    above = sum(1 for t in lines if score >= t)
    if not lines or above == len(lines):
        return "#3d9a5b"
    return "#e0a526" if above else "#c8453b"


def bands_chart(scoring: WeightedBands, outcome: BandsOutcome, word: Word, title: Callable[[Any], str]) -> str:
    """Each category's score against its points, then the total against the band lines."""
    most = max((c.points for c in outcome.categories), default=1.0) or 1.0
    bars = [
        Bar(
            f"{c.id} {title(c.title)}",
            c.score,
            most,
            "n/a" if c.fraction is None else f"{c.score:.1f} / {c.points:g}",
            [(c.points, "")],
            "#4a78b5",
        )
        for c in outcome.categories
    ]
    bands = sorted(scoring.bands, key=lambda b: b.min)
    ticks = [(float(b.min), f"{b.min}") for b in bands[1:]]
    bars.append(
        Bar(
            word("chart.total"),
            float(outcome.score),
            float(outcome.max_total),
            f"{outcome.score} / {outcome.max_total}",
            ticks,
            _band_fill(float(outcome.score), [t for t, _ in ticks]),
        )
    )
    return bar_chart(bars, word("chart.bands_title"))


def status_grid(pack: ClausePack, clauses: Sequence[ClauseResult], word: Word, title: Callable[[Any], str]) -> str:
    """One row per chapter (a top-level clause), one square per clause with checkpoints under it."""
    by_id = {c.id: c for c in clauses}
    index = pack.index
    rows: list[tuple[str, list[ClauseResult]]] = []
    for cid in index.order:
        placed = index.clauses[cid]
        if placed.depth != 0:
            continue
        under = [by_id[d] for d in index.order if _under(index, d, cid) and index.clauses[d].clause.checkpoints]
        if under:
            rows.append((f"{cid} {title(placed.clause.title)}", under))
    size, gap = 14, 3
    per_row = (WIDTH - LABEL) // (size + gap)
    lines_of = [max(1, -(-len(items) // per_row)) for _, items in rows]
    top = 4
    height = top + sum(n * (size + gap) + 8 for n in lines_of) + 30
    parts = _open(word("chart.grid_title"), height)
    y = top
    for (label, items), n_lines in zip(rows, lines_of):
        parts.append(svg_text(LABEL - 8, y + size - 3, fit_text(label, LABEL - 10, 10), anchor="end", size=10))
        for k, item in enumerate(items):
            x = LABEL + (k % per_row) * (size + gap)
            yy = y + (k // per_row) * (size + gap)
            tip = f"{item.id} {title(item.title)}: {word('status.' + item.status)}"
            parts.append(
                f'<rect x="{x}" y="{yy}" width="{size}" height="{size}" rx="2" fill="{STATUS_FILL[item.status]}">'
                f"<title>{escape(tip)}</title></rect>"
            )
        y += n_lines * (size + gap) + 8
    left = float(LABEL)
    for status, fill in STATUS_FILL.items():
        name = word("status." + status)
        parts.append(f'<rect x="{left:.1f}" y="{height - 20}" width="11" height="11" rx="2" fill="{fill}"/>')
        parts.append(svg_text(left + 15, height - 11, name, size=10))
        left += 28 + sum(11 if ord(ch) > 0x2E80 else 5.8 for ch in name)
    parts.append("</svg>")
    return "".join(parts)


def _under(index: Any, clause_id: str, ancestor: str) -> bool:
    while clause_id is not None:
        if clause_id == ancestor:
            return True
        clause_id = index.clauses[clause_id].parent
    return False
