"""A plan is a calendar: when each action can be complete, its phase and its workstream.

Dates come from what the action adds: planned evidence is dated when it can exist (a document
now, or late enough to be fresh when the target is assessed; a periodic record on its period's
last day), a certificate when its course ends. Nothing here reads the clock: "now" is the
assessment date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from ..i18n import Msg
from ..model.gaps import Phase
from ..model.manifest import Finding
from ..predicates import Patch
from .areas import ASSESSMENT, area_of, scheme_area

SOON_DAYS = 92
"""``within_3_months``: complete at most this many days after the assessment date."""


def earliest(patch: Patch, now: date) -> date:
    """The date by which everything ``patch`` adds exists: its last item or certificate."""
    dates = [now, *(i.date for i in patch.evidence)]
    dates += [c.issued for p in patch.people for c in p.certificates]
    return max(dates)


def phase(when: date, now: date) -> Phase:
    if when <= now:
        return "now"
    return "within_3_months" if when <= now + timedelta(days=SOON_DAYS) else "later"


def workstream(patch: Patch, findings: tuple[Finding, ...]) -> str:
    """The area most of the added evidence belongs to (ties: alphabetical); people by their scheme."""
    areas = Counter(area_of(i.type) for i in patch.evidence)
    areas.update(scheme_area(c.scheme) for p in patch.people for c in p.certificates)
    if not areas:
        return ASSESSMENT
    return min(areas, key=lambda a: (-areas[a], a))


def timing(patch: Patch, findings: tuple[Finding, ...], when: date, now: date) -> Msg:
    """Why the action can be complete no earlier than ``when``, in one line."""
    periods = sorted(i.period for i in patch.evidence if i.period)
    if periods and when > now:
        return Msg("plan.timing.series", first=periods[0], last=periods[-1], count=len(periods), date=when)
    if patch.people and when > now:
        return Msg("plan.timing.course", date=when)
    if when > now:
        return Msg("plan.timing.fresh", date=when)
    if patch.evidence or patch.people:
        return Msg("plan.timing.now", date=when)
    return Msg("plan.timing.assessor", date=when)
