"""What a scoring model receives: every checkpoint and clause already decided."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.manifest import Finding, Manifest
from ..model.result import CheckpointResult, DecidedBy, Status
from ..predicates import Facts

if TYPE_CHECKING:
    from ..model.pack import PackIndex


@dataclass(frozen=True)
class ClauseState:
    status: Status
    decided_by: DecidedBy
    note: str = ""


@dataclass(frozen=True)
class Board:
    """One pack's checkpoint and clause statuses for one manifest, before scoring."""

    pack_id: str
    index: PackIndex
    manifest: Manifest
    facts: Facts
    checkpoints: Mapping[str, CheckpointResult]
    clauses: Mapping[str, ClauseState]
    findings: Mapping[str, Finding]
    """This pack's findings by target id."""

    def checkpoint_results(self, clause_id: str) -> list[CheckpointResult]:
        clause = self.index.clauses[clause_id].clause
        return [self.checkpoints[cp.id] for cp in clause.checkpoints]


ClauseExtras = dict[str, dict[str, Any]]
"""Per clause id, the scoring fields to add to its ``ClauseResult``."""

RANK: dict[Status, int] = {"not_assessed": 0, "not_met": 0, "partially_met": 1, "met": 2, "not_applicable": 2}


def operating_years(manifest: Manifest) -> int:
    """Whole years of operation on the assessment date."""
    began, on = manifest.organisation.operations_began, manifest.assessment.date
    years = on.year - began.year - ((on.month, on.day) < (began.month, began.day))
    return max(years, 0)
