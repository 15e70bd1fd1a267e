"""Predicates over people and their certificates."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from pydantic import Field


from ..model.common import Frozen, Identifier
from ..model.manifest import Person
from ..i18n import Msg
from ..ranges import Count, CourseDays
from .base import Facts, Outcome, Patch


COURSE_DAYS = 30
"""``course_days`` when a pack does not declare it: how long the post course and its examination
take. A planned certificate is issued when its course ends."""


class CertifiedPeople(Frozen):
    """At least ``min_count`` people holding a ``scheme`` certificate valid on the assessment date.

    Certificates are counted by distinct number, so one certificate listed twice counts once.
    Passes: ``{kind: certified_people, scheme: CEL, min_count: 2}`` with CEL-001 and CEL-002.
    Fails:  two people both listing CEL-001 (partially met, 1 of 2).
    """

    kind: Literal["certified_people"] = "certified_people"
    scheme: Identifier
    min_count: Count = 1
    role: str | None = None
    """When given, only people whose role matches count (case-insensitive)."""
    course_days: CourseDays = Field(default=COURSE_DAYS, exclude_if=lambda days: days == COURSE_DAYS)
    """How many days the scheme's course and examination take (0–3660; default 30): the planner
    dates a certificate planned now this many days after the assessment date."""

    def evidence_types(self) -> set[str]:
        return set()

    def _holders(self, facts: Facts) -> tuple[dict[str, str], int]:
        key = ("holders", self.scheme, self.role)
        found: tuple[dict[str, str], int] | None = facts.memo.get(key)
        if found is None:
            found = facts.memo[key] = self._count_holders(facts)
        return found

    def _count_holders(self, facts: Facts) -> tuple[dict[str, str], int]:
        numbers: dict[str, str] = {}
        expired = 0
        for person in sorted(facts.people, key=lambda p: p.name):
            if self.role is not None and person.role.casefold() != self.role.casefold():
                continue
            for cert in person.certificates:
                if cert.scheme != self.scheme:
                    continue
                if cert.valid_on(facts.on):
                    numbers.setdefault(cert.number, person.name)
                else:
                    expired += 1
        return numbers, expired

    def ready(self, facts: Facts) -> date:
        """The earliest date a certificate planned now can be issued: after its course."""
        return facts.today + timedelta(days=self.course_days)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """People to certify (or to bring in) until ``min_count`` distinct certificates are valid."""
        if only not in (None, f"people:{self.scheme}"):
            return Patch()
        numbers, _ = self._holders(facts)
        missing = self.min_count - len(numbers)
        people = tuple(
            Person.model_validate(
                {
                    "name": f"{self.scheme} candidate {n + 1}",
                    "role": self.role or "",
                    "certificates": [
                        {
                            "scheme": self.scheme,
                            "number": f"PLANNED-{self.scheme}-{len(numbers) + n + 1}",
                            "issued": self.ready(facts),
                        }
                    ],
                }
            )
            for n in range(max(missing, 0))
        )
        return Patch(people=people)

    def evaluate(self, facts: Facts) -> Outcome:
        numbers, expired = self._holders(facts)
        holders = ", ".join(f"{name} ({number})" for number, name in sorted(numbers.items()))
        who = Msg("people.role", role=self.role) if self.role else ""
        note = Msg("people.expired", count=expired, on=facts.on) if expired else ""
        if len(numbers) >= self.min_count:
            return Outcome.yes(Msg("people.ok", count=len(numbers), who=who, scheme=self.scheme, holders=holders))
        listed = Msg("people.listed", holders=holders) if holders else ""
        return Outcome.no(
            Msg("people.short", count=len(numbers), min=self.min_count, who=who, scheme=self.scheme, listed=listed, note=note),
            Fraction(len(numbers), self.min_count),
        )
