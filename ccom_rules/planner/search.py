"""The search: a lazy greedy walk over actions, each scored by how much it shortens every
target's distance (as each scoring model measures it)."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction

from ..i18n import Msg
from ..model.gaps import Action
from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import PackOutcome
from ..predicates import with_added
from ..requirements import Requirement
from ..scoring.base import RANK
from .actions import Built, build
from . import calendar
from .describe import describe, gains, number
from .keys import ActionKey, action_id
from .options import Options
from .reads import Read, changes
from .start import outcome_now
from .pack_state import Delta
from .state import PlanState
from ..records import record

RATIONALE = Msg("plan.rationale")
"""How the plan is made, in words (the message ``plan.rationale`` of the catalogues)."""

MAX_ACTIONS = 400

Rank = tuple[float, float, int, ActionKey]
"""(−distance reduction, −checkpoint progress, additions, key): smallest is best. Floats,
because the heap compares them often; the distances themselves stay exact."""


@record
class Candidate:
    rank: Rank
    built: Built
    delta: Delta
    step: int
    reads: frozenset[Read]
    """What building and simulating it read of the plan's state (see :mod:`.reads`)."""
    built_reads: frozenset[Read]
    """What building it read (a part of :attr:`reads`)."""
    distances: dict[Requirement, Fraction]
    """Each target's distance once it is taken."""


def apply_actions(manifest: Manifest, actions: Sequence[Action]) -> Manifest:
    """``manifest`` with every action's evidence, people and findings added (findings replace
    any recorded for the same pack and target); ``manifest`` itself when there are none."""
    if not actions:
        return manifest
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


def default_targets(
    plan: PlanState, packs: Sequence[ClausePack], outcomes: Mapping[str, PackOutcome] | None = None
) -> list[Requirement]:
    """The next step for each pack, as its scoring model sees it (a pass, the next certifiable
    level — reported unreachable, with the reason, when history blocks it — the next band);
    ``outcomes``: each pack's :func:`outcome_now`, when known already."""
    reqs = []
    for pack in packs:
        outcome = outcomes[pack.id] if outcomes is not None else outcome_now(plan, pack.id)
        value = pack.scoring.next_target(outcome)
        if value is not None:
            reqs.append(Requirement(pack.id, pack.scoring.model, value))
    return reqs


