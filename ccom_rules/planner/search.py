"""The search: a lazy greedy walk over actions, each scored by how much it shortens every
target's distance (as each scoring model measures it)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..engine import evaluate
from ..model.gaps import Action, Plan, TargetStatus
from ..model.manifest import Manifest
from ..model.overlay import with_base_findings
from ..model.pack import ClausePack
from ..requirements import Requirement, parse_requirement
from ..scoring.base import RANK
from .actions import Built, build, candidates
from .describe import describe, gains, number
from .keys import ActionKey, action_id
from .state import Delta, PlanState

RATIONALE = (
    "Greedy: each step takes the action that most reduces the remaining distance to the targets "
    "(CCOM: open nonconformities, unassessed clauses and failing prerequisites; CC-CMM: items short of each "
    "share condition up to the target level, counted as 20 points each, plus points short of each total; "
    "CCCS-OP: points short of the target), ties broken by checkpoint progress, then by fewer additions. "
    "Each action is re-evaluated incrementally: only the checkpoints needing what it adds, their clauses and "
    "the scores they feed. The plan is then verified by re-evaluating the manifest with every action applied."
)

MAX_ACTIONS = 400

Rank = tuple[float, float, int, ActionKey]
"""(−distance reduction, −checkpoint progress, additions, key): smallest is best. Floats,
because the heap compares them often; the distances themselves stay exact."""


@dataclass(frozen=True)
class Candidate:
    rank: Rank
    built: Built
    delta: Delta
    step: int


def apply_actions(manifest: Manifest, actions: Sequence[Action]) -> Manifest:
    """``manifest`` with every action's evidence, people and findings added (findings replace
    any recorded for the same pack and target)."""
    evidence = list(manifest.evidence)
    people = list(manifest.people)
    findings = {(f.pack, f.target): f for f in manifest.findings}
    for action in actions:
        evidence += action.evidence
        people += action.people
        for f in action.findings:
            findings[(f.pack, f.target)] = f
    return manifest.model_copy(
        update={"evidence": tuple(evidence), "people": tuple(people), "findings": tuple(findings.values())}
    )


def default_targets(plan: PlanState, packs: Sequence[ClausePack]) -> list[Requirement]:
    """The next step for each pack, as its scoring model sees it (a pass, the next certifiable
    level — reported unreachable, with the reason, when history blocks it — the next band)."""
    reqs = []
    for pack in packs:
        outcome, _ = pack.scoring.score(plan.board(pack.id))  # the plan's boards are decided already
        value = pack.scoring.next_target(outcome)
        if value is not None:
            reqs.append(Requirement(pack.id, pack.scoring.model, value))
    return reqs


class Search:
    """One greedy search towards ``targets`` (each already checked reachable)."""

    def __init__(self, plan: PlanState, targets: Sequence[Requirement]):
        self.plan = plan
        self.initial = {r: plan.distance(r, None) for r in targets}
        self.scale = {r: 1 / float(d) for r, d in self.initial.items() if d > 0}
        self.active_packs = {r.pack for r in self.scale}
        self.current = self.combined(None)
        self.step = 0
        self.cache: dict[ActionKey, Candidate | None] = {}

    def combined(self, delta: Delta | None) -> float:
        """Each target's distance as a share of where it started, summed (0.0 when all are met)."""
        return sum(float(self.plan.distance(r, delta)) * s for r, s in self.scale.items())

    def assess(self, key: ActionKey) -> Candidate | None:
        plan = self.plan
        built = build(plan, key)
        if built is None:
            return None
        delta = plan.simulate(built.patch, built.findings)
        reduction = self.current - self.combined(delta)
        # Progress that does not yet move a target: evidence degrees rising, and checkpoints
        # (also those an assessor decides) climbing from not met towards met.
        progress = sum(
            float(d - plan.states[p].degrees.get(c, Fraction(0)))
            for p, changes in delta.degrees.items()
            if p in self.active_packs
            for c, d in changes.items()
        )
        progress += sum(
            (RANK[r.status] - RANK[plan.states[p].checkpoints[c].status]) / 2
            for p, changes in delta.checkpoints.items()
            if p in self.active_packs
            for c, r in changes.items()
        )
        additions = built.patch.size() + len(built.findings)
        return Candidate((-reduction, -progress, additions, key), built, delta, self.step)

    def choose(self) -> Candidate | None:
        """The best action now. Lazy greedy: cached gains from earlier steps are upper bounds;
        only the candidate at the top of the heap is re-assessed until a fresh one stays on top."""
        heap: list[Rank] = []
        for key in candidates(self.plan):
            if key not in self.cache:
                self.cache[key] = self.assess(key)
            found = self.cache[key]
            if found is not None:
                heap.append(found.rank)
        heapq.heapify(heap)
        while heap:
            rank = heapq.heappop(heap)
            found = self.cache[rank[3]]
            assert found is not None
            if found.step == self.step:
                return found
            self.cache[rank[3]] = fresh = self.assess(rank[3])
            if fresh is not None:
                heapq.heappush(heap, fresh.rank)
        return None

    def run(self) -> list[Action]:
        actions: list[Action] = []
        planned = 0
        while self.current > 0 and len(actions) < MAX_ACTIONS:
            chosen = self.choose()
            if chosen is None or (chosen.rank[0] >= 0 and chosen.rank[1] >= 0):
                break
            key = chosen.rank[3]
            patch = number(self.plan, chosen.built.patch, planned)
            planned += len(patch.evidence)
            actions.append(
                Action(
                    id=action_id(key),
                    kind=chosen.built.kind,
                    title=describe(self.plan, key, patch),
                    evidence=patch.evidence,
                    people=patch.people,
                    findings=chosen.built.findings,
                    gains=gains(self.plan, chosen.delta),
                )
            )
            self.plan.commit(chosen.delta)
            self.current = self.combined(None)
            self.step += 1
            self.cache.pop(key, None)
        return actions


def plan_remediation(packs: Sequence[ClausePack], manifest: Manifest, targets: Sequence[str | Requirement] = ()) -> Plan:
    """A greedy plan of actions reaching ``targets`` (``PACK:pass``, ``PACK:L3``, ``PACK:81``).

    Without targets, each pack's next step (a pass, the next certifiable level, the next
    band). Unreachable targets are reported with the reason. Raises ``ValueError`` for a
    target that cannot be read.
    """
    manifest = with_base_findings(packs, manifest)  # a base's findings apply to its overlays
    plan = PlanState(packs, manifest)
    reqs = [parse_requirement(t) if isinstance(t, str) else t for t in targets] or default_targets(plan, packs)
    reasons = {r: plan.blocked(r) for r in reqs}
    search = Search(plan, [r for r in reqs if reasons[r] is None])
    actions = search.run()
    # The guarantee: the plan is checked by a full evaluation of the manifest with every action.
    verified = evaluate(packs, apply_actions(manifest, actions))
    statuses = []
    for req in reqs:
        reason = reasons[req]
        if reason is not None:
            statuses.append(TargetStatus(target=str(req), reachable=False, reached=False, reason=reason))
            continue
        reached, message = req.check(verified.pack(req.pack))
        if reached:
            reason = "already met" if search.initial[req] == 0 else f"reached: {message}"
        else:
            reason = f"not reached with the available actions: {message}"
        statuses.append(TargetStatus(target=str(req), reachable=reached, reached=reached, reason=reason))
    return Plan(targets=tuple(statuses), actions=tuple(actions), rationale=RATIONALE)
