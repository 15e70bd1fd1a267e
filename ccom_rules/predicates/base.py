"""What every predicate sees and returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, timedelta
from fractions import Fraction
from operator import attrgetter
from typing import Any, NamedTuple

from ..model.common import Period, ordinal_of_date, parse_period, period_ordinal
from ..i18n import EvidenceType
from ..model.manifest import EvidenceItem, Manifest, Person
from ..records import record

ZERO, HALF, ONE = Fraction(0), Fraction(1, 2), Fraction(1)
"""Shared degrees: fractions are immutable, so the common ones are built once."""


@record
class Facts:
    """The manifest as predicates read it, fixed at the assessment date.

    Items dated after the assessment date are left out: they did not exist yet.
    Items of each type are sorted by (date, id) so that evidence order never matters.
    """

    on: date
    by_type: Mapping[str, tuple[EvidenceItem, ...]]
    people: tuple[Person, ...]
    now: date | None = None
    """The date that parts the past from the future, when a plan looks ahead of it: no record can
    be made for a period before it. None: ``on`` itself (an evaluation, not a plan)."""

    @property
    def today(self) -> date:
        """The first day on which planned work can be done (``now``, else ``on``)."""
        return self.now if self.now is not None else self.on

    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Indexes derived from the items and people above (periods covered per type, certificate
    holders), built on first use: the facts never change, so neither do they. An index that also
    reads the date has it in its key, so facts with the same items and people on another date
    share these (see :meth:`later`)."""

    @classmethod
    def of(cls, manifest: Manifest, now: date | None = None) -> Facts:
        """Index ``manifest`` for predicates (as of its assessment date; ``now``: see above)."""
        on = manifest.assessment.date
        grouped: dict[str, list[EvidenceItem]] = defaultdict(list)
        for item in sorted(manifest.evidence, key=_BY_DATE_ID):  # one sort; each type keeps the order
            if item.date <= on:
                grouped[item.type].append(item)
        by_type = {k: tuple(v) for k, v in grouped.items()}
        return cls(on=on, by_type=by_type, people=manifest.people, now=now)

    def later(self, on: date, evidence: Iterable[EvidenceItem]) -> Facts | None:
        """What :meth:`of` gives on ``on``, a date not before these facts' own, for the manifest
        whose ``evidence`` and people these facts were made from: the same item tuples, people
        and indexes, when no item is dated after these facts' date up to ``on`` (None otherwise,
        or for facts that look ahead of a plan's ``now``)."""
        if self.now is not None or on < self.on or any(self.on < item.date <= on for item in evidence):
            return None
        return Facts(on, self.by_type, self.people, None, dict(self.memo))

    def items(self, evidence_type: str) -> tuple[EvidenceItem, ...]:
        return self.by_type.get(evidence_type, ())

    def ids(self, evidence_type: str) -> tuple[str, ...]:
        """The ids of :meth:`items` of ``evidence_type``, in the same order."""
        key = ("ids", evidence_type)
        found: tuple[str, ...] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = tuple(i.id for i in self.items(evidence_type))
        return found

    def covered(self, evidence_type: str, granularity: Period) -> dict[int, str]:
        """The periods of ``granularity`` that items of ``evidence_type`` cover: ordinal → the
        first item's id (in (date, id) order). An item without ``period`` covers the period
        containing its date; one recording another granularity covers none."""
        key = ("covered", evidence_type, granularity)
        found: dict[int, str] | None = self.memo.get(key)
        if found is None:
            found = {}
            for item in self.items(evidence_type):
                if item.period is None:
                    ordinal = ordinal_of_date(granularity, item.date)
                else:
                    kind, year, index = parse_period(item.period)
                    if kind != granularity:
                        continue
                    ordinal = period_ordinal(kind, year, index)
                found.setdefault(ordinal, item.id)
            self.memo[key] = found
        return found

    def runs(self, evidence_type: str, granularity: Period) -> tuple[list[int], tuple[str, ...]]:
        """:meth:`covered` as two sequences in period order: the ordinals, and the covering items'
        ids (so the periods of a window are found by bisection, and its items by slicing)."""
        key = ("runs", evidence_type, granularity)
        found: tuple[list[int], tuple[str, ...]] | None = self.memo.get(key)
        if found is None:
            covered = self.covered(evidence_type, granularity)
            ordinals = sorted(covered)
            found = self.memo[key] = (ordinals, tuple(map(covered.__getitem__, ordinals)))
        return found

    def recorded(self, evidence_type: str, metric: str) -> tuple[list[date], list[float], list[str]]:
        """The items of ``evidence_type`` recording ``metric``, in (date, id) order, as three
        sequences: their dates, their values, their ids."""
        key = ("recorded", evidence_type, metric)
        found: tuple[list[date], list[float], list[str]] | None = self.memo.get(key)
        if found is None:
            items = [i for i in self.items(evidence_type) if metric in i.metrics]
            found = self.memo[key] = ([i.date for i in items], [i.metrics[metric] for i in items], [i.id for i in items])
        return found


