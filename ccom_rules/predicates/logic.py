"""Combinators, and the check that only an assessor can decide."""

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from ..model.common import Frozen, NonEmpty, Text
from .base import Facts, Outcome, Patch, with_added
from .run import runner

if TYPE_CHECKING:
    from . import Predicate


ASSESSOR_NEEDED = "needs an assessor's finding"
"""How an assessor check's reason begins; dropped once a finding is recorded."""


def _join(outcomes: list[Outcome]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    reasons = tuple(r for o in outcomes for r in o.reasons)
    evidence = tuple(dict.fromkeys(e for o in outcomes for e in o.evidence))
    return reasons, evidence


class AllOf(Frozen):
    """Every sub-predicate holds. Degree: the mean of theirs."""

    kind: Literal["all_of"] = "all_of"
    of: "Annotated[list[Predicate], Field(min_length=1)]"

    def evidence_types(self) -> set[str]:
        return set().union(*(p.evidence_types() for p in self.of))

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """Each sub-predicate's remedy, applied in turn."""
        total = Patch()
        for sub in self.of:
            patch = sub.remedy(with_added(facts, total), only)
            total = total + patch
        return total


class AnyOf(Frozen):
    """At least one sub-predicate holds. Degree: the best of theirs."""

    kind: Literal["any_of"] = "any_of"
    of: "Annotated[list[Predicate], Field(min_length=1)]"

    def evidence_types(self) -> set[str]:
        return set().union(*(p.evidence_types() for p in self.of))

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """The smallest remedy of one sub-predicate (evidence before an assessor's word)."""
        if self.evaluate(facts).satisfied:
            return Patch()
        return _cheapest([sub.remedy(facts, only) for sub in self.of], 1)


class AtLeast(Frozen):
    """At least ``k`` sub-predicates hold. Degree: the best ``k`` degrees, averaged."""

    kind: Literal["at_least"] = "at_least"
    k: Annotated[int, Field(ge=1)]
    of: "Annotated[list[Predicate], Field(min_length=1)]"

    @model_validator(mode="after")
    def _k_fits(self) -> "AtLeast":
        if self.k > len(self.of):
            raise ValueError(f"k = {self.k} but only {len(self.of)} predicates are listed")
        return self

    def evidence_types(self) -> set[str]:
        return set().union(*(p.evidence_types() for p in self.of))

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """The smallest remedies of the ``k`` cheapest sub-predicates not yet holding."""
        outs = [p.evaluate(facts) for p in self.of]
        missing = self.k - sum(1 for o in outs if o.satisfied)
        if missing <= 0:
            return Patch()
        return _cheapest([p.remedy(facts, only) for p, o in zip(self.of, outs) if not o.satisfied], missing)


def _cheapest(patches: list[Patch], k: int) -> Patch:
    usable = sorted((p for p in patches if not p.empty), key=lambda p: (p.assessor, p.size()))
    total = Patch()
    for patch in usable[:k]:
        total = total + patch
    return total


class AssessorCheck(Frozen):
    """Decided only by an assessor's finding: interviews, observations, walk-throughs.

    Without a finding the checkpoint is *not assessed*; the ``guide`` tells the assessor
    what to look for: a text, or ``{en, zh}`` (reasons in results carry the English).
    """

    kind: Literal["assessor_check"] = "assessor_check"
    guide: NonEmpty | Text

    def evidence_types(self) -> set[str]:
        return set()

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """Only an assessor's finding settles it."""
        return Patch(assessor=True) if only in (None, "assessor") else Patch()
