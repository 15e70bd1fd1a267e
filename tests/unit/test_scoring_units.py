"""A model that finds every scoring unit of a board, or adds up their figures, in one pass finds
what asking it for each clause's unit, and adding up each unit's tally, finds, in the same order
(the planner's figures start from them)."""

from __future__ import annotations

import pytest

from ccom_rules import load_manifest
from ccom_rules.model.manifest import Finding, Manifest
from ccom_rules.planner.state import PlanState
from ccom_rules.scoring.base import ScoringModel

from ..conftest import EXAMPLES, real_packs


def _stricter(manifest: Manifest) -> Manifest:
    return manifest.model_copy(update={"assessment": manifest.assessment.model_copy(update={"precedence": "stricter"})})


def _rated_by_assessor(manifest: Manifest) -> Manifest:
    """``manifest`` with an assessor's C and F ratings recorded for the first few cc_cmm items,
    above and below what their evidence gives."""
    pack = next(p for p in real_packs() if p.id == "cc_cmm")
    leaves = [p.clause.id for p in pack.index.clauses.values() if not p.clause.children and p.clause.checkpoints][:6]
    rated = tuple(
        Finding.model_validate({"pack": "cc_cmm", "target": cid, "c_rate": (10, 5, 0)[i % 3], "f_rate": (0, 10, 5)[i % 3]})
        for i, cid in enumerate(leaves)
    )
    kept = tuple(f for f in manifest.findings if not (f.pack == "cc_cmm" and f.target in leaves))
    return manifest.model_copy(update={"findings": kept + rated})


@pytest.mark.parametrize("example", ["harbour-bank", "jade-river-health", "summit-outsourcing"])
@pytest.mark.parametrize("variant", ["as-given", "stricter", "rated", "rated-stricter"])
def test_units_and_figures_found_in_one_pass_equal_those_found_one_by_one(example: str, variant: str) -> None:
    packs = real_packs()
    manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
    if "rated" in variant:
        manifest = _rated_by_assessor(manifest)
    if "stricter" in variant:
        manifest = _stricter(manifest)
    plan = PlanState(packs, manifest)
    for pack in packs:
        board = plan.board(pack.id)
        one_by_one = ScoringModel.units(pack.scoring, board)  # the default: unit() of each clause
        found = pack.scoring.units(board)
        assert list(found.items()) == list(one_by_one.items()), pack.id
        assert found, pack.id
        added = ScoringModel.figures(pack.scoring, pack.index, found)  # the default: tally() of each, added up
        assert list(pack.scoring.figures(pack.index, found).items()) == list(added.items()), pack.id
    if "rated" in variant:
        assessor = [u for u in plan.scored("cc_cmm").units.values() if "assessor" in (u[1], u[3])]
        assert assessor, "no rating recorded by the assessor was read"
