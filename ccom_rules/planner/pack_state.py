"""One pack's state as the planner holds it, and what an action would change: the data that
:class:`~ccom_rules.planner.state.PlanState` simulates on and commits to."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from fractions import Fraction

from ..engine import decide, waivers
from ..model.manifest import Finding, Manifest
from ..model.pack import ClausePack
from ..model.result import CheckpointResult
from ..predicates import Facts, Outcome
from ..scoring.base import Board, ClauseState, Tally, Unit
from .fixed import Fixed, fixed


@dataclass
class PackState:
    """One pack's decided statuses, scoring units and figures; the planner owns these dicts."""

    pack: ClausePack
    checkpoints: dict[str, CheckpointResult]
    clauses: dict[str, ClauseState]
    findings: dict[str, Finding]
    degrees: dict[str, Fraction]
    units: dict[str, Unit]
    held: dict[str, bool]
    """Each condition of the model that is not a clause (e.g. a prerequisite): whether it holds."""
    declared: dict[str, str]
    waived: dict[str, str]
    fixed: Fixed
    """What the pack fixes for the planner (shared by every state of it)."""
    tally: Tally = field(default_factory=dict)
    scored: bool = False
    """Whether :attr:`units` and :attr:`tally` are worked out (see :meth:`PlanState.scored`)."""
    first: list[tuple[dict[str, Unit], Tally]] = field(default_factory=list)
    """The units and figures of the statuses this state started from, once worked out: shared by
    the forks made before that (statuses change only once worked out, so theirs are the same)."""

    def board(self, manifest: Manifest, facts: Facts) -> Board:
        return Board(self.pack.id, self.pack.index, manifest, facts, self.checkpoints, self.clauses, self.findings)

    def fork(self) -> PackState:
        """A copy whose statuses change apart from this one's (what the pack fixes is shared)."""
        return replace(
            self,
            checkpoints=dict(self.checkpoints),
            clauses=dict(self.clauses),
            findings=dict(self.findings),
            degrees=dict(self.degrees),
            units=dict(self.units),
            held=dict(self.held),
            tally=dict(self.tally),
        )


@dataclass
class Delta:
    """What an action would change, as overlays on the current state."""

    facts: Facts
    findings: dict[tuple[str, str], Finding]
    checkpoints: dict[str, dict[str, CheckpointResult]] = field(default_factory=lambda: defaultdict(dict))
    clauses: dict[str, dict[str, ClauseState]] = field(default_factory=lambda: defaultdict(dict))
    degrees: dict[str, dict[str, Fraction]] = field(default_factory=lambda: defaultdict(dict))
    units: dict[str, dict[str, Unit]] = field(default_factory=lambda: defaultdict(dict))
    held: dict[str, dict[str, bool]] = field(default_factory=lambda: defaultdict(dict))


PER_PACK = ("checkpoints", "clauses", "degrees", "units", "held")
"""The fields of a :class:`Delta` kept per pack."""


def pack_state(pack: ClausePack, manifest: Manifest, facts: Facts, shared: dict[str, Outcome]) -> PackState:
    decided, outcomes = decide(pack, manifest, facts, shared)
    declared, waived = waivers(pack, manifest)
    model = pack.scoring
    state = PackState(
        pack=pack,
        checkpoints=dict(decided.checkpoints),
        clauses=dict(decided.clauses),
        findings=dict(decided.findings),
        degrees={k: o.degree for k, o in outcomes.items()},
        units={},
        held={cid: pred.evaluate(facts).satisfied for cid, pred in model.conditions().items()},
        declared=declared,
        waived=waived,
        fixed=fixed(pack),
    )
    return state
