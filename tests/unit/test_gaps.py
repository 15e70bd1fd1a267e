"""Gap tracing on the fixture packs: root or blocked, chains, and blast radius across packs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ccom_rules import load_manifest, trace_gaps

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
