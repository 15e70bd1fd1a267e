"""What an evaluation returns. Stable keys: ``outcome.model`` and, per model,
``passed`` (pass_fail), ``level`` and ``certifiable_level`` (maturity_levels),
``score`` and ``band`` (weighted_bands)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from ..i18n import Reason
from .common import Aspect, Frozen, Text

Status = Literal["met", "partially_met", "not_met", "not_applicable", "not_assessed"]
DecidedBy = Literal["evidence", "assessor", "declaration", "children"]


class CheckpointResult(Frozen):
    id: str
    aspect: Aspect | None
    status: Status
    decided_by: DecidedBy
    reasons: tuple[Reason, ...]
    evidence: tuple[str, ...]


class ClauseResult(Frozen):
    id: str
    parent: str | None
    title: Text
    status: Status
    decided_by: DecidedBy
    note: str = ""
    checkpoints: tuple[CheckpointResult, ...] = ()
    c_rate: int | None = None
    f_rate: int | None = None
    c_decided_by: DecidedBy | None = None
    f_decided_by: DecidedBy | None = None
    fraction: float | None = None
    fraction_decided_by: DecidedBy | None = None
    points: float | None = None
    score: float | None = None


class Nonconformity(Frozen):
    clause: str
    title: Text
    status: Status
    reasons: tuple[Reason, ...]


class PrerequisiteResult(Frozen):
    id: str
    title: Text
    held: bool
    reasons: tuple[Reason, ...]


class PassFailOutcome(Frozen):
    model: Literal["pass_fail"] = "pass_fail"
    passed: bool
    nonconformities: tuple[Nonconformity, ...]
    not_assessed: tuple[str, ...]
    prerequisites: tuple[PrerequisiteResult, ...]


class Shares(Frozen):
    """How many items of a group have full ratings."""

    items: int
    c_full: int
    f_full: int
    c_percent: float
    f_percent: float


class LevelCondition(Frozen):
    level: int
    condition: Literal["core_c", "core_f", "innovation_c", "innovation_f", "total", "operating_years", "stepwise"]
    met: bool
    actual: float
    required: float
    message: Reason


class MaturityOutcome(Frozen):
    model: Literal["maturity_levels"] = "maturity_levels"
    level: int
    """The level the evidence supports (0: below the first level)."""
    certifiable_level: int
    """The level that may be certified now, given the previous certified level."""
    previous_level: int
    operating_years: int
    total: int
    max_total: int
    core: Shares
    innovation: Shares
    next_level: int | None
    next_level_gaps: tuple[LevelCondition, ...]
    """Every unmet condition of ``next_level``, with its shortfall."""


class CategoryScore(Frozen):
    id: str
    title: Text
    points: float
    fraction: float | None
    score: float


class BandsOutcome(Frozen):
    model: Literal["weighted_bands"] = "weighted_bands"
    score: int
    raw_score: float
    max_total: int
    band: str
    band_title: Text
    categories: tuple[CategoryScore, ...]


PackOutcome = Annotated[PassFailOutcome | MaturityOutcome | BandsOutcome, Field(discriminator="model")]


class LayerRef(Frozen):
    """A pack an overlay is made from, or the overlay's own declaration."""

    id: str
    version: str
    sha256: str


def _unset(value: object) -> bool:
    return value is None


class PackRef(Frozen):
    id: str
    version: str
    sha256: str
    """sha256 of the pack's canonical content (sorted-key JSON), however it is split into files.
    For an overlay: of the resolved pack, as evaluated."""
    standard: str
    title: Text
    base: LayerRef | None = Field(default=None, exclude_if=_unset)
    """Overlays only (omitted otherwise): the pack at the bottom, with its own sha256."""
    overlays: tuple[LayerRef, ...] | None = Field(default=None, exclude_if=_unset)
    """Overlays only (omitted otherwise): each overlay laid on ``base``, bottom first, the last
    being this pack; each sha256 is of the overlay's own ``pack.yaml`` content."""


class PackResult(Frozen):
    pack: PackRef
    outcome: PackOutcome
    clauses: tuple[ClauseResult, ...]


class ManifestRef(Frozen):
    sha256: str
    """sha256 of the manifest's canonical content (``ccom_rules.canonical.manifest_sha256``): its
    evidence, people, findings, declarations and certified levels in a canonical order, so their
    order in the file does not count."""
    organisation: str
    assessment_date: date


class Result(Frozen):
    engine_version: str
    manifest: ManifestRef
    packs: tuple[PackResult, ...]

    def pack(self, pack_id: str) -> PackResult:
        """The result for ``pack_id``; raises ``KeyError`` when it was not evaluated."""
        for item in self.packs:
            if item.pack.id == pack_id:
                return item
        raise KeyError(pack_id)