class Outcome(NamedTuple):
    """A predicate's verdict with its explanation.

    ``degree`` runs from 0 (nothing shown) to 1 (satisfied); between the two the
    checkpoint is partially met. ``evidence`` names the items that counted.
    (A named tuple: predicates make hundreds per evaluation, each in one step.)
    """

    satisfied: bool
    degree: Fraction
    reasons: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    decided: bool = True
    """False when only an assessor can decide (the checkpoint is then *not assessed*)."""

    @classmethod
    def yes(cls, reason: str, evidence: tuple[str, ...] = ()) -> Outcome:
        return outcome(True, ONE, (reason,), evidence)

    @classmethod
    def no(cls, reason: str, degree: Fraction = ZERO, evidence: tuple[str, ...] = ()) -> Outcome:
        return outcome(False, degree if degree <= ONE else ONE, (reason,), evidence)


def outcome(
    satisfied: bool, degree: Fraction, reasons: tuple[str, ...], evidence: tuple[str, ...] = (), decided: bool = True
) -> Outcome:
    """``Outcome(satisfied, degree, reasons, evidence, decided)``, made in one step."""
    return made(Outcome, (satisfied, degree, reasons, evidence, decided))


made = tuple.__new__
"""``made(Outcome, (satisfied, degree, reasons, evidence, decided))`` is that outcome, every field
given in order (what compiled predicates call, without a function of their own in between)."""


_FRACTIONS: dict[tuple[int, int], Fraction] = {}


def ratio(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)`` (a degree such as 3 of 12), one object per pair."""
    found = _FRACTIONS.get((numerator, denominator))
    if found is None:
        if len(_FRACTIONS) > 10_000:
            _FRACTIONS.clear()
        found = _FRACTIONS[numerator, denominator] = Fraction(numerator, denominator)
    return found


_TYPES: dict[str, EvidenceType] = {}


def evidence_type(type_id: str) -> EvidenceType:
    """``EvidenceType(type_id)``, one object per id (a message parameter in most reasons)."""
    found = _TYPES.get(type_id)
    if found is None:
        found = _TYPES[type_id] = EvidenceType(type_id)
    return found


@record
class Patch:
    """What would make a predicate hold: evidence to add, people to add, or an assessor's word.

    Evidence ids are placeholders; the planner numbers them.
    """

    evidence: tuple[EvidenceItem, ...] = ()
    people: tuple[Person, ...] = ()
    assessor: bool = False

    def __add__(self, other: Patch) -> Patch:
        return Patch(self.evidence + other.evidence, self.people + other.people, self.assessor or other.assessor)

    @property
    def empty(self) -> bool:
        return not self.evidence and not self.people and not self.assessor

    def size(self) -> int:
        return len(self.evidence) + len(self.people) + (1 if self.assessor else 0)


def planned_on(facts: Facts, max_age_days: int | None = None) -> date:
    """When planned work is dated: as soon as it can be done (``facts.today``), but late enough to
    be at most ``max_age_days`` old on ``facts.on``."""
    if max_age_days is None:
        return facts.today
    return max(facts.today, facts.on - timedelta(days=max_age_days))


def planned_item(evidence_type: str, on: date, **fields: object) -> EvidenceItem:
    """A placeholder evidence item dated ``on``."""
    return EvidenceItem.model_validate(
        {"id": "planned", "type": evidence_type, "title": f"planned {evidence_type}", "date": on, **fields}
    )


def with_added(facts: Facts, patch: Patch) -> Facts:
    """``facts`` with the patch's evidence and people added."""
    if not patch.evidence and not patch.people:
        return facts
    by_type = dict(facts.by_type)
    added: dict[str, list[EvidenceItem]] = {}
    for item in patch.evidence:
        if item.date <= facts.on:
            added.setdefault(item.type, []).append(item)
    for etype, items in added.items():
        old, new = by_type.get(etype, ()), sorted(items, key=_by_date_id)
        # Kept sorted by (date, id), stably; planned items mostly come after every recorded one.
        joined = (*old, *new)
        by_type[etype] = (
            joined if not old or _by_date_id(old[-1]) <= _by_date_id(new[0]) else tuple(sorted(joined, key=_by_date_id))
        )
    return Facts(on=facts.on, by_type=by_type, people=facts.people + patch.people, now=facts.now)


def _by_date_id(item: EvidenceItem) -> tuple[date, str]:
    return item.date, item.id


_BY_DATE_ID = attrgetter("date", "id")


def ids(items: tuple[EvidenceItem, ...] | list[EvidenceItem]) -> tuple[str, ...]:
    return tuple(i.id for i in items)
