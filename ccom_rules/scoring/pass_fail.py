"""pass_fail: CCOM certification passes when every mandatory clause is met
and every prerequisite holds."""

from __future__ import annotations

from typing import Literal

from ..model.common import Frozen, Identifier, Text
from ..model.result import Nonconformity, PassFailOutcome, PrerequisiteResult
from ..predicates import Predicate
from .base import Board, ClauseExtras
from ..i18n import Msg


class Prerequisite(Frozen):
    """A condition of certification that is not a clause, e.g. two CEL facilitators."""

    id: Identifier
    title: Text
    check: Predicate


class PassFail(Frozen):
    """Parameters of the pass_fail model.

    A nonconformity is every mandatory clause that carries checkpoints and is
    neither met nor declared not applicable; clauses only an assessor can decide
    and that were not assessed are listed apart, and also prevent a pass.
    """

    model: Literal["pass_fail"] = "pass_fail"
    prerequisites: tuple[Prerequisite, ...] = ()

    def score(self, board: Board) -> tuple[PassFailOutcome, ClauseExtras]:
        nonconformities = []
        not_assessed = []
        for placed in board.index.clauses.values():
            clause = placed.clause
            if not clause.mandatory or not clause.checkpoints:
                continue
            state = board.clauses[clause.id]
            if state.status in ("met", "not_applicable"):
                continue
            if state.status == "not_assessed":
                not_assessed.append(clause.id)
                continue
            reasons = tuple(
                Msg("reason.at", checkpoint=cp.id, reason=r)
                for cp in board.checkpoint_results(clause.id)
                if cp.status not in ("met", "not_applicable")
                for r in cp.reasons
            )
            if state.decided_by == "assessor" and state.note:
                reasons = (Msg("reason.assessor", note=state.note), *reasons)
            nonconformities.append(Nonconformity(clause=clause.id, title=clause.title, status=state.status, reasons=reasons))
        prerequisites = []
        for pre in self.prerequisites:
            out = pre.check.evaluate(board.facts)
            prerequisites.append(PrerequisiteResult(id=pre.id, title=pre.title, held=out.satisfied, reasons=out.reasons))
        passed = not nonconformities and not not_assessed and all(p.held for p in prerequisites)
        outcome = PassFailOutcome(
            passed=passed,
            nonconformities=tuple(nonconformities),
            not_assessed=tuple(not_assessed),
            prerequisites=tuple(prerequisites),
        )
        return outcome, {}
