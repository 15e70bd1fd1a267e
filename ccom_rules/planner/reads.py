"""What an assessed action read of the plan's state, and what taking an action changed: an
assessment whose reads no action taken since has changed is still the assessment it would be now.

A read (or a change) is a small tuple:

- ``("t", TYPE)``: the evidence of one type; ``("p",)``: the certified people;
- ``("c", PACK, CHECKPOINT)``: a checkpoint's result and evidence degree;
- ``("s", PACK, CLAUSE)``, ``("u", PACK, CLAUSE)``: a clause's state, its scoring unit;
- ``("f", PACK, TARGET)``: the finding recorded for a checkpoint or clause;
- ``("h", PACK, CONDITION)``: whether a scoring condition holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..predicates import Patch, Predicate
from .predicates import leaves, needs_people

if TYPE_CHECKING:
    from .pack_state import Delta

Read = tuple[str, ...]
PEOPLE: Read = ("p",)


def fact_reads(pred: Predicate) -> frozenset[Read]:
    """The facts ``pred`` reads: the evidence types of its leaves, and the people when one counts them."""
    found: set[Read] = set()
    for leaf in leaves(pred):
        found.update(("t", t) for t in leaf.evidence_types())
        if needs_people(leaf):
            found.add(PEOPLE)
    return frozenset(found)


def patch_reads(patch: Patch) -> Iterable[Read]:
    """The facts a patch adds to (and so what adding it reads)."""
    found: set[Read] = {("t", i.type) for i in patch.evidence}
    if patch.people:
        found.add(PEOPLE)
    return found


def changes(patch: Patch, delta: Delta) -> frozenset[Read]:
    """What taking an action (its ``patch``, simulated as ``delta``) changes in the plan's state."""
    found = set(patch_reads(patch))
    found.update(("f", p, t) for p, t in delta.findings)
    for kind, per_pack in (
        ("c", delta.checkpoints),
        ("c", delta.degrees),
        ("s", delta.clauses),
        ("u", delta.units),
        ("h", delta.held),
    ):
        for pack_id, changed in per_pack.items():
            found.update((kind, pack_id, ident) for ident in changed)
    return frozenset(found)
