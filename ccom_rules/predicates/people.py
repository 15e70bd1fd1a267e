"""Predicates over people and their certificates."""

from datetime import date, timedelta
from typing import Literal

from pydantic import Field


from ..model.common import Frozen, Identifier
from ..model.manifest import Certificate, Person
from ..ranges import LATEST, Count, CourseDays
from .base import Facts, Outcome, Patch
from .run import runner


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
        return certificate_holders(facts, self.scheme, self.role)

    def ready(self, facts: Facts) -> date:
        """The earliest date a certificate planned now can be issued: after its course."""
        return facts.today + timedelta(days=self.course_days)

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """People to certify (or to bring in) until ``min_count`` distinct certificates are valid."""
        if only not in (None, f"people:{self.scheme}"):
            return Patch()
        numbers, _ = self._holders(facts)
        missing = self.min_count - len(numbers)
        if missing > 0 and self.ready(facts) > LATEST:
            return Patch()  # the course would end after the last date a manifest may hold
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
        return runner(self)(facts)


def certificate_holders(facts: Facts, scheme: str, role: str | None) -> tuple[dict[str, str], int]:
    """The valid ``scheme`` certificates held on ``facts.on`` (by people of ``role``, when given):
    number → the first holder's name (people by name), and how many others are not valid then.
    Worked out once per items, people and date."""
    key = ("holders", scheme, role, facts.on)
    found: tuple[dict[str, str], int] | None = facts.memo.get(key)
    if found is None:
        numbers: dict[str, str] = {}
        expired = 0
        for person, cert in _certificates(facts).get(scheme, ()):
            if role is not None and person.role.casefold() != role.casefold():
                continue
            if cert.valid_on(facts.on):
                numbers.setdefault(cert.number, person.name)
            else:
                expired += 1
        found = facts.memo[key] = (numbers, expired)
    return found


def _certificates(facts: Facts) -> dict[str, list[tuple[Person, Certificate]]]:
    """Every certificate by scheme, with its holder, people by name (each person's in their order):
    sorted once per people, not once per scheme (a plan asking for many schemes adds many people)."""
    found: dict[str, list[tuple[Person, Certificate]]] | None = facts.memo.get("certificates")
    if found is None:
        found = {}
        for person in sorted(facts.people, key=lambda p: p.name):
            for cert in person.certificates:
                found.setdefault(cert.scheme, []).append((person, cert))
        facts.memo["certificates"] = found
    return found
