"""What gap tracing and remediation planning return."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field

from ..i18n import Reason
from .common import Frozen, Text
from .manifest import CertifiedLevel, EvidenceItem, Finding, Person
from .result import Status


class ClauseGap(Frozen):
    """An unmet clause: a root cause, or blocked by unmet prerequisites."""

    pack: str
    clause: str
    title: Text
    status: Status
    kind: Literal["root", "blocked"]
    reasons: tuple[Reason, ...]
    """Why its own checkpoints are not met."""
    evidence_types: tuple[str, ...]
    """Evidence types its failing checkpoints need."""
    blocked_by: tuple[str, ...] = ()
    """Unmet prerequisites (clause ids in the same pack)."""
    chains: tuple[tuple[str, ...], ...] = ()
    """Each chain runs from this clause through unmet prerequisites down to a root."""


def _empty(value: Any) -> bool:
    return not value


class ThemeReach(Frozen):
    """The clauses of one crosswalk theme that something touches, per standard."""

    theme: str
    title: Text
    clauses: dict[str, tuple[str, ...]]
    """Pack id → clause ids."""


class PackImpact(Frozen):
    pack: str
    checkpoints: tuple[str, ...]
    clauses: tuple[str, ...]
    items: tuple[str, ...] = ()
    """The clauses scored by ratings of their own (``ScoringModel.rated``: maturity_levels' items)
    whose ratings it holds down."""
    points: float = 0.0
    """What meeting those checkpoints could add: maturity total points or weighted-band points."""


class EvidenceGap(Frozen):
    """A missing or insufficient evidence type and everything it holds back (its blast radius)."""

    type: str
    title: Text | None
    state: Literal["missing", "insufficient"]
    items_present: int
    impact: tuple[PackImpact, ...]
    themes: tuple[ThemeReach, ...] = Field(default=(), exclude_if=_empty)
    """The crosswalk themes of the clauses it holds back (omitted when none: no crosswalk applies)."""

    @property
    def checkpoint_count(self) -> int:
        return sum(len(i.checkpoints) for i in self.impact)


class GapReport(Frozen):
    packs: tuple[str, ...]
    roots: tuple[ClauseGap, ...]
    blocked: tuple[ClauseGap, ...]
    evidence: tuple[EvidenceGap, ...]
    """Widest blast radius first."""


class Gain(Frozen):
    """What one action brings to one pack, at the point of the plan where it is taken."""

    pack: str
    summary: Reason
    closes: tuple[str, ...] = ()
    points: float = 0.0


Phase = Literal["now", "within_3_months", "later"]
PHASES: tuple[Phase, ...] = ("now", "within_3_months", "later")

ActionKind = Literal["provide_evidence", "certify_people", "assessor_finding", "raise_rating", "raise_fraction"]


class Action(Frozen):
    """One step of a plan, as concrete additions to the manifest."""

    id: str
    kind: ActionKind
    title: Reason
    evidence: tuple[EvidenceItem, ...] = ()
    people: tuple[Person, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Findings to record, replacing any for the same pack and target."""
    gains: tuple[Gain, ...] = ()
    earliest: date | None = None
    """The earliest date by which the action can be complete (its last record's or certificate's date)."""
    phase: Phase | None = None
    """``now`` (earliest on the assessment date), ``within_3_months`` or ``later``."""
    workstream: str | None = None
    """The area of the evidence it adds (quality, workforce, training, …): see docs/evidence-vocabulary.md."""
    timing: Reason | None = None
    """Why the action can be complete no earlier than ``earliest``, in one line."""
    themes: tuple[ThemeReach, ...] = Field(default=(), exclude_if=_empty)
    """The crosswalk themes of the clauses it works on (omitted when none: no crosswalk applies)."""


class TargetStatus(Frozen):
    target: str
    reachable: bool
    reached: bool
    """True when re-evaluating the manifest with the actions applied, as of ``earliest``, meets the target."""
    reason: Reason
    earliest: date | None = None
    """The earliest date on which the plan reaches the target (the assessment date when already met).
    For a target held back by history (operating years, stepwise certification), the earliest date
    on which it can be certified, under ``assumes``; None when no date can be given (the reason says why)."""
    opens: date | None = Field(default=None, exclude_if=lambda value: value is None)
    """History: the first day the centre has operated the years the target needs (omitted when they are not lacking)."""
    assumes: tuple[CertifiedLevel, ...] = Field(default=(), exclude_if=_empty)
    """History: the certifications of lower levels assumed before it, each on the first date the plan
    reaches that level (omitted when none)."""


class Plan(Frozen):
    targets: tuple[TargetStatus, ...]
    actions: tuple[Action, ...]
    rationale: Reason


class GapAnalysis(Frozen):
    """The ``gaps`` command's JSON: the gap report and the remediation plan."""

    engine_version: str
    manifest_sha256: str
    assessment_date: str
    as_of: str | None = Field(default=None, exclude_if=lambda value: value is None)
    """The reference date given with ``--as-of``; absent otherwise."""
    gaps: GapReport
    plan: Plan
