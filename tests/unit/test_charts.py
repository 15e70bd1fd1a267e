"""Charts read their numbers from the result and the pack's scoring model, never from constants."""

from __future__ import annotations

import re

from ccom_rules import evaluate, load_manifest
from ccom_rules.report import charts
from ccom_rules.scoring import MaturityLevels, WeightedBands
from tests.conftest import EXAMPLES, real_packs


def _word(msg_id: str, **params: object) -> str:
    return msg_id + "".join(f" {v}" for v in params.values())


def _title(text: object) -> str:
    return str(text)


def _result(name: str):  # type: ignore[no-untyped-def]
    packs = list(real_packs())
    return packs, evaluate(packs, load_manifest(EXAMPLES / name / "manifest.yaml", packs))


def _tick_labels(svg: str) -> list[str]:
    return re.findall(r'font-size="9" text-anchor="middle"[^>]*>([^<]+)<', svg)


def test_maturity_chart_draws_each_levels_threshold_from_the_pack() -> None:
    packs, result = _result("harbour-bank")
    pack = next(p for p in packs if p.id == "cc_cmm")
    scoring = pack.scoring
    assert isinstance(scoring, MaturityLevels)
    outcome = result.pack("cc_cmm").outcome
    svg = charts.maturity_chart(scoring, outcome, _word)  # type: ignore[arg-type]
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "chart.c_share 1.0–4.0" in svg and "chart.f_share 5.0" in svg and "chart.total" in svg
    assert f">{outcome.total}<" in svg and f">{outcome.core.c_percent:g} %<" in svg  # type: ignore[union-attr]
    before = _tick_labels(svg)
    # Move L1's core C threshold: the chart moves its line, nothing else is drawn from constants.
    levels = list(scoring.levels)
    levels[0] = levels[0].model_copy(update={"core_c_percent": 50})
    moved = charts.maturity_chart(scoring.model_copy(update={"levels": tuple(levels)}), outcome, _word)  # type: ignore[arg-type]
    assert moved != svg and _tick_labels(moved).count("L1") == before.count("L1")


def test_bands_chart_draws_the_band_lines_and_each_category_against_its_points() -> None:
    packs, result = _result("jade-river-health")
    pack = next(p for p in packs if p.id == "cccs_op_2003")
    assert isinstance(pack.scoring, WeightedBands)
    outcome = result.pack("cccs_op_2003").outcome
    svg = charts.bands_chart(pack.scoring, outcome, _word, _title)  # type: ignore[arg-type]
    lowest = sorted(b.min for b in pack.scoring.bands)[1:]
    assert _tick_labels(svg) == [str(m) for m in lowest]
    for cat in outcome.categories:  # type: ignore[union-attr]
        assert f"{cat.score:.1f} / {cat.points:g}" in svg
    assert f"{outcome.score} / {outcome.max_total}" in svg  # type: ignore[union-attr]


def test_status_grid_draws_one_square_per_clause_with_checkpoints() -> None:
    packs, result = _result("jade-river-health")
    pack = next(p for p in packs if p.id == "ccom_sj_t_11739")
    clauses = result.pack(pack.id).clauses
    svg = charts.status_grid(pack, clauses, _word, _title)
    squares = re.findall(r'<rect [^>]*width="14"[^>]*fill="([^"]+)"><title>([^<]*)</title>', svg)
    scored = [c for c in clauses if pack.index.clauses[c.id].clause.checkpoints]
    assert len(squares) == len(scored)
    assert sum(1 for fill, _ in squares if fill == charts.STATUS_FILL["not_met"]) == sum(
        1 for c in scored if c.status == "not_met"
    )
    assert all("status." in tip for _, tip in squares)


def test_chart_text_is_escaped() -> None:
    bar = charts.Bar("<b>&", 1, 2, "1 < 2")
    svg = charts.bar_chart([bar], 'title "quoted" <x>')
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg and "1 &lt; 2" in svg and "&quot;quoted&quot;" in svg


def test_theme_chart_shows_each_themes_statuses_in_each_standard(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The report charts the crosswalk themes: a row per theme, and in each standard's column the
    count of the theme's clauses met, as ``compare`` counts them."""
    from ccom_rules import compare
    from ccom_rules.crosswalk.load import load_crosswalks
    from ccom_rules.report.theme_chart import CHUNK, theme_chart
    from click.testing import CliRunner

    from ccom_rules.cli import main

    packs, result = _result("harbour-bank")
    manifest = load_manifest(EXAMPLES / "harbour-bank" / "manifest.yaml", packs)
    themes = compare(packs, manifest, load_crosswalks(None, packs), result).themes
    assert len(themes) > CHUNK  # drawn in parts, so print can break between them
    standards = [(p.id, p.standard) for p in packs]
    parts = theme_chart(themes, standards, _word, lambda text: text.en)  # type: ignore[union-attr]
    assert len(parts) == -(-len(themes) // CHUNK)
    drawn = "".join(parts)
    for theme in themes:
        assert f">{theme.title.en[:20]}" in drawn  # type: ignore[union-attr]
    counts = re.findall(r">(\d+)/(\d+)</text>", drawn)
    expected = [
        (str(s.met), str(s.clauses)) for t in themes for p, _ in standards for s in t.statuses if s.pack == p and s.clauses
    ]
    assert counts == expected
    assert "chart.themes_title" in parts[0] and "status.other" in parts[-1] and "status.other" not in parts[0]

    page = tmp_path / "report.html"
    out = CliRunner().invoke(main, ["report", str(EXAMPLES / "harbour-bank" / "manifest.yaml"), "--out", str(page)])
    assert out.exit_code == 0, out.output
    html = page.read_text(encoding="utf-8")
    assert 'id="themes"' in html and 'href="#themes"' in html and html.count('class="chart themes"') == len(parts)
    plain = tmp_path / "one-standard.html"  # no crosswalk joins a single pack: no themes chart
    args = ["report", str(EXAMPLES / "harbour-bank" / "manifest.yaml"), "--pack", "cc_cmm", "--out", str(plain)]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    assert 'class="chart themes"' not in plain.read_text(encoding="utf-8")
