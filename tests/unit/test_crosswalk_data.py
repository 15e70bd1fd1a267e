"""The bundled crosswalk data (clause_packs/crosswalks/): consistent with the packs it joins,
independently of the crosswalk loader, and its README coverage table up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccom_rules.model.pack import ClausePack

from ..conftest import ROOT, real_packs

FOLDER = ROOT / "clause_packs" / "crosswalks"
PAIRS = sorted(FOLDER.glob("*--*.yaml"))
RELATIONS = {"equivalent", "subset", "superset", "intersects"}
INVERSE = {"equivalent": "equivalent", "subset": "superset", "superset": "subset", "intersects": "intersects"}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _packs() -> dict[str, ClausePack]:
    return {p.id: p for p in real_packs()}


def _bilingual(text: Any) -> bool:
    return isinstance(text, dict) and set(text) == {"en", "zh"} and all(isinstance(v, str) and v.strip() for v in text.values())


def test_three_pair_files_one_per_pair_of_packs() -> None:
    assert [p.stem for p in PAIRS] == ["cc_cmm--cccs_op_2003", "ccom_sj_t_11739--cc_cmm", "ccom_sj_t_11739--cccs_op_2003"]


def test_themes_are_unique_and_bilingual() -> None:
    themes = _load(FOLDER / "themes.yaml")["themes"]
    ids = [t["id"] for t in themes]
    assert len(ids) == len(set(ids)) and 15 <= len(ids) <= 30
    assert all(_bilingual(t["title"]) and _bilingual(t["description"]) for t in themes)


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_pair_file_agrees_with_the_packs(path: Path) -> None:
    cw = _load(path)
    packs = _packs()
    themes = {t["id"] for t in _load(FOLDER / "themes.yaml")["themes"]}
    used_themes = set()
    assert cw["id"] == path.stem
    sides = {}
    for side in ("left", "right"):
        pin = cw["packs"][side]
        pack = packs[pin["id"]]
        assert pin["version"] == ".".join(pack.version.split(".")[:2]), f"{pin['id']} is {pack.version}"
        sides[side] = pack
    seen: set[tuple[str, str]] = set()
    for m in cw["mappings"]:
        key = (m["left"], m["right"])
        assert key not in seen, f"{key} mapped twice"
        seen.add(key)
        for side in ("left", "right"):
            assert isinstance(m[side], str) and m[side] in sides[side].index.clauses, (side, m[side])
            assert sides[side].index.clauses[m[side]].clause.checkpoints, f"{m[side]} is not an assessed clause"
        assert m["relation"] in RELATIONS and m["confidence"] in {"high", "medium", "low"}
        assert m["theme"] in themes, m["theme"]
        used_themes.add(m["theme"])
        assert _bilingual(m["rationale"]), key
        assert len(m["provenance"]) == 1 and set(m["provenance"]) <= {"source", "authored"}
    for side in ("left", "right"):
        index = sides[side].index
        assessed = {c for c in index.order if index.clauses[c].clause.checkpoints}
        mapped = {m[side] for m in cw["mappings"]}
        listed = [e["clause"] for e in cw["unmapped"][side]]
        assert len(listed) == len(set(listed)), f"{side}: a clause listed twice"
        assert not mapped & set(listed), f"{side}: both mapped and unmapped: {sorted(mapped & set(listed))}"
        assert set(listed) <= assessed
        assert sorted(assessed - mapped - set(listed)) == [], f"{side}: neither mapped nor unmapped"
        assert all(_bilingual(e["reason"]) for e in cw["unmapped"][side])


def test_no_pair_is_mapped_two_ways_with_relations_that_disagree() -> None:
    relations: dict[tuple[str, str, str, str], str] = {}
    for path in PAIRS:
        cw = _load(path)
        left, right = cw["packs"]["left"]["id"], cw["packs"]["right"]["id"]
        for m in cw["mappings"]:
            relations[(left, m["left"], right, m["right"])] = m["relation"]
    for (a, x, b, y), rel in relations.items():
        back = relations.get((b, y, a, x))
        assert back is None or back == INVERSE[rel], (a, x, b, y)


def test_the_emergency_clauses_meet_across_all_three_standards() -> None:
    """CCOM 6.7.1-6.7.2, CC-CMM items 20-24 and CCCS-OP 5.7 are one theme."""
    found: set[tuple[str, str]] = set()
    for path in PAIRS:
        cw = _load(path)
        for m in cw["mappings"]:
            if m["theme"] == "emergency_management":
                found |= {(cw["packs"]["left"]["id"], m["left"]), (cw["packs"]["right"]["id"], m["right"])}
    expected = {("ccom_sj_t_11739", "6.7.1"), ("ccom_sj_t_11739", "6.7.2"), ("cccs_op_2003", "5.7")}
    expected |= {("cc_cmm", str(i)) for i in range(20, 25)}
    assert expected <= found


def test_readme_coverage_table_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("crosswalk_coverage", FOLDER / "coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run python clause_packs/crosswalks/coverage.py --write"
