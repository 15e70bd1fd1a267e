"""Gaps and plans seen across standards: each evidence gap's blast radius and each plan action
name the crosswalk themes they touch, with the clauses they touch in each standard."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.gaps import GapReport, Plan
from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import Result
from .compare import Reader
from .load import Crosswalks
from .result import ThemeComparison


def see_across(
    packs: Sequence[ClausePack], manifest: Manifest, result: Result, report: GapReport, plan: Plan, crosswalks: Crosswalks
) -> tuple[GapReport, Plan]:
    """``report`` and ``plan`` with ``themes`` set on each evidence gap (the themes of the clauses
    it holds back) and each action (the themes of the clauses it works on), per standard. Where no
    crosswalk joins the packs, or a gap or action touches no mapped clause, nothing is added."""
    reader = Reader(packs, manifest, result, crosswalks)
    if not reader.crosswalks.pairs:
        return report, plan
    evidence = tuple(
        gap.model_copy(update={"themes": reader.reach({i.pack: set(i.clauses) for i in gap.impact})}) for gap in report.evidence
    )
    actions = tuple(action.model_copy(update={"themes": reader.reach(reader.touched(action))}) for action in plan.actions)
    return report.model_copy(update={"evidence": evidence}), plan.model_copy(update={"actions": actions})


def theme_statuses(
    packs: Sequence[ClausePack], manifest: Manifest, result: Result, crosswalks: Crosswalks
) -> tuple[ThemeComparison, ...]:
    """Each crosswalk theme joining ``packs``, with the statuses of its clauses in each standard
    (as ``compare`` gives them); empty when no crosswalk joins two of the packs."""
    reader = Reader(packs, manifest, result, crosswalks)
    if not reader.crosswalks.pairs:
        return ()
    return tuple(t for t in (reader.theme(theme.id) for theme in reader.crosswalks.themes) if t is not None)
