"""What the planner asks of a predicate tree: its leaves, and which leaves need people."""

from __future__ import annotations

from collections.abc import Iterator

from ..predicates import AllOf, AnyOf, AtLeast, CertifiedPeople, Predicate


def leaves(pred: Predicate) -> Iterator[Predicate]:
    """The predicates at the leaves of ``pred``'s tree (itself when it has no parts)."""
    if isinstance(pred, (AllOf, AnyOf, AtLeast)):
        for sub in pred.of:
            yield from leaves(sub)
    else:
        yield pred


def needs_people(leaf: Predicate) -> bool:
    return isinstance(leaf, CertifiedPeople)
