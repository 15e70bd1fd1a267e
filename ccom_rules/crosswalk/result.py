"""What ``compare`` returns: themes side by side, disagreements, evidence reuse and shared actions."""

from __future__ import annotations

from ..i18n import Reason
from ..model.common import Frozen, Text
from ..model.gaps import ThemeReach
from ..model.result import DecidedBy, ManifestRef, PackRef, Status
from .model import Confidence, CrosswalkRef, Relation


class ClauseView(Frozen):
    """One clause of one standard in a theme, as the evaluation decided it."""

    pack: str
    clause: str
    title: Text
    status: Status
    """The clause's status; a clause its scoring counts in full (an item rated 10/10) is ``met``."""
    decided_by: DecidedBy
    figure: Reason = ""
    """What its scoring model made of it, e.g. ``C 10 · F 5`` or ``0.5 × 1.11 points``."""
    reasons: tuple[Reason, ...] = ()
    """Why it is not met: each failing checkpoint's reasons."""
    evidence: tuple[str, ...] = ()
    """Evidence items its checkpoints counted."""


class MappingView(Frozen):
    crosswalk: str
    left_pack: str
    left: str
    relation: Relation
    right_pack: str
    right: str
    confidence: Confidence
    rationale: Text


class SharedEvidence(Frozen):
    """An evidence type the theme's clauses ask for in more than one standard."""

    type: str
    title: Text | None
    packs: tuple[str, ...]
    items: tuple[str, ...]
    """The manifest's items of this type (by the assessment date)."""


class Disagreement(Frozen):
    """Two mapped clauses whose statuses contradict what their relation implies."""

    crosswalk: str
    relation: Relation
    rule: Reason
    """The implication broken, e.g. ``equivalent clauses have the same status``."""
    left: ClauseView
    right: ClauseView
    shared_evidence: tuple[str, ...]
    """Evidence items both sides counted: the same evidence, read two ways."""


class PackStatuses(Frozen):
    """How many of a theme's clauses of one standard have each status."""

    pack: str
    clauses: int
    met: int
    partially_met: int
    not_met: int
    other: int
    """Not applicable or not assessed."""


class ThemeComparison(Frozen):
    id: str
    title: Text
    statuses: tuple[PackStatuses, ...]
    clauses: tuple[ClauseView, ...]
    mappings: tuple[MappingView, ...]
    shared_evidence: tuple[SharedEvidence, ...]
    disagreements: tuple[Disagreement, ...]


class Stake(Frozen):
    """What one evidence type holds in one standard, in the terms of its scoring model."""

    pack: str
    clauses: tuple[str, ...]
    points: float = 0.0
    """Points its checkpoints carry: maturity ratings, weighted-band points (0 for pass/fail)."""
    conditions: tuple[str, ...] = ()
    """Level conditions it feeds (maturity), or the clauses and prerequisites that would be
    nonconformities or unmet without it (pass/fail)."""
    summary: Reason


class ReuseRow(Frozen):
    """One evidence type, the clauses it serves in each standard and what is at stake in each."""

    type: str
    title: Text | None
    items_present: int
    stakes: tuple[Stake, ...]


class PackGain(Frozen):
    """What an action brings one standard, as the plan states it."""

    pack: str
    summary: Reason


class SharedAction(Frozen):
    """A plan action that moves more than one standard."""

    step: int
    """Its position in the remediation plan (1-based)."""
    id: str
    title: Reason
    packs: tuple[str, ...]
    gains: tuple[PackGain, ...]
    themes: tuple[ThemeReach, ...] = ()


class PackHeadline(Frozen):
    pack: PackRef
    headline: Reason


class Comparison(Frozen):
    """``ccom-rules compare``: one manifest across the standards the crosswalks join."""

    engine_version: str
    manifest: ManifestRef
    packs: tuple[PackHeadline, ...]
    crosswalks: tuple[CrosswalkRef, ...]
    themes: tuple[ThemeComparison, ...]
    evidence_reuse: tuple[ReuseRow, ...]
    """Evidence types asked for by more than one standard, most standards and clauses first."""
    shared_actions: tuple[SharedAction, ...]
    """Plan actions that move the most standards at once, most standards first."""
