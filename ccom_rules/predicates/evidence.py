"""Predicates over single evidence items: presence, freshness, approval, metrics."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import FiniteFloat, model_validator

from ..model.common import Frozen, Identifier
from ..i18n import Msg
from ..ranges import Count, Days
from .base import HALF, ONE, ZERO, Facts, Outcome, Patch, evidence_type, outcome, planned_item, planned_on, ratio


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
        count, need, etype = len(facts.items(self.type)), self.min_count, evidence_type(self.type)
        if count >= need:
            return outcome(True, ONE, (Msg("present.ok", count=count, type=etype, min=need),), facts.ids(self.type))
        reason = Msg("present.short", count=count, min=need, type=etype)
        return outcome(False, ratio(count, need), (reason,), facts.ids(self.type))

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
        found = facts.items(self.type)
        if not found:
            return outcome(False, ZERO, (Msg("evidence.none", type=evidence_type(self.type)),))
        newest = found[-1]  # sorted by (date, id): the last is the newest
        fresh = newest.date >= facts.on - timedelta(days=self.max_age_days)
        said = {"type": evidence_type(self.type), "item": newest.id, "date": newest.date, "days": self.max_age_days}
        if fresh:
            return outcome(True, ONE, (Msg("fresh.ok", **said),), (newest.id,))
        return outcome(False, HALF, (Msg("fresh.stale", **said),), (newest.id,))

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
        found = facts.items(self.type)
        wanted = None if self.role is None else self.role.casefold()
        item = next(
            (
                i
                for i in reversed(found)
                if i.approval is not None
                and i.approval.date <= facts.on
                and (wanted is None or i.approval.role.casefold() == wanted)
            ),
            None,
        )  # the latest sign-off
        role = {"role": self.role} if self.role else {}
        suffix = "_role" if self.role else ""
        etype = evidence_type(self.type)
        if item is not None:
            assert item.approval is not None
            approval = item.approval
            reason = Msg("approved.ok" + suffix, type=etype, item=item.id, by=approval.by, date=approval.date, **role)
            return outcome(True, ONE, (reason,), (item.id,))
        if found:
            return outcome(False, HALF, (Msg("approved.unsigned" + suffix, type=etype, **role),), facts.ids(self.type))
        return outcome(False, ZERO, (Msg("approved.none" + suffix, type=etype, **role),))

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
    def _bounded(self) -> Metric:
        if self.min is None and self.max is None:
            raise ValueError("a metric predicate needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        return self

    def evidence_types(self) -> set[str]:
        return {self.type}

    def _wanted(self) -> Msg:
        if self.min is not None and self.max is not None:
            return Msg("metric.between", min=self.min, max=self.max)
        return Msg("metric.min", min=self.min) if self.min is not None else Msg("metric.max", max=self.max)

    def _ok(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def evaluate(self, facts: Facts) -> Outcome:
        items = facts.items(self.type)
        if self.max_age_days is not None:
            oldest = facts.on - timedelta(days=self.max_age_days)
            items = tuple(i for i in items if i.date >= oldest)
        recorded = [i for i in items if self.metric in i.metrics]
        item = next((i for i in reversed(recorded) if self._ok(i.metrics[self.metric])), None)
        if item is not None:
            value = item.metrics[self.metric]
            return Outcome.yes(Msg("metric.ok", metric=self.metric, value=value, item=item.id, wanted=self._wanted()), (item.id,))
        if recorded:
            item = recorded[-1]
            value = item.metrics[self.metric]
            wanted = self._wanted()
            return Outcome.no(Msg("metric.off", metric=self.metric, value=value, item=item.id, wanted=wanted), ZERO, (item.id,))
        if self.max_age_days is not None:
            return Outcome.no(
                Msg("metric.none_within", type=evidence_type(self.type), days=self.max_age_days, metric=self.metric)
            )
        return Outcome.no(Msg("metric.none", type=evidence_type(self.type), metric=self.metric))

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """An item recording the threshold value itself (the lowest that passes)."""
        if self.evaluate(facts).satisfied or only not in (None, self.type):
            return Patch()
        value = self.min if self.min is not None else self.max
        return Patch(evidence=(planned_item(self.type, planned_on(facts, self.max_age_days), metrics={self.metric: value}),))
