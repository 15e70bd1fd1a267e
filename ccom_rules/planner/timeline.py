"""The plan as a calendar: search what can be done now, then look ahead to the date by which the
series and certificates still needed can be complete, and verify each target as of its own date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..compiled import gc_paused, manifest_index
from ..engine import decide
from ..i18n import Msg
from ..model.gaps import Action, Plan, TargetStatus
from ..model.manifest import Manifest
from ..model.overlay import with_base_findings
from ..model.pack import ClausePack
from ..model.result import PackOutcome
from ..predicates import CertifiedPeople, Continuous, Facts, Outcome
from ..ranges import LATEST
from ..requirements import Requirement, parse_requirement
from .actions import DONE
from .predicates import leaves
from .search import RATIONALE, Search, apply_actions, default_targets
from .start import Start, facts_of
from .state import PlanState


def as_of(manifest: Manifest, on: date) -> Manifest:
    """``manifest`` assessed on ``on`` instead: what a later assessment would see (``manifest``
    itself when that is its date)."""
    if manifest.assessment.date == on:
        return manifest
    return manifest.model_copy(update={"assessment": manifest.assessment.model_copy(update={"date": on})})


def done_by(actions: Sequence[Action], on: date) -> list[Action]:
    """The actions that can be complete on ``on``."""
    return [a for a in actions if a.earliest is None or a.earliest <= on]


def horizon(plan: PlanState, targets: Sequence[Requirement]) -> date:
    """The date by which every continuous series and certificate the targets' packs still lack
    can be complete (``plan``'s date when none is lacking), but never after the last date a
    manifest may hold: work planned later could not be written down (a target that needs longer
    is then not reached by that date)."""
    latest = plan.facts.today
    for pack_id in {r.pack for r in targets}:
        state = plan.states[pack_id]
        preds = [
            state.pack.index.checkpoints[cp][0].evidence
            for cp, res in state.checkpoints.items()
            if res.status not in DONE and res.decided_by != "assessor"
        ]
        preds += [pred for cond, pred in state.pack.scoring.conditions().items() if not state.held[cond]]
        for pred in preds:
            for leaf in leaves(pred):
                if isinstance(leaf, (Continuous, CertifiedPeople)) and not leaf.evaluate(plan.facts).satisfied:
                    latest = max(latest, leaf.ready(plan.facts))
    return min(latest, LATEST)


def outcome_of(pack: ClausePack, manifest: Manifest, facts: Facts, shared: dict[str, Outcome] | None = None) -> PackOutcome:
    """The outcome :func:`~ccom_rules.engine.evaluate_pack` gives, without the clause results."""
    outcome: PackOutcome = pack.scoring.score(decide(pack, manifest, facts, shared)[0])[0]
    return outcome


class Verifier:
    """The guarantee: a target is reached on a date when a full evaluation of its pack, as of that
    date, of the manifest with the actions done by then, says so (each pack evaluated once per
    date). ``start``: the state of the manifest itself, what a check on its own date starts from."""

    def __init__(self, packs: Sequence[ClausePack], manifest: Manifest, actions: Sequence[Action], start: Start | None = None):
        self.packs, self.manifest, self.actions, self.start = packs, manifest, actions, start
        self.by_id = {p.id: p for p in packs}
        self.dates: dict[date, tuple[Manifest, Facts, dict[str, Outcome]]] = {}
        self.outcomes: dict[tuple[date, str], PackOutcome] = {}

    def __call__(self, req: Requirement, on: date) -> tuple[bool, str]:
        outcome = self.outcomes.get((on, req.pack))
        if outcome is None:
            outcome = self.outcomes[(on, req.pack)] = self._evaluate(req.pack, on)
        return req.meets(outcome)

    def _evaluate(self, pack_id: str, on: date) -> PackOutcome:
        if on == self.manifest.assessment.date and self.start is not None:
            done = done_by(self.actions, on)
            applied = apply_actions(self.manifest, done)
            if with_base_findings(self.packs, applied) is applied:  # evaluate() reads it as it is
                carried = self.start.outcome(pack_id, applied, done)
                if carried is not None:
                    return carried
        if on not in self.dates:
            done_then = apply_actions(as_of(self.manifest, on), done_by(self.actions, on))
            answered = with_base_findings(self.packs, done_then)  # as evaluate() reads it
            self.dates[on] = (answered, facts_of(answered, self.start), {})
        answered, facts, shared = self.dates[on]
        return outcome_of(self.by_id[pack_id], answered, facts, shared)


def plan_remediation(packs: Sequence[ClausePack], manifest: Manifest, targets: Sequence[str | Requirement] = ()) -> Plan:
    """A greedy plan of actions reaching ``targets`` (``PACK:pass``, ``PACK:L3``, ``PACK:81``),
    each action dated by when it can be complete and each target by when it can be reached.

    Without targets, each pack's next step (a pass, the next certifiable level, the next
    band). Unreachable targets are reported with the reason. Raises ``ValueError`` for a
    target that cannot be read.
    """
    with gc_paused():  # planning makes many short-lived objects and no cycles (see gc_paused)
        return _plan(packs, manifest, targets)


def _plan(packs: Sequence[ClausePack], manifest: Manifest, targets: Sequence[str | Requirement]) -> Plan:
    answered = with_base_findings(packs, manifest)  # a base's findings apply to its overlays
    # The manifest's own facts, indexed once per manifest object as evaluate() reads them.
    plan = PlanState(packs, answered, facts=manifest_index(manifest).facts if answered is manifest else None)
    manifest, now = answered, answered.assessment.date
    named = [parse_requirement(t) if isinstance(t, str) else t for t in targets]
    start = Start(plan, {r.pack for r in named} & plan.packs.keys() if named else plan.packs)
    reqs = named or default_targets(plan, packs, start.outcomes)
    reasons = {r: plan.blocked(r) for r in reqs}
    waiting = {r: w for r in reqs if reasons[r] is not None and (w := plan.waits(r)) is not None}
    live = [r for r in reqs if reasons[r] is None]
    search = Search(plan, live)
    actions: list[Action] = []
    planned = search.run(actions)
    initial, met = dict(search.initial), dict(search.met)
    left = [r for r in live if r not in met]
    ahead = horizon(plan, left) if left else now
    if ahead > now:  # what remains needs time: plan again as of the date it can be complete
        later = PlanState(packs, apply_actions(as_of(manifest, ahead), actions), now)
        more = Search(later, left, len(actions))
        planned = more.run(actions, planned)
        met.update(more.met)
    if waiting:  # held back by history: planned after the others, and dated with the history they wait for
        from .history import date_waiting, plan_waiting

        for req in waiting:
            planned = plan_waiting(packs, manifest, plan, actions, planned, req, start)
        dated = {
            req: date_waiting(packs, manifest, actions, req, reasons[req] or "", wait, start) for req, wait in waiting.items()
        }
    check = Verifier(packs, manifest, actions, start)

    statuses = []
    for req in reqs:
        reason = reasons[req]
        if req in waiting:
            statuses.append(dated[req])
            continue
        if reason is not None:
            statuses.append(TargetStatus(target=str(req), reachable=False, reached=False, reason=reason))
            continue
        needed = met.get(req)
        on = max([now, *(a.earliest for a in actions[:needed] if a.earliest)]) if needed is not None else ahead
        reached, message = check(req, on)
        if not reached and on < ahead:
            on = ahead
            reached, message = check(req, on)
        if reached:
            words = Msg("plan.target.already") if initial[req] == 0 else Msg("plan.target.reached", date=on, message=message)
        else:
            words = Msg("plan.target.not_reached", date=on, message=message)
        statuses.append(TargetStatus(target=str(req), reachable=reached, reached=reached, reason=words, earliest=on))
    return Plan(targets=tuple(statuses), actions=tuple(actions), rationale=RATIONALE)
