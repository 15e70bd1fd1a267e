"""The candidate actions, kept up to date as actions are taken.

Each checkpoint, clause and condition of a pack, and the pack's scoring units together, are
sources of candidate keys; a key is a candidate while some source names it. Taking an action
reads again only the sources it changed (see :meth:`Options.update`), not every checkpoint."""

from __future__ import annotations

from collections.abc import KeysView

from . import keys
from .actions import DONE, leaf_candidates
from .keys import ActionKey
from .predicates import leaves
from .pack_state import Delta
from .state import PlanState

Source = tuple[str, str, str]
"""(pack, kind, id): kind is ``cp``, ``clause``, ``condition`` or ``units``."""

NONE: frozenset[ActionKey] = frozenset()


class Options:
    """The actions that could move some pack of ``plan`` (see :func:`.actions.candidates`)."""

    def __init__(self, plan: PlanState):
        self.plan = plan
        self.sources: dict[Source, frozenset[ActionKey]] = {}
        self.count: dict[ActionKey, int] = {}
        count, sources = self.count, self.sources
        for pack_id, state in plan.states.items():
            every = [(pack_id, "cp", cp_id) for cp_id in state.checkpoints]
            every += [(pack_id, "clause", cid) for cid in state.clauses]
            every += [(pack_id, "condition", cond) for cond in state.held]
            every.append((pack_id, "units", ""))
            for source in every:  # what _set does for a source read the first time
                new = self._read(source)
                if new:
                    sources[source] = new
                    for key in new:
                        count[key] = count.get(key, 0) + 1

    def keys(self) -> KeysView[ActionKey]:
        return self.count.keys()

    def update(self, delta: Delta) -> None:
        """Read again the sources ``delta`` changed (after the plan committed it)."""
        for pack_id, state in self.plan.states.items():
            found: set[Source] = set()
            for cp_id in delta.checkpoints.get(pack_id, ()):
                found.add((pack_id, "cp", cp_id))
            for cid in delta.clauses.get(pack_id, ()):
                found.add((pack_id, "clause", cid))
            for p, target in delta.findings:
                if p == pack_id:
                    found.add((pack_id, "cp" if target in state.pack.index.checkpoints else "clause", target))
            for cond in delta.held.get(pack_id, ()):
                found.add((pack_id, "condition", cond))
            if delta.units.get(pack_id):
                found.add((pack_id, "units", ""))
            for source in found:
                self._set(source)

    def _set(self, source: Source) -> None:
        new = self._read(source)
        old = self.sources.get(source, NONE)
        if new == old:
            return
        count = self.count
        for key in old - new:
            count[key] -= 1
            if not count[key]:
                del count[key]
        for key in new - old:
            count[key] = count.get(key, 0) + 1
        if new:
            self.sources[source] = new
        else:
            self.sources.pop(source, None)

    def _read(self, source: Source) -> frozenset[ActionKey]:
        pack_id, kind, ident = source
        plan = self.plan
        state = plan.states[pack_id]
        if kind == "cp":
            res = state.checkpoints[ident]
            if res.status in DONE:
                return NONE
            if res.decided_by == "assessor":
                return frozenset((keys.assessor(pack_id, ident),))
            found = state.fixed.candidates.get(("cp", ident))
            if found is None:
                evidence = state.pack.index.checkpoints[ident][0].evidence
                found = state.fixed.candidates[("cp", ident)] = frozenset(
                    k for leaf in leaves(evidence) for k in leaf_candidates(leaf, pack_id, ident)
                )
            if (pack_id, ident) in plan.findings:
                found = found | {keys.assessor(pack_id, ident)}
            return found
        if kind == "clause":
            st = state.clauses[ident]
            return frozenset((keys.assessor(pack_id, ident),)) if st.decided_by == "assessor" and st.status not in DONE else NONE
        if kind == "condition":
            if state.held[ident]:
                return NONE
            found = state.fixed.candidates.get(("condition", ident))
            if found is None:
                pred = state.pack.scoring.conditions()[ident]
                found = state.fixed.candidates[("condition", ident)] = frozenset(
                    k for leaf in leaves(pred) for k in leaf_candidates(leaf, pack_id, None)
                )
            return found
        return frozenset(state.pack.scoring.raises(pack_id, plan.scored(pack_id).units))
