"""What a manifest says of one pack besides its evidence: the assessor's findings on its clauses
and checkpoints, and the clauses declared not applicable.

Both depend only on the (frozen) manifest and the compiled pack, so they are worked out once per
pair and kept beside the manifest (a side table per compiled pack, dropped with either): the
engine reads them on every evaluation, and they never change. What the evidence says (predicate
outcomes) is worked out on every evaluation, never kept here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

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
    states: tuple[tuple[str, Pick, tuple[str, ...], bool, Special], ...]
    """Each clause, children first: (id, its checkpoints' picker, children ids, whether the children
    decide it, :data:`Special`)."""
    said: dict[str, Msg]
    """The reason each finding with a status gives (:func:`assessor_said`), by target id."""

    @classmethod
    def of(cls, run: PackRun, manifest: Manifest) -> Answers:
        pack_id = run.pack_id
        findings = {f.target: f for f in manifest.findings if f.pack == pack_id}
        declared = {d.target: d.reason for d in manifest.not_applicable if d.pack == pack_id}
        waived: dict[str, str] = {}
        if declared:
            for cid, parent in run.parents:
                if cid in declared:
                    waived[cid] = declared[cid]
                elif parent is not None and parent in waived:
                    waived[cid] = waived[parent]
        checkpoints = []
        for cp_id, aspect, clause_id, key, evaluate in run.checkpoints:
            special: Special = declared.get(cp_id, waived.get(clause_id))
            if special is None:
                special = findings.get(cp_id)
            checkpoints.append((cp_id, aspect, key, evaluate, special))
        states = []
        for cid, pick, children, by_children in run.states:
            special = waived.get(cid)
            states.append((cid, pick, children, by_children, findings.get(cid) if special is None else special))
        said = {t: assessor_said(f.note, f.status) for t, f in findings.items() if f.status is not None}
        return cls(findings, declared, waived, tuple(checkpoints), tuple(states), said)


_ANSWERS = SideTable()


def answers(run: PackRun, manifest: Manifest) -> Answers:
    """The :class:`Answers` of ``manifest`` for ``run``'s pack, worked out once per pair."""
    per_manifest: SideTable = _ANSWERS.get(run, SideTable)
    found: Answers = per_manifest.get(manifest, lambda: Answers.of(run, manifest))
    return found
