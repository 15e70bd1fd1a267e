"""What the planner asks of a predicate tree: its leaves, and which leaves need people."""

from __future__ import annotations

from collections.abc import Iterator

from ..predicates import (
    AllOf,
    AnyOf,
    Approved,
    AssessorCheck,
    AtLeast,
    CertifiedPeople,
    Continuous,
    Fresh,
    Metric,
    Predicate,
    Present,
)


def leaves(pred: Predicate) -> Iterator[Predicate]:
    """The predicates at the leaves of ``pred``'s tree (itself when it has no parts)."""
    if isinstance(pred, (AllOf, AnyOf, AtLeast)):
        for sub in pred.of:
            yield from leaves(sub)
    else:
        yield pred


def needs_people(leaf: Predicate) -> bool:
    return isinstance(leaf, CertifiedPeople)


_BY_TYPE = (Present, Fresh, Approved, Metric, Continuous)
"""The leaves whose remedy adds evidence of their own type only."""


def remedy_keys(pred: Predicate) -> frozenset[str] | None:
    """The ``only`` values for which ``pred.remedy(facts, only)`` can add anything: its leaves'
    evidence types, ``people:SCHEME`` for a count of certified people, ``assessor`` for an
    assessor's check (None, for a leaf of another kind: any value may)."""
    found: set[str] = set()
    for leaf in leaves(pred):
        if isinstance(leaf, CertifiedPeople):
            found.add(f"people:{leaf.scheme}")
        elif isinstance(leaf, AssessorCheck):
            found.add("assessor")
        elif isinstance(leaf, _BY_TYPE):
            found.update(leaf.evidence_types())
        else:
            return None
    return frozenset(found)
