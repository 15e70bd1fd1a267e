"""Where a pack uses evidence predicates: each checkpoint, and the conditions its scoring model
adds (pass_fail prerequisites, for instance)."""

from __future__ import annotations

from collections.abc import Iterator

from .model.pack import ClausePack
from .predicates import Predicate


def pack_predicates(pack: ClausePack) -> Iterator[tuple[str, Predicate]]:
    """(label, predicate) for every checkpoint in document order, then for every condition the
    scoring model adds (labelled ``condition ID``, e.g. a pass_fail prerequisite)."""
    for cp_id, (cp, _) in pack.index.checkpoints.items():
        yield cp_id, cp.evidence
    for condition_id, predicate in pack.scoring.conditions().items():
        yield f"condition {condition_id}", predicate


def leaves(predicate: Predicate) -> Iterator[Predicate]:
    """The predicates inside ``predicate`` that combine no others, in order."""
    parts = getattr(predicate, "of", None)
    if parts is None:
        yield predicate
        return
    for part in parts:
        yield from leaves(part)
