"""What a pack fixes for the planner: which checkpoints read which evidence, what each predicate
reads and answers to. Made once per pack object and shared by every plan state of it."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ..compiled import compiled
from ..sidetable import SideTable
from ..model.pack import ClausePack
from ..predicates import Predicate
from .predicates import leaves, needs_people, remedy_keys
from .reads import Read, fact_reads
from ..records import record

PEOPLE = "people:"
"""Stands for certified people among the things a condition reads (no evidence type has a colon)."""


def read_by(pred: Predicate) -> frozenset[str]:
    """The evidence types ``pred`` reads, and :data:`PEOPLE` when it counts certified people."""
    reads = {t for leaf in leaves(pred) for t in leaf.evidence_types()}
    if any(needs_people(leaf) for leaf in leaves(pred)):
        reads.add(PEOPLE)
    return frozenset(reads)


@record
class Fixed:
    """What ``pack`` fixes for the planner (never changed; :attr:`reads` only filled)."""

    pack: ClausePack
    keys: dict[str, str]
    """Each checkpoint's predicate as canonical JSON: equal keys, equal outcomes."""
    by_type: dict[str, list[str]]
    """The checkpoints reading each evidence type."""
    people_checkpoints: list[str]
    condition_reads: dict[str, frozenset[str]]
    """Each condition's evidence types (and :data:`PEOPLE` when it counts certified people)."""
    remedies: dict[tuple[str, str], frozenset[str] | None]
    """For each checkpoint's evidence (``cp``) and condition, what its remedy answers to (see
    :func:`.predicates.remedy_keys`)."""
    reads: dict[tuple[str, str], frozenset[Read]] = field(default_factory=dict)
    candidates: dict[tuple[str, str], frozenset[Any]] = field(default_factory=dict)
    """The action keys that could satisfy a checkpoint's (``cp``) evidence or a condition (filled
    by :class:`~.options.Options`)."""
    """What simulating reads of one checkpoint, clause or condition (see :meth:`reads_of`)."""

    def reads_of(self, kind: str, ident: str) -> frozenset[Read]:
        """A checkpoint's (``cp``) result and finding and the facts its evidence reads; a
        clause's state, finding and unit, its checkpoints' results and its children's states; a
        condition and the facts it reads (see :mod:`.reads`)."""
        found = self.reads.get((kind, ident))
        if found is None:
            pid, index = self.pack.id, self.pack.index
            if kind == "cp":
                own: set[Read] = {("c", pid, ident), ("f", pid, ident)}
                found = fact_reads(index.checkpoints[ident][0].evidence) | own
            elif kind == "clause":
                clause = index.clauses[ident].clause
                found = frozenset(
                    [("s", pid, ident), ("f", pid, ident), ("u", pid, ident)]
                    + [("c", pid, cp.id) for cp in clause.checkpoints]
                    + [("s", pid, child.id) for child in clause.children]
                )
            else:
                found = fact_reads(self.pack.scoring.conditions()[ident]) | {("h", pid, ident)}
            self.reads[(kind, ident)] = found
        return found


_FIXED = SideTable()


def fixed(pack: ClausePack) -> Fixed:
    """The pack's :class:`Fixed`, made once per pack object."""
    return _FIXED.get(pack, lambda: _make(pack))


def _make(pack: ClausePack) -> Fixed:
    by_type: dict[str, list[str]] = {}
    people: list[str] = []
    for cp_id, (cp, _) in pack.index.checkpoints.items():
        for leaf in leaves(cp.evidence):
            if needs_people(leaf):
                people.append(cp_id)
            for t in leaf.evidence_types():
                by_type.setdefault(t, []).append(cp_id)
    conditions = pack.scoring.conditions()
    remedies = {("cp", cp_id): remedy_keys(cp.evidence) for cp_id, (cp, _) in pack.index.checkpoints.items()}
    remedies.update({("condition", cond): remedy_keys(pred) for cond, pred in conditions.items()})
    return Fixed(
        pack=pack,
        keys={cp.id: cp.key for cp in compiled(pack).checkpoints},
        by_type=by_type,
        people_checkpoints=people,
        condition_reads={cond: read_by(pred) for cond, pred in conditions.items()},
        remedies=remedies,
    )
