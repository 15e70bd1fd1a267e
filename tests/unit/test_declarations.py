"""Not-applicable declarations: one naming a checkpoint takes that checkpoint out, also when nothing
else of its pack is declared; one naming a clause takes out the clause, its checkpoints and its
children."""

from __future__ import annotations

from ccom_rules import Manifest, evaluate, load_manifest
from ccom_rules.model.result import PackResult

from tests.conftest import EXAMPLES, real_packs

CCOM = "ccom_sj_t_11739"


def _declaring(target: str) -> tuple[Manifest, PackResult]:
    """harbour-bank's manifest with its CCOM declarations replaced by one naming ``target``."""
    packs = [p for p in real_packs() if p.id == CCOM]
    data = load_manifest(EXAMPLES / "harbour-bank" / "manifest.yaml", packs).model_dump()
    data["not_applicable"] = [d for d in data["not_applicable"] if d["pack"] != CCOM]
    data["not_applicable"].append({"pack": CCOM, "target": target, "reason": "outsourced"})
    manifest = Manifest.model_validate(data)
    return manifest, evaluate(packs, manifest).pack(CCOM)


def test_a_checkpoint_declared_alone_is_not_applicable() -> None:
    pack = next(p for p in real_packs() if p.id == CCOM)
    cp_id, (_, clause_id) = next(iter(pack.index.checkpoints.items()))
    _, result = _declaring(cp_id)
    clause = next(c for c in result.clauses if c.id == clause_id)
    checkpoint = next(cp for cp in clause.checkpoints if cp.id == cp_id)
    assert (checkpoint.status, checkpoint.decided_by) == ("not_applicable", "declaration")
    assert checkpoint.reasons == ("not applicable: outsourced",)
    others = [cp for cp in clause.checkpoints if cp.id != cp_id]
    assert all(cp.decided_by != "declaration" for cp in others)


def test_a_clause_declared_takes_its_checkpoints_and_children() -> None:
    pack = next(p for p in real_packs() if p.id == CCOM)
    parent = next(cid for cid in pack.index.order if pack.index.clauses[cid].clause.children)
    _, result = _declaring(parent)
    below = {parent}
    for cid in pack.index.order:  # parents come before their children
        if pack.index.clauses[cid].parent in below:
            below.add(cid)
    under = {c.id: c for c in result.clauses if c.id in below}
    assert len(under) == len(below) > 1
    for clause in under.values():
        assert (clause.status, clause.decided_by, clause.note) == ("not_applicable", "declaration", "outsourced")
        assert all(cp.status == "not_applicable" for cp in clause.checkpoints)
