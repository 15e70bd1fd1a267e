"""Gap tracing on the fixture packs: root or blocked, chains, and blast radius across packs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ccom_rules import load_manifest, trace_gaps
from ccom_rules.gaps import missing_types
from ccom_rules.model.manifest import Manifest
from ccom_rules.predicates import AllOf, AnyOf, Facts, Present

from ..conftest import CASES, fixture_pack

GAP_CASES = sorted(p for p in (CASES / "gaps").iterdir() if (p / "manifest.yaml").is_file())


@pytest.mark.parametrize("case", GAP_CASES, ids=[p.name for p in GAP_CASES])
def test_gap_case(case: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    packs = [fixture_pack(name) for name in expected["packs"]]
    report = trace_gaps(packs, load_manifest(case / "manifest.yaml", packs))
    assert [f"{g.pack}:{g.clause}" for g in report.roots] == expected["roots"]
    assert all(g.kind == "root" for g in report.roots)
    blocked = {f"{g.pack}:{g.clause}": g for g in report.blocked}
    assert set(blocked) == set(expected["blocked"])
    for key, want in expected["blocked"].items():
        assert list(blocked[key].blocked_by) == want["blocked_by"]
        assert [list(c) for c in blocked[key].chains] == want["chains"]
    evidence = {g.type: g for g in report.evidence}
    for etype, want in expected["evidence"].items():
        gap = evidence[etype]
        assert gap.state == want["state"]
        assert {i.pack: list(i.checkpoints) for i in gap.impact} == want["checkpoints"]
        for pack, points in want.get("points", {}).items():
            assert next(i.points for i in gap.impact if i.pack == pack) == points
    if "first_evidence" in expected:
        assert report.evidence[0].type == expected["first_evidence"]


def _manifest(**extra: object) -> Manifest:
    return Manifest.model_validate(
        {
            "organisation": {
                "name": "Gap Centre",
                "sourcing": "in_house",
                "industry": "x",
                "operations_began": "2019-01-01",
                "seats": 5,
            },
            "assessment": {"date": "2026-06-30"},
            **extra,
        }
    )


def test_an_item_rated_in_full_by_the_assessor_is_no_gap() -> None:
    """Ratings decide a maturity item: one rated 10/10 holds nothing back, even without evidence."""
    packs = [fixture_pack("mini_levels")]
    manifest = _manifest(
        findings=[
            {"pack": "mini_levels", "target": "1", "c_rate": 10, "f_rate": 10},
            {"pack": "mini_levels", "target": "2", "c_rate": 10, "f_rate": 5},
        ]
    )
    report = trace_gaps(packs, manifest)
    roots = [g.clause for g in report.roots]
    assert "1" not in roots and "2" in roots
    assert "method_doc_1" not in {g.type for g in report.evidence}


def test_blast_radius_names_only_the_parts_that_fail() -> None:
    """In an all-of, the part that already holds is not missing evidence."""
    both = AllOf(of=[Present(type="strategic_plan"), Present(type="kpi_definitions")])
    facts = Facts.of(_manifest(evidence=[{"id": "s", "type": "strategic_plan", "title": "Plan", "date": "2026-01-01"}]))
    assert missing_types(both, facts) == {"kpi_definitions"}
    assert missing_types(AnyOf(of=both.of), Facts.of(_manifest())) == {"strategic_plan", "kpi_definitions"}


def test_mermaid_labels_show_titles_as_written_never_as_markup() -> None:
    """Labels are drawn as HTML: a title's markup, quotes and entity codes are given as Mermaid's
    codes, so the drawing shows the text a pack wrote and no tag from it reaches the page."""
    import networkx as nx

    from ccom_rules.report.graphs import to_mermaid

    graph: nx.DiGraph[str] = nx.DiGraph()
    title = 'Drills <img src=x onerror=alert(1)> & "tests" #quot; done'
    graph.add_node("p:1", kind="clause", pack="p", id="1", title_en=title, status="not_met")
    graph.add_node("e:t", kind="evidence", id="t", title_en="<b>plan</b>")
    graph.add_edge("p:1", "e:t", kind="needs")
    text = to_mermaid(graph)
    assert "<img" not in text and "<b>" not in text and "&" not in text
    label = "Drills #60;img src=x onerror=alert(1)#62; #38; #quot;tests#quot; #35;quot; done"
    assert f'  n1("p 1<br/>{label}<br/>(not met)")' in text
    assert '  n0>"#60;b#62;plan#60;/b#62;<br/>[t]"]' in text
