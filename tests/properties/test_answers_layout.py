"""A manifest's findings and declarations laid out for the engine (``ccom_rules.answers``) are the
same whichever way they are laid out: the bare layout with findings put in place, or the walk."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from ccom_rules.answers import Answers
from ccom_rules.compiled import compiled, pack_run
from ccom_rules.model.manifest import Manifest

from .test_laws import LAWS, ORDER_EXAMPLE, PACKS, manifests


def _walked(run: Any, manifest: Manifest) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Each checkpoint's and clause's declaration or finding, checkpoint by checkpoint."""
    findings = {f.target: f for f in manifest.findings if f.pack == run.pack_id}
    declared = {d.target: d.reason for d in manifest.not_applicable if d.pack == run.pack_id}
    waived: dict[str, str] = {}
    for cid, parent in run.parents:
        if cid in declared:
            waived[cid] = declared[cid]
        elif parent is not None and parent in waived:
            waived[cid] = waived[parent]
    checkpoints = tuple(
        (cp_id, aspect, key, ev, _either(declared.get(cp_id, waived.get(clause)), findings.get(cp_id)))
        for cp_id, aspect, clause, key, ev in run.checkpoints
    )
    states = tuple((cid, pick, ch, by, _either(waived.get(cid), findings.get(cid))) for cid, pick, ch, by in run.states)
    return checkpoints, states


def _either(first: Any, second: Any) -> Any:
    return second if first is None else first


@LAWS
@given(manifests())
def test_the_layout_is_the_walk(data: dict[str, Any]) -> None:
    manifest = Manifest.model_validate(data)
    for pack in PACKS:
        run = pack_run(compiled(pack))
        laid = Answers.of(run, manifest)
        assert (laid.checkpoints, laid.states) == _walked(run, manifest)


def test_findings_without_declarations_take_the_bare_layout() -> None:
    pack = PACKS[0]
    run = pack_run(compiled(pack))
    cp, clause = run.checkpoints[0][0], run.states[-1][0]
    findings = [{"pack": pack.id, "target": cp, "status": "met"}, {"pack": pack.id, "target": clause, "status": "not_met"}]
    data = {**ORDER_EXAMPLE, "findings": findings}
    manifest = Manifest.model_validate(data)
    laid = Answers.of(run, manifest)
    assert (laid.checkpoints, laid.states) == _walked(run, manifest)
    assert [c[4].status for c in laid.checkpoints if c[4] is not None] == ["met"]
    assert [s[4].status for s in laid.states if s[4] is not None] == ["not_met"]