class Search:
    """One greedy search towards ``targets`` (each already checked reachable)."""

    reuse = True
    """Whether an assessment whose reads no action since has changed is taken again as it is
    (the same plan either way, faster; False only to test that)."""

    def __init__(self, plan: PlanState, targets: Sequence[Requirement], done: int = 0):
        """``done``: how many actions the plan holds already (targets met at the start needed those)."""
        self.plan = plan
        self.initial = {r: plan.distance(r, None) for r in targets}
        self.scale = {r: 1 / float(d) for r, d in self.initial.items() if d > 0}
        self.active_packs = {r.pack for r in self.scale}
        self.current = self.combined(None)
        self.step = 0
        self.cache: dict[ActionKey, Candidate | None] = {}
        """Each candidate's latest assessment (None: it would add nothing)."""
        self.options: Options | None = None
        """The candidates, read on the first step (a search whose targets are met takes none)."""
        self.heap: list[Rank] = []
        self.parked: dict[ActionKey, Rank] = {}
        self.seen: set[ActionKey] = set()
        """The candidates of the last step."""
        self.met: dict[Requirement, int] = {r: done for r, d in self.initial.items() if d == 0}
        """For each target met so far, how many of the plan's actions it needed."""
        self.changes: list[frozenset[Read]] = []
        """What each action taken changed, by step."""

    def combined(self, delta: Delta | None) -> float:
        """Each target's distance as a share of where it started, summed (0.0 when all are met)."""
        return self.share({r: self.plan.distance(r, delta) for r in self.scale})

    def share(self, distances: dict[Requirement, Fraction]) -> float:
        """:meth:`combined` of the targets' ``distances``."""
        return sum(float(distances[r]) * s for r, s in self.scale.items())

    def assess(self, key: ActionKey) -> Candidate | None:
        plan = self.plan
        old = self.cache.get(key)
        since = self.changes[old.step :] if self.reuse and old is not None else None
        if old is not None and since is not None and all(old.reads.isdisjoint(changed) for changed in since):
            # Nothing it read has changed since: building and simulating it again would give the same.
            built, reads, built_reads = old.built, old.reads, old.built_reads
            delta = replace(old.delta, facts=with_added(plan.facts, built.patch))
        else:
            read: set[Read]
            if old is not None and since is not None and all(old.built_reads.isdisjoint(changed) for changed in since):
                built, read = old.built, set(old.built_reads)  # building it again would give the same
            else:
                read = set()
                found = build(plan, key, read)
                if found is None:
                    return None
                built = found
            built_reads = frozenset(read)
            delta = plan.simulate(built.patch, built.findings, read, self.active_packs)  # all its rank reads
            reads = frozenset(read)
        distances = {r: plan.distance(r, delta) for r in self.scale}
        reduction = self.current - self.share(distances)
        # Progress that does not yet move a target: evidence degrees rising, and checkpoints
        # (also those an assessor decides) climbing from not met towards met.
        progress = sum(
            float(d - plan.states[p].degrees.get(c, Fraction(0)))
            for p, moved in delta.degrees.items()
            if p in self.active_packs
            for c, d in moved.items()
        )
        progress += sum(
            (RANK[r.status] - RANK[plan.states[p].checkpoints[c].status]) / 2
            for p, moved in delta.checkpoints.items()
            if p in self.active_packs
            for c, r in moved.items()
        )
        additions = built.patch.size() + len(built.findings)
        return Candidate((-reduction, -progress, additions, key), built, delta, self.step, reads, built_reads, distances)

    def choose(self) -> Candidate | None:
        """The best action now. Lazy greedy: gains assessed at earlier steps are upper bounds;
        only the candidate at the top of the heap is assessed again until a fresh one stays on
        top. The heap lasts across steps: an entry whose key was assessed again since, or that
        is no longer a candidate, is passed over (the latter parked until it is one again)."""
        if self.options is None:
            self.options = Options(self.plan)
        live, heap, cache = self.options.keys(), self.heap, self.cache
        for key in live - self.seen:  # candidates since the last step
            if key in self.parked:
                heapq.heappush(heap, self.parked.pop(key))
            elif key not in cache:
                cache[key] = found = self.assess(key)
                if found is not None:
                    heapq.heappush(heap, found.rank)
        self.seen = set(live)
        while heap:
            rank = heapq.heappop(heap)
            key = rank[3]
            found = cache.get(key)
            if found is None or found.rank != rank:
                continue
            if key not in live:
                self.parked[key] = rank
                continue
            if found.step == self.step:
                return found
            cache[key] = fresh = self.assess(key)
            if fresh is not None:
                heapq.heappush(heap, fresh.rank)
        return None

    def run(self, actions: list[Action], planned: int = 0) -> int:
        """Append the chosen actions to ``actions`` (planned evidence numbered from ``planned`` + 1)
        until every target is met or nothing helps; record in :attr:`met` how many actions each
        target needed. Returns the number of planned evidence items so far."""
        now = self.plan.facts.today
        taken = {a.id for a in actions}
        while self.current > 0 and len(actions) < MAX_ACTIONS:
            chosen = self.choose()
            if chosen is None or (chosen.rank[0] >= 0 and chosen.rank[1] >= 0):
                break
            key = chosen.rank[3]
            delta = self.plan.complete(chosen.delta, chosen.built.patch, chosen.built.findings, self.active_packs)
            patch = number(self.plan, chosen.built.patch, planned)
            planned += len(patch.evidence)
            when = calendar.earliest(patch, now)
            ident = action_id(key)
            if ident in taken:  # the same kind of action again, later (e.g. a series continued)
                ident = next(f"{ident}+{n}" for n in range(2, len(actions) + 2) if f"{ident}+{n}" not in taken)
            actions.append(
                Action(
                    id=ident,
                    kind=chosen.built.kind,
                    title=describe(self.plan, key, patch),
                    evidence=patch.evidence,
                    people=patch.people,
                    findings=chosen.built.findings,
                    gains=gains(self.plan, delta),
                    earliest=when,
                    phase=calendar.phase(when, now),
                    workstream=calendar.workstream(patch, chosen.built.findings),
                    timing=calendar.timing(patch, chosen.built.findings, when, now),
                )
            )
            taken.add(ident)
            self.plan.commit(delta)
            self.plan.distances.update(chosen.distances)  # as measured on the delta taken
            self.changes.append(changes(chosen.built.patch, delta))
            assert self.options is not None  # read by choose()
            self.options.update(delta)
            self.current = self.combined(None)
            self.step += 1
            self.cache.pop(key, None)
            self.seen.discard(key)  # assessed afresh if it stays a candidate
            for req in self.scale:
                if req not in self.met and self.plan.distance(req, None) == 0:
                    self.met[req] = len(actions)
        return planned
