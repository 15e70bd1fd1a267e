"""What a manifest says of one pack besides its evidence: the assessor's findings on its clauses
and checkpoints, and the clauses declared not applicable.

Both depend only on the (frozen) manifest and the compiled pack, so they are worked out once per
pair and kept beside the manifest (a side table per compiled pack, dropped with either): the
engine reads them on every evaluation, and they never change. What the evidence says (predicate
outcomes) is worked out on every evaluation, never kept here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from .i18n import Msg
from .model.manifest import Finding, Manifest
from .sidetable import SideTable
from .records import record

if TYPE_CHECKING:
    from .compiled import PackRun, Pick
    from .predicates.run import Run

Special = Union[str, Finding, None]
"""How a checkpoint or clause departs from its evidence: declared not applicable (the reason, a
``str``), carries the assessor's finding (the :class:`Finding`), or neither (None)."""


def assessor_said(note: str, status: str | None) -> Msg:
    """The reason an assessor's finding gives: its note, or else its status."""
    return Msg("reason.assessor", note=note) if note else Msg("reason.assessor", note=Msg(f"finding.{status}"))


@record
class Answers:
    """A manifest's findings and declarations for one compiled pack, laid out for the engine."""

    findings: dict[str, Finding]
    """This pack's findings by target id (checkpoints and clauses alike)."""
    declared: dict[str, str]
    """Not-applicable declarations of this pack, by target as declared."""
    waived: dict[str, str]
    """The reason each clause is not applicable (declared, or a declared ancestor's)."""
    checkpoints: tuple[tuple[str, str | None, str, Run, Special], ...]
    """Each checkpoint of the pack in index order: (id, aspect, predicate key, predicate function,
    :data:`Special`)."""
    states: tuple[tuple[str, Pick, Pick | None, bool, Special], ...]
    """Each clause, children first: (id, its checkpoints' picker, its children's picker (None: it has
    none), whether the children decide it, :data:`Special`)."""
    said: dict[str, Msg]
    """The reason each finding with a status gives (:func:`assessor_said`), by target id."""

    @classmethod
    def of(cls, run: PackRun, manifest: Manifest) -> Answers:
        pack_id = run.pack_id
        findings = {f.target: f for f in manifest.findings if f.pack == pack_id}
        declared = {d.target: d.reason for d in manifest.not_applicable if d.pack == pack_id}
        waived: dict[str, str] = {}
        said = {t: assessor_said(f.note, f.status) for t, f in findings.items() if f.status is not None}
        if not declared:  # the common case: the bare layout, with each finding put in its place
            bare = _BARE.get(run, lambda: Bare.of(run))
            checkpoints, states = bare.checkpoints, bare.states
            if findings:
                checkpoints, states = bare.with_findings(findings)
            return cls(findings, declared, waived, checkpoints, states, said)
        for cid, parent in run.parents:
            if cid in declared:
                waived[cid] = declared[cid]
            elif parent is not None and parent in waived:
                waived[cid] = waived[parent]
        laid = []
        for cp_id, aspect, clause_id, key, evaluate in run.checkpoints:
            special: Special = declared.get(cp_id, waived.get(clause_id))
            if special is None:
                special = findings.get(cp_id)
            laid.append((cp_id, aspect, key, evaluate, special))
        parts = []
        for cid, pick, children, by_children in run.states:
            special = waived.get(cid)
            parts.append((cid, pick, children, by_children, findings.get(cid) if special is None else special))
        return cls(findings, declared, waived, tuple(laid), tuple(parts), said)


@record
class Bare:
    """A compiled pack's layout for a manifest that says nothing of it (no finding, no
    declaration), made once per pack; and where each checkpoint and clause stands in it."""

    checkpoints: tuple[tuple[str, str | None, str, Run, Special], ...]
    states: tuple[tuple[str, Pick, Pick | None, bool, Special], ...]
    checkpoint_at: dict[str, int]
    state_at: dict[str, int]

    @classmethod
    def of(cls, run: PackRun) -> Bare:
        checkpoints = tuple((cp_id, aspect, key, evaluate, None) for cp_id, aspect, _, key, evaluate in run.checkpoints)
        states = tuple((cid, pick, children, by_children, None) for cid, pick, children, by_children in run.states)
        checkpoint_at = {entry[0]: i for i, entry in enumerate(checkpoints)}  # ids are unique in a pack (E006)
        state_at = {entry[0]: i for i, entry in enumerate(states)}
        return cls(checkpoints, states, checkpoint_at, state_at)

    def with_findings(self, findings: dict[str, Finding]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The layout with each finding on its target, checkpoint or clause (or both, when a
        checkpoint has a clause's id)."""
        checkpoints, states = list(self.checkpoints), list(self.states)
        for target, finding in findings.items():
            at = self.checkpoint_at.get(target)
            if at is not None:
                checkpoints[at] = (*checkpoints[at][:4], finding)
            at = self.state_at.get(target)
            if at is not None:
                states[at] = (*states[at][:4], finding)
        return tuple(checkpoints), tuple(states)


_ANSWERS = SideTable()
_BARE = SideTable()


def answers(run: PackRun, manifest: Manifest) -> Answers:
    """The :class:`Answers` of ``manifest`` for ``run``'s pack, worked out once per pair."""
    per_manifest: SideTable = _ANSWERS.get(run, SideTable)
    found: Answers = per_manifest.get(manifest, lambda: Answers.of(run, manifest))
    return found
