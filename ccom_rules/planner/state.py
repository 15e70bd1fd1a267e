"""The planner's state: every pack's decided statuses and scoring units, changed only by
committing a simulated action (a :class:`~.pack_state.Delta`), never by editing the models it came from."""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Collection, Mapping, Sequence
from copy import copy
from datetime import date
from fractions import Fraction

from ..engine import checkpoint_result, clause_state
from ..i18n import Msg
from ..model.manifest import Finding, Manifest
from ..model.pack import ClausePack
from ..predicates import Facts, Outcome, Patch, with_added
from ..requirements import Requirement
from ..scoring.base import Board, Tally, Unit, Wait, add_tally
from .fixed import PEOPLE
from .memo import Memo
from .pack_state import PER_PACK, Delta, PackState, pack_state
from .reads import Read, patch_reads


class PlanState:
    """Every pack's state for one manifest, as actions are simulated and committed."""

    def __init__(self, packs: Sequence[ClausePack], manifest: Manifest, now: date | None = None, facts: Facts | None = None):
        """``manifest`` as of the date the plan looks at (its assessment date); ``now``, when
        earlier, the date planned work can start (see :class:`~ccom_rules.predicates.Facts`);
        ``facts``: ``Facts.of(manifest, now)`` when made already."""
        self.manifest = manifest
        self.facts = facts if facts is not None else Facts.of(manifest, now)
        self.findings: dict[tuple[str, str], Finding] = {(f.pack, f.target): f for f in manifest.findings}
        self.packs = {p.id: p for p in packs}
        shared: dict[str, Outcome] = {}  # a predicate several packs ask is evaluated once
        self.states = {p.id: pack_state(p, manifest, self.facts, shared) for p in packs}
        self.distances: dict[Requirement, Fraction] = {}
        self.memo = Memo()  # shared with every fork: the same date
        self.figures: dict[str, tuple[Mapping[str, Unit], Tally, Tally]] = {}
        """Per pack, the figures last worked out by :meth:`tally`: the unit changes, the figures they changed, the result."""

    def board(self, pack_id: str) -> Board:
        return self.states[pack_id].board(self.manifest, self.facts)

    def scored(self, pack_id: str) -> PackState:
        """The pack's state with its scoring units and figures, worked out on first use: a pack
        that no target measures and no simulated action reaches never needs them. (Simulating a
        pack scores it first, so a pack is scored before any of its statuses change.)"""
        state = self.states[pack_id]
        if not state.scored:
            if not state.first:
                model = state.pack.scoring
                units = model.units(state.board(self.manifest, self.facts))
                state.first.append((units, model.figures(state.pack.index, units)))
            units, tally = state.first[0]
            state.units, state.tally = dict(units), dict(tally)
            state.scored = True
        return state

    def fork(self) -> PlanState:
        """A copy that simulating and committing change apart from this one."""
        other = copy(self)
        other.findings = dict(self.findings)
        other.states = {pack_id: state.fork() for pack_id, state in self.states.items()}
        other.distances = {}
        other.figures = {}
        return other

    def taking(self, manifest: Manifest, patch: Patch, findings: Sequence[Finding]) -> PlanState:
        """A fork with ``patch`` added and ``findings`` recorded: the state of ``manifest``, which is
        this state's manifest with them (same date), found by deciding again only what they touch."""
        other = self.fork()
        other.commit(other.simulate(patch, findings))
        other.manifest = manifest
        return other

    # --- simulation -------------------------------------------------------------------------

    def simulate(
        self, patch: Patch, findings: Sequence[Finding] = (), reads: set[Read] | None = None, only: Collection[str] | None = None
    ) -> Delta:
        """The effect of adding ``patch`` and recording ``findings``, without taking it: only the
        checkpoints needing what it adds, their clauses and the scoring units they feed. What it
        reads of the state is added to ``reads``, when given; ``only``: the packs to simulate
        (every pack when None; see :meth:`complete`)."""
        if reads is None:
            reads = set()
        reads.update(patch_reads(patch))
        facts = with_added(self.facts, patch)
        delta = Delta(facts=facts, findings={(f.pack, f.target): f for f in findings})
        types = {i.type for i in patch.evidence}
        outcomes: dict[str, Outcome] = {}
        precedence = self.manifest.assessment.precedence
        for pack_id in self.states:
            if only is not None and pack_id not in only:
                continue
            state = self.scored(pack_id)
            index = state.pack.index
            touched_cps = {cp for t in types for cp in state.fixed.by_type.get(t, ())}
            if patch.people:
                touched_cps.update(state.fixed.people_checkpoints)
            touched_clauses: set[str] = set()
            touched_units: list[str] = []
            own = {t: f for (fp, t), f in delta.findings.items() if fp == pack_id}
            for target in own:
                (touched_cps if target in index.checkpoints else touched_clauses).add(target)
            if not touched_cps and not touched_clauses and not (patch.people or patch.evidence):
                continue
            # Plain dicts over the pack's own (copied when the action changes something: lookups
            # are many, and a dict's cost less than a ChainMap's).
            findings_map: Mapping[str, Finding] = {**state.findings, **own} if own else state.findings
            new_cps = delta.checkpoints[pack_id]
            for cp_id in touched_cps:
                reads |= state.fixed.reads_of("cp", cp_id)
                cp, cid = index.checkpoints[cp_id]
                waived = state.declared.get(cp_id, state.waived.get(cid))
                outcome = None
                if waived is None:  # checkpoints (of any pack) asking the same thing share one outcome
                    outcome = outcomes.get(state.fixed.keys[cp_id])
                    if outcome is None:
                        outcome = outcomes[state.fixed.keys[cp_id]] = cp.evidence.evaluate(facts)
                result, outcome = checkpoint_result(cp, facts, findings_map.get(cp_id), precedence, waived, outcome)
                if result != state.checkpoints[cp_id]:
                    new_cps[cp_id] = result
                    touched_clauses.add(cid)  # a clause reads only its checkpoints' results
                if outcome is not None and outcome.degree != state.degrees.get(cp_id):
                    delta.degrees[pack_id][cp_id] = outcome.degree
            cps = {**state.checkpoints, **new_cps} if new_cps else state.checkpoints
            new_states = delta.clauses[pack_id]
            states = dict(state.clauses) if touched_clauses else state.clauses
            # Deepest first (by descending id within a depth): a clause is decided again when one
            # of its checkpoints, its finding or one of its children changed; its unit reads only
            # those and its own state. A parent is one level up, so each level is done at once.
            dirty: dict[int, set[str]] = {}
            for cid in touched_clauses:
                dirty.setdefault(index.clauses[cid].depth, set()).add(cid)
            while dirty:
                for cid in sorted(dirty.pop(max(dirty)), reverse=True):
                    reads |= state.fixed.reads_of("clause", cid)
                    placed = index.clauses[cid]
                    new = clause_state(placed.clause, cps, states, findings_map.get(cid), precedence, state.waived.get(cid))
                    if new != state.clauses[cid]:
                        new_states[cid] = states[cid] = new
                        if placed.parent is not None:
                            dirty.setdefault(placed.depth - 1, set()).add(placed.parent)
                    touched_units.append(cid)
            board = Board(pack_id, index, self.manifest, facts, cps, states, findings_map)
            model = state.pack.scoring
            for cid in touched_units:
                if cid in state.units:
                    unit = model.unit(board, cid)
                    if unit is not None and unit != state.units[cid]:
                        delta.units[pack_id][cid] = unit
            for cond, cond_reads in state.fixed.condition_reads.items():
                if cond_reads.isdisjoint(types) and not (patch.people and PEOPLE in cond_reads):
                    continue
                reads |= state.fixed.reads_of("condition", cond)
                held = model.conditions()[cond].evaluate(facts).satisfied
                if held != state.held[cond]:
                    delta.held[pack_id][cond] = held
        return delta

    def complete(self, delta: Delta, patch: Patch, findings: Sequence[Finding], done: Collection[str]) -> Delta:
        """``delta``, simulated for the packs ``done`` only, with every other pack's part added."""
        others = [pack_id for pack_id in self.states if pack_id not in done]
        if not others:
            return delta
        rest = self.simulate(patch, findings, only=others)
        whole = Delta(
            delta.facts,
            delta.findings,
            defaultdict(dict, delta.checkpoints),
            defaultdict(dict, delta.clauses),
            defaultdict(dict, delta.degrees),
            defaultdict(dict, delta.units),
            defaultdict(dict, delta.held),
        )
        for name in PER_PACK:
            whole_parts, rest_parts = getattr(whole, name), getattr(rest, name)
            for pack_id in others:
                if pack_id in rest_parts:
                    whole_parts[pack_id] = rest_parts[pack_id]
        return whole

    def commit(self, delta: Delta) -> None:
        """Take the simulated action: carry each pack's figures forward, then its statuses."""
        for pack_id, state in self.states.items():
            if delta.units.get(pack_id):
                state.tally = self.tally(pack_id, delta)
        self.distances.clear()
        self.facts = delta.facts
        self.findings.update(delta.findings)
        for pack_id, state in self.states.items():
            state.checkpoints.update(delta.checkpoints.get(pack_id, {}))
            state.clauses.update(delta.clauses.get(pack_id, {}))
            state.findings.update({t: f for (p, t), f in delta.findings.items() if p == pack_id})
            state.degrees.update(delta.degrees.get(pack_id, {}))
            state.units.update(delta.units.get(pack_id, {}))
            state.held.update(delta.held.get(pack_id, {}))

    # --- measuring --------------------------------------------------------------------------

    def tally(self, pack_id: str, delta: Delta | None) -> Tally:
        """The pack's figures, with ``delta``'s unit changes applied."""
        state = self.scored(pack_id)
        changed = delta.units.get(pack_id) if delta is not None else None
        if not changed:
            return state.tally
        last = self.figures.get(pack_id)
        if last is not None and last[0] is changed and last[1] is state.tally:  # the same again (gains, then commit)
            return last[2]
        figures = dict(state.tally)
        for cid, unit in changed.items():
            add_tally(figures, self.memo.change(state.pack, cid, state.units[cid], unit))
        self.figures[pack_id] = (changed, state.tally, figures)
        return figures

    def held(self, pack_id: str, delta: Delta | None) -> Mapping[str, bool]:
        base = self.states[pack_id].held
        return ChainMap(delta.held.get(pack_id, {}), base) if delta else base

    def distance(self, req: Requirement, delta: Delta | None) -> Fraction:
        """How far the state is from ``req`` (0 when met), in the target's own units; without a
        change to the target's pack, the current distance, computed once per step."""
        if delta is None or not (delta.units.get(req.pack) or delta.held.get(req.pack)):
            if req not in self.distances:
                self.distances[req] = self._measure(req, None)
            return self.distances[req]
        return self._measure(req, delta)

    def _measure(self, req: Requirement, delta: Delta | None) -> Fraction:
        pack = self.packs[req.pack]
        return pack.scoring.distance(pack.index, self.tally(req.pack, delta), self.held(req.pack, delta), req.value)

    def blocked(self, req: Requirement) -> str | None:
        """Why ``req`` cannot be reached by any action, or None."""
        pack = self.packs.get(req.pack)
        if pack is None:
            return Msg("target.not_evaluated", pack=req.pack)
        if (misfit := req.misfit(pack.scoring.model)) is not None:
            return misfit
        return pack.scoring.unreachable(req.value, self.board(req.pack))

    def waits(self, req: Requirement) -> Wait | None:
        """What a target that :meth:`blocked` holds back waits for, when that is history (None otherwise)."""
        pack = self.packs.get(req.pack)
        if pack is None or req.misfit(pack.scoring.model) is not None:
            return None
        return pack.scoring.waits(req.value, self.board(req.pack))
