"""Predicates over single evidence items: presence, freshness, approval, metrics."""

from typing import Literal

from pydantic import FiniteFloat, model_validator

from ..model.common import Frozen, Identifier
from ..ranges import Count, Days
from .base import Facts, Outcome, Patch, planned_item, planned_on
from .run import runner


class Present(Frozen):
    """At least ``min_count`` items of ``type``.

    Passes: ``{kind: present, type: drill_record, min_count: 2}`` with two drill records.
    Fails:  the same with one (partially met, degree 1/2).
    """

    kind: Literal["present"] = "present"
    type: Identifier
    min_count: Count = 1

    def evidence_types(self) -> set[str]:
        return {self.type}

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """The items missing to reach ``min_count``."""
        missing = self.min_count - len(facts.items(self.type))
        if missing <= 0 or only not in (None, self.type):
            return Patch()
        return Patch(evidence=tuple(planned_item(self.type, planned_on(facts)) for _ in range(missing)))


class Fresh(Frozen):
    """An item of ``type`` dated at most ``max_age_days`` before the assessment.

    Passes: ``{kind: fresh, type: strategic_plan, max_age_days: 365}`` with a plan from last spring.
    Fails:  the same with a plan two years old (partially met: it exists but is stale).
    """

    kind: Literal["fresh"] = "fresh"
    type: Identifier
    max_age_days: Days

    def evidence_types(self) -> set[str]:
        return {self.type}

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """A current item: dated as soon as it can be made, and still fresh on the assessment date."""
        if self.evaluate(facts).satisfied or only not in (None, self.type):
            return Patch()
        return Patch(evidence=(planned_item(self.type, planned_on(facts, self.max_age_days)),))


class Approved(Frozen):
    """An item of ``type`` carrying a sign-off dated on or before the assessment.

    ``role``, when given, must match the approver's role (case-insensitive).
    Passes: a drill plan with ``approval: {by: Li Na, role: Director, date: 2026-01-10}``.
    Fails:  a drill plan without approval (partially met: the document exists).
    """

    kind: Literal["approved"] = "approved"
    type: Identifier
    role: str | None = None

    def evidence_types(self) -> set[str]:
        return {self.type}

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """A signed-off item."""
        if self.evaluate(facts).satisfied or only not in (None, self.type):
            return Patch()
        approval = {"by": "sign-off to obtain", "role": self.role or "", "date": planned_on(facts)}
        return Patch(evidence=(planned_item(self.type, planned_on(facts), approval=approval),))


class Metric(Frozen):
    """A recorded metric of an item of ``type`` meets a threshold.

    The best qualifying value counts (the centre has shown it can reach the level);
    with ``max_age_days`` only items that recent qualify. Give ``min``, ``max`` or both.
    Passes: ``{kind: metric, type: monthly_performance_report, metric: service_level, min: 0.8}``
            with a report recording ``service_level: 0.83``.
    Fails:  the same with ``0.74``.
    """

    kind: Literal["metric"] = "metric"
    type: Identifier
    metric: Identifier
    min: FiniteFloat | None = None
    max: FiniteFloat | None = None
    max_age_days: Days | None = None

    @model_validator(mode="after")
    def _bounded(self) -> "Metric":
        if self.min is None and self.max is None:
            raise ValueError("a metric predicate needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        return self

    def evidence_types(self) -> set[str]:
        return {self.type}

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """An item recording the threshold value itself (the lowest that passes)."""
        if self.evaluate(facts).satisfied or only not in (None, self.type):
            return Patch()
        value = self.min if self.min is not None else self.max
        return Patch(evidence=(planned_item(self.type, planned_on(facts, self.max_age_days), metrics={self.metric: value}),))
