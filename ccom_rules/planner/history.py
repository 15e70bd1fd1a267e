"""Targets held back by history: no action gives a centre more years of operation or an earlier
certificate, but time and certification do. Such a target is planned after the others, as of the
day its operating years are complete, and dated by re-evaluating the plan's manifest with the
lower levels' certifications assumed, each on the first date the plan reaches that level; each
level is certified at its own assessment, so the next one comes a day later at the earliest (the
packs give no interval between two certifications)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ..i18n import Msg
from ..model.gaps import Action, TargetStatus
from ..model.manifest import CertifiedLevel, Manifest
from ..model.overlay import with_base_findings
from ..model.pack import ClausePack
from ..model.result import PackOutcome
from ..ranges import LATEST
from ..requirements import Requirement
from ..scoring.base import Wait
from .search import Search, apply_actions
from .start import Start, facts_of
from .state import PlanState
from .timeline import as_of, done_by, horizon, outcome_of


def plan_waiting(
    packs: Sequence[ClausePack],
    manifest: Manifest,
    plan: PlanState,
    actions: list[Action],
    planned: int,
    req: Requirement,
    start: Start | None = None,
) -> int:
    """Append to ``actions`` what ``req`` still needs, level by level through the ones to be
    certified first: each planned as of the day its operating years are complete (at the
    earliest the assessment date) and then, for the series and certificates that need longer, as
    of the date they can be complete. Returns the number of planned evidence items so far.
    ``start``: the state of ``manifest`` itself, before any action (a fork of it is carried
    forward instead of deciding every pack again as of the assessment date)."""
    now = manifest.assessment.date
    wait = plan.waits(req)
    carried: tuple[PlanState, int] | None = None
    for level in (*(wait.steps if wait else ()), req.value):
        step = Requirement(req.pack, req.model, level)
        own = plan.waits(step)
        on = own.opens if own else now
        if on > LATEST:  # this level (and so the next) opens after the last date a manifest may hold
            break
        if on == now and not actions:  # nothing planned yet: the plan's own state, never changed
            state = plan
        elif on == now and start is not None and start.carries(actions):
            state = start.taking(apply_actions(manifest, actions), actions, carried)
            carried = (state.fork(), len(actions))  # before the search changes it: the next level's base
            start.carried.setdefault(tuple(a.id for a in actions), carried[0])  # and what a check on that date reads
        else:
            state = PlanState(packs, apply_actions(as_of(manifest, on), actions), now if on > now else None)
        search = Search(state, [step], len(actions))
        planned = search.run(actions, planned)
        if step not in search.met:
            ahead = horizon(state, [step])
            if ahead > on:
                later = PlanState(packs, apply_actions(as_of(manifest, ahead), actions), now)
                planned = Search(later, [step], len(actions)).run(actions, planned)
    return planned


def date_waiting(
    packs: Sequence[ClausePack],
    manifest: Manifest,
    actions: Sequence[Action],
    req: Requirement,
    reason: str,
    wait: Wait,
    start: Start | None = None,
) -> TargetStatus:
    """``req`` dated: the first date, among those on which the plan's actions complete, on which
    re-evaluating with the actions done by then and the lower levels certified meets it
    (``start``: the state of ``manifest`` itself, what a check on its own date starts from)."""
    now = manifest.assessment.date
    pack = next(p for p in packs if p.id == req.pack)
    dates = sorted({now, wait.opens, *(a.earliest for a in actions if a.earliest)})
    outcomes: dict[tuple[date, tuple[CertifiedLevel, ...]], PackOutcome] = {}

    def check(level: int, on: date, assumed: tuple[CertifiedLevel, ...]) -> tuple[bool, str]:
        outcome = outcomes.get((on, assumed))
        if outcome is None:
            done = done_by(actions, on)
            applied = apply_actions(as_of(manifest, on), done)
            applied = applied.model_copy(update={"certified_levels": (*applied.certified_levels, *assumed)})
            answered = with_base_findings([pack], applied)  # as evaluate([pack], applied), without hashing it
            outcome = start.outcome(pack.id, applied, done) if on == now and start is not None and answered is applied else None
            if outcome is None:
                outcome = outcome_of(pack, answered, facts_of(answered, start))
            outcomes[(on, assumed)] = outcome
        return Requirement(req.pack, req.model, level).meets(outcome)

    assumed: tuple[CertifiedLevel, ...] = ()
    lower = now
    opens = wait.opens if wait.opens > now else None
    for level in (*wait.steps, req.value):
        message = ""
        if level == req.value:
            lower = max(lower, wait.opens)
        for on in sorted(d for d in {lower, *dates} if lower <= d <= LATEST):  # within the calendar of manifests
            met, message = check(level, on, assumed)
            if met:
                break
        else:
            words = Msg("plan.target.history_undated", reason=reason, level=f"L{level}", date=dates[-1], message=message)
            return TargetStatus(target=str(req), reachable=False, reached=False, reason=words, opens=opens, assumes=assumed)
        lower = on
        if level != req.value:
            assumed = (*assumed, CertifiedLevel(pack=req.pack, level=level, date=on))
            lower = on + timedelta(days=1)  # the next level at a later assessment
    basis = _basis(assumed, opens)
    words = Msg("plan.target.history", reason=reason, date=lower, basis=basis, message=message)
    return TargetStatus(
        target=str(req), reachable=False, reached=False, reason=words, earliest=lower, opens=opens, assumes=assumed
    )


def _basis(assumed: tuple[CertifiedLevel, ...], opens: date | None) -> Msg:
    """What the date rests on: the operating years, and the certifications assumed before it."""
    years = Msg("plan.history.years", date=opens) if opens else None
    steps = None
    if assumed:
        levels = tuple(Msg("plan.history.level", level=c.level, date=c.date) for c in assumed)
        steps = Msg("plan.history.steps", levels=levels)
    if years and steps:
        return Msg("plan.history.both", years=years, steps=steps)
    return years or steps or Msg("plan.history.none")
