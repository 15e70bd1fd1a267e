"""The manifest's own state on its own date, kept before the search changes the plan: what every
later look at that date starts from instead of deciding every pack again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model.gaps import Action
from ..model.manifest import Manifest
from ..model.result import PackOutcome
from ..predicates import Facts, Patch
from .state import PlanState


def outcome_now(plan: PlanState, pack_id: str) -> PackOutcome:
    """The outcome of a pack of ``plan`` as it stands (its board is decided already)."""
    outcome: PackOutcome = plan.packs[pack_id].scoring.score(plan.board(pack_id))[0]
    return outcome


class Start:
    """``plan`` as it is now (a fork that the search leaves alone), and the outcomes of the packs
    ``scored``."""

    def __init__(self, plan: PlanState, scored: Iterable[str]):
        self.state = plan.fork()
        self.outcomes = {pack_id: outcome_now(plan, pack_id) for pack_id in scored}
        self.carried: dict[tuple[str, ...], PlanState] = {}

    def taking(self, manifest: Manifest, actions: Sequence[Action], since: tuple[PlanState, int] | None = None) -> PlanState:
        """The state of ``manifest``, which is the start's manifest with ``actions`` applied (on its
        own date): the start's state with every action's evidence, people and findings simulated
        and committed as one, so that only what they touch is decided again. ``since``: a state
        found so for the first N of ``actions`` (left as it is), to take only the others on top
        of. A new state, the caller's to change."""
        base, done = since if since is not None else (self.state, 0)
        rest = actions[done:]
        patch = Patch(tuple(i for a in rest for i in a.evidence), tuple(p for a in rest for p in a.people))
        return base.taking(manifest, patch, [f for a in rest for f in a.findings])

    def facts(self, manifest: Manifest) -> Facts:
        """``Facts.of(manifest)``: when ``manifest`` is the start's own on a later date (its very
        evidence and people, no action done by then), the start's facts moved to that date,
        which share what they indexed already."""
        base = self.state
        if manifest.evidence is base.manifest.evidence and manifest.people is base.manifest.people:
            moved = base.facts.later(manifest.assessment.date, manifest.evidence)
            if moved is not None:
                return moved
        return Facts.of(manifest)

    def carries(self, actions: Sequence[Action]) -> bool:
        """Whether carrying the start forward by ``actions`` costs less than deciding every pack
        afresh: when what they add and record touches at most a quarter of the checkpoints (a
        checkpoint simulated costs a few times one decided)."""
        types = {i.type for a in actions for i in a.evidence}
        people = any(a.people for a in actions)
        targets = {(f.pack, f.target) for a in actions for f in a.findings}
        touched = total = 0
        for pack_id, state in self.state.states.items():
            total += len(state.checkpoints)
            found = {cp for t in types for cp in state.fixed.by_type.get(t, ())}
            found.update(state.fixed.people_checkpoints if people else ())
            found.update(t for p, t in targets if p == pack_id and t in state.checkpoints)
            touched += len(found)
        return 4 * touched <= total

    def outcome(self, pack_id: str, manifest: Manifest, done: Sequence[Action]) -> PackOutcome | None:
        """What evaluating ``pack_id`` on ``manifest`` gives, when that is the start's manifest with
        the actions ``done`` applied, as evaluate() reads it (no overlay answers to a base), maybe
        with other certified levels (which the scoring reads, and deciding does not); None when
        evaluating costs less (see :meth:`carries`)."""
        if not done and manifest.certified_levels == self.state.manifest.certified_levels and pack_id in self.outcomes:
            return self.outcomes[pack_id]
        ids = tuple(a.id for a in done)
        state = self.carried.get(ids)
        if state is None:
            if not self.carries(done):
                return None
            # From the longest run of these actions carried already, when there is one.
            since = max(((s, len(k)) for k, s in self.carried.items() if ids[: len(k)] == k), key=lambda p: p[1], default=None)
            state = self.carried[ids] = self.taking(manifest, done, since)
        board = replace(state.board(pack_id), manifest=manifest)
        outcome: PackOutcome = state.packs[pack_id].scoring.score(board)[0]
        return outcome


def facts_of(manifest: Manifest, start: Start | None) -> Facts:
    """``Facts.of(manifest)``, moved from ``start``'s when it can be (see :meth:`Start.facts`)."""
    return start.facts(manifest) if start is not None else Facts.of(manifest)
