"""Candidate actions, and what each adds to the manifest."""

from __future__ import annotations

from typing import Any

from ..model.gaps import ActionKind
from ..model.manifest import Finding
from ..predicates import AssessorCheck, CertifiedPeople, Patch, Predicate
from . import keys
from .keys import ActionKey, AssessorKey, EvidenceKey, PeopleKey
from .reads import Read
from .pack_state import PackState
from .state import PlanState
from ..records import record

DONE = ("met", "not_applicable")
CONFIRM = "met after remediation, to be confirmed by the assessor"


@record
class Built:
    """An action ready to simulate: its kind, the evidence and people it adds, the findings it records."""

    kind: ActionKind
    patch: Patch
    findings: tuple[Finding, ...]


def leaf_candidates(leaf: Predicate, pack_id: str, cp_id: str | None) -> set[ActionKey]:
    """The actions that could satisfy one leaf of a checkpoint's (or, ``cp_id`` None, a condition's) evidence."""
    if isinstance(leaf, CertifiedPeople):
        return {keys.people(leaf.scheme)}
    if isinstance(leaf, AssessorCheck):
        return {keys.assessor(pack_id, cp_id)} if cp_id else set()
    return {keys.evidence(t) for t in leaf.evidence_types()}


def _patch_for(plan: PlanState, only: str, people: bool, reads: set[Read]) -> Patch:
    """Everything that adding ``only`` (an evidence type, or a people scheme) needs, in every pack."""
    total = Patch()
    remedy_for = f"people:{only}" if people else only
    for state in plan.states.values():
        pack = state.pack
        wanted = state.fixed.people_checkpoints if people else state.fixed.by_type.get(only, ())
        targets: list[Predicate] = []
        for cp_id in wanted:
            reads |= state.fixed.reads_of("cp", cp_id)
            res = state.checkpoints[cp_id]
            if res.status not in DONE and res.decided_by != "assessor" and _answers(state, "cp", cp_id, remedy_for):
                targets.append(pack.index.checkpoints[cp_id][0].evidence)
        for cond, pred in pack.scoring.conditions().items():
            reads |= state.fixed.reads_of("condition", cond)
            if not state.held[cond] and _answers(state, "condition", cond, remedy_for):
                targets.append(pred)
        for pred in targets:
            patch = plan.memo.remedy(pred, plan.facts, remedy_for, total)  # with ``total`` added
            if not patch.empty:
                total = _joined(total, patch)
    return total


def _joined(total: Patch, patch: Patch) -> Patch:
    """``total`` and ``patch``'s evidence and people, each planned person once: a certificate is
    issued when its course ends, so the people one remedy plans do not count yet for the next
    remedy asking for the same scheme, which plans the very same people again."""
    people = patch.people
    if people and total.people:
        known = set(total.people)
        people = tuple(p for p in people if p not in known)
    return total + Patch(patch.evidence, people)


def _answers(state: PackState, kind: str, ident: str, remedy_for: str) -> bool:
    """Whether the remedy of a checkpoint's evidence or a condition can add anything for
    ``remedy_for`` (when not, it would return an empty patch: it is not asked)."""
    keys = state.fixed.remedies.get((kind, ident))
    return keys is None or remedy_for in keys


def build(plan: PlanState, key: ActionKey, reads: set[Read] | None = None) -> Built | None:
    """What taking ``key`` adds, or None when it would add nothing; what it read of the plan's
    state is added to ``reads``, when given (see :mod:`.reads`)."""
    if reads is None:
        reads = set()
    if isinstance(key, EvidenceKey):
        patch = _patch_for(plan, key.type, False, reads)
        return Built("provide_evidence", patch, ()) if not patch.empty else None
    if isinstance(key, PeopleKey):
        patch = _patch_for(plan, key.scheme, True, reads)
        return Built("certify_people", patch, ()) if not patch.empty else None
    pack_id, target = key.pack, key.target
    reads.add(("f", pack_id, target))
    old = plan.findings.get((pack_id, target))
    fields: dict[str, Any] = old.model_dump() if old else {"pack": pack_id, "target": target}
    kind: ActionKind
    if isinstance(key, AssessorKey):
        fields.update(status="met", note=CONFIRM)
        kind, aspect = "assessor_finding", None
    else:
        raised = plan.packs[pack_id].scoring.raised(key)
        fields.update(raised.fields)
        kind, aspect = raised.kind, raised.aspect
    finding = Finding.model_validate(fields)
    if plan.manifest.assessment.precedence != "stricter":
        return Built(kind, Patch(), (finding,))
    # Under the stricter precedence a finding can only lower a result: raising it helps only
    # together with the evidence that the checkpoints beneath it still lack.
    patch, more = _backing(plan, pack_id, target, aspect, reads)
    return Built(kind, patch, (finding, *more))


def _backing(plan: PlanState, pack_id: str, target: str, aspect: str | None, reads: set[Read]) -> tuple[Patch, list[Finding]]:
    """The evidence, and the checkpoint findings raised to met, that every unmet checkpoint
    under ``target`` (of ``aspect``, if given) needs to be met."""
    state = plan.states[pack_id]
    index = state.pack.index
    if target in index.checkpoints:
        wanted = [index.checkpoints[target][0]]
    else:
        stack, wanted = [index.clauses[target].clause], []
        while stack:
            clause = stack.pop()
            wanted += [cp for cp in clause.checkpoints if aspect is None or cp.aspect == aspect]
            stack += clause.children
    total, findings = Patch(), []
    for cp in wanted:
        reads |= state.fixed.reads_of("cp", cp.id)  # its result, its finding, the facts its remedy reads
        if state.checkpoints[cp.id].status in DONE:
            continue
        patch = plan.memo.remedy(cp.evidence, plan.facts, None, total)
        total = _joined(total, patch)
        if cp.id == target:  # its own finding is the one being raised
            continue
        old = plan.findings.get((pack_id, cp.id))
        if patch.assessor or (old is not None and old.status not in (None, "met")):
            fields: dict[str, Any] = old.model_dump() if old else {"pack": pack_id, "target": cp.id}
            fields.update(status="met", note=CONFIRM)
            findings.append(Finding.model_validate(fields))
    return total, findings
