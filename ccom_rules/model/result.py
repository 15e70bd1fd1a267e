"""What an evaluation returns. Stable keys: ``outcome.model`` and, per model,
``passed`` (pass_fail), ``level`` and ``certifiable_level`` (maturity_levels),
``score`` and ``band`` (weighted_bands)."""

from datetime import date
from typing import Annotated, Literal, TypeVar

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


class Outcome(Frozen):
    """Base of every scoring model's outcome; ``model`` names the model."""

    model: str


OutcomeT = TypeVar("OutcomeT", bound=Outcome)


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


class PassFailOutcome(Outcome):
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


ConditionName = Literal["core_c", "core_f", "innovation_c", "innovation_f", "total", "operating_years", "stepwise"]


class LevelCondition(Frozen):
    level: int
    condition: ConditionName
    met: bool
    actual: float
    required: float
    message: Reason


class MaturityOutcome(Outcome):
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


class BandsOutcome(Outcome):
    model: Literal["weighted_bands"] = "weighted_bands"
    score: int
    raw_score: float
    max_total: int
    band: str
    band_title: Text
    categories: tuple[CategoryScore, ...]


PackOutcome = Annotated[PassFailOutcome | MaturityOutcome | BandsOutcome, Field(discriminator="model")]
"""Every registered model's outcome; ``ccom_rules.scoring.register`` widens it for a new model."""


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
    as_of: date | None = Field(default=None, exclude_if=_unset)
    """The date freshness, continuity and certificates were judged on, when not the assessment
    date (``--as-of``); absent otherwise."""


class UnknownPack(KeyError):
    """A pack id that the result does not hold; the message names the ones it does."""

    def __init__(self, pack_id: str, known: tuple[str, ...]):
        super().__init__(pack_id)
        self.pack_id = pack_id
        self.known = known

    def __str__(self) -> str:
        return f"pack {self.pack_id!r} was not evaluated; the result holds {', '.join(self.known) or 'no packs'}"


class WrongModel(TypeError):
    """A per-model accessor used on a pack scored by another model."""


class Result(Frozen):
    engine_version: str
    manifest: ManifestRef
    packs: tuple[PackResult, ...]

    def pack(self, pack_id: str) -> PackResult:
        """The result for ``pack_id``; raises :class:`UnknownPack` (a ``KeyError``) naming the
        evaluated packs when it was not evaluated."""
        for item in self.packs:
            if item.pack.id == pack_id:
                return item
        raise UnknownPack(pack_id, tuple(p.pack.id for p in self.packs))

    def outcome(self, pack_id: str, kind: type[OutcomeT]) -> OutcomeT:
        """The outcome of ``pack_id`` as ``kind``; raises :class:`UnknownPack`, or
        :class:`WrongModel` when the pack is scored by another model."""
        out = self.pack(pack_id).outcome
        if not isinstance(out, kind):
            expected = kind.model_fields["model"].default
            raise WrongModel(f"{pack_id} is scored {out.model}, not {expected}")
        return out

    def pass_fail(self, pack_id: str) -> PassFailOutcome:
        """The outcome of a pass_fail pack (``.passed``, ``.nonconformities``)."""
        return self.outcome(pack_id, PassFailOutcome)

    def maturity(self, pack_id: str) -> MaturityOutcome:
        """The outcome of a maturity_levels pack (``.level``, ``.certifiable_level``)."""
        return self.outcome(pack_id, MaturityOutcome)

    def bands(self, pack_id: str) -> BandsOutcome:
        """The outcome of a weighted_bands pack (``.score``, ``.band``)."""
        return self.outcome(pack_id, BandsOutcome)
