"""The crosswalk themes across the standards, as inline SVG: one row per theme, one column per
standard, each cell a bar split by the statuses of the theme's clauses in that standard, with the
count met written beside it (readable in black and white)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from ..crosswalk.result import PackStatuses, ThemeComparison
from .charts import LABEL, STATUS_FILL, WIDTH, Word, fit_text, svg_text

SEGMENTS = (("met", "met"), ("partially_met", "partially_met"), ("not_met", "not_met"), ("other", "not_assessed"))
"""Each count of :class:`PackStatuses` and the status whose colour it takes (``other``: not
applicable or not assessed)."""


CHUNK = 9
"""Themes per SVG: a long chart is drawn in parts, so that a printed page can break between them."""


def theme_chart(
    themes: Sequence[ThemeComparison], standards: Sequence[tuple[str, str]], word: Word, title: Callable[[Any], str]
) -> list[str]:
    """``standards``: (pack id, its name) in column order; a theme with no clause in a standard
    shows a dash there. One SVG per :data:`CHUNK` themes, each headed by the standards' names; the
    last one carries the colour key."""
    two_lines = any("\n" in title(t.title) for t in themes)
    row = 22 if two_lines else 15
    chunks = [themes[n : n + CHUNK] for n in range(0, len(themes), CHUNK)]
    return [_part(chunk, standards, word, title, row, last=k == len(chunks) - 1) for k, chunk in enumerate(chunks)]


def _part(
    themes: Sequence[ThemeComparison],
    standards: Sequence[tuple[str, str]],
    word: Word,
    title: Callable[[Any], str],
    row: int,
    last: bool,
) -> str:
    size = 9
    column = (WIDTH - LABEL) / max(len(standards), 1)
    bar = column - 44
    head = 16
    height = head + len(themes) * row + (24 if last else 2)
    name = escape(word("chart.themes_title"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{name}" class="chart themes"><title>{name}</title>'
    ]
    for k, (_, standard) in enumerate(standards):
        x = LABEL + k * column + bar / 2
        parts.append(
            svg_text(x, 11, fit_text(standard, column - 4, size), anchor="middle", size=size, extra=' font-weight="600"')
        )
    for n, theme in enumerate(themes):
        y = head + n * row
        if n % 2:
            parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{row}" fill="#f6f7f9"/>')
        parts.append(
            svg_text(LABEL - 8, y + row / 2 + 3, fit_text(title(theme.title), LABEL - 10, size), anchor="end", size=size)
        )
        found = {s.pack: s for s in theme.statuses}
        for k, (pack_id, _) in enumerate(standards):
            x = LABEL + k * column
            counts = found.get(pack_id)
            if counts is None or not counts.clauses:
                parts.append(svg_text(x + bar / 2, y + row / 2 + 3, "—", anchor="middle", size=size, extra=' fill="#888"'))
                continue
            parts.append(_cell(counts, x, y + (row - 10) / 2, bar, theme.id, word))
            parts.append(svg_text(x + bar + 4, y + row / 2 + 3, f"{counts.met}/{counts.clauses}", size=size))
    if last:
        left = float(LABEL)
        for _, status in SEGMENTS:
            key = word("status.other" if status == "not_assessed" else "status." + status)
            parts.append(f'<rect x="{left:.1f}" y="{height - 15}" width="10" height="10" rx="2" fill="{STATUS_FILL[status]}"/>')
            parts.append(svg_text(left + 14, height - 6, key, size=size))
            left += 26 + sum(10 if ord(ch) > 0x2E80 else 5.2 for ch in key)
    parts.append("</svg>")
    return "".join(parts)


def _cell(counts: PackStatuses, x: float, y: float, width: float, theme: str, word: Word) -> str:
    """One standard's clauses in one theme: a bar split by status, with a tooltip of the counts."""
    out = [f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="10" fill="#eef1f5"/>']
    at = x
    tip = []
    for field, status in SEGMENTS:
        count = int(getattr(counts, field))
        if not count:
            continue
        span = width * count / counts.clauses
        out.append(f'<rect x="{at:.1f}" y="{y:.1f}" width="{span:.1f}" height="10" fill="{STATUS_FILL[status]}"/>')
        at += span
        tip.append(f"{word('status.other' if status == 'not_assessed' else 'status.' + status)} {count}")
    label = f"<title>{escape(theme)} {escape(counts.pack)}: {escape(', '.join(tip))}</title>"
    return f"<g>{label}{''.join(out)}</g>"
