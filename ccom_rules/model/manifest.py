"""The evidence manifest: who is assessed, on which date, and what they can show."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, AnyUrl, Field, FiniteFloat, model_validator

from ..ranges import Day, NotBool
from .common import Frozen, Identifier, NonEmpty, PeriodText

Sourcing = Literal["in_house", "outsourced"]
FindingStatus = Literal["met", "partially_met", "not_met"]
Rating = Annotated[Literal[0, 5, 10], NotBool]
Precedence = Literal["assessor", "stricter"]


class Organisation(Frozen):
    name: NonEmpty
    sourcing: Sourcing
    industry: NonEmpty
    operations_began: Day
    seats: Annotated[int, Field(strict=True, ge=0, le=10_000_000)]


class Assessment(Frozen):
    date: Day
    scope: str = ""
    assessor: str = ""
    precedence: Precedence = "assessor"
    """How an assessor's finding and the evidence combine for one checkpoint or item.

    ``assessor``: a recorded finding or rating decides; the evidence decides the rest.
    ``stricter``: the lower of the two decides, so a finding can only lower a result.
    """


class Approval(Frozen):
    by: NonEmpty
    role: str = ""
    date: Day


def _by_name(metrics: dict[str, float]) -> dict[str, float]:
    """Metrics kept in name order: the order they were written in never changes the manifest's
    identity (``canonical.manifest_sha256``) or any output."""
    return dict(sorted(metrics.items()))


class EvidenceItem(Frozen):
    id: Identifier
    type: Identifier
    title: NonEmpty
    path: str | None = None
    """A file below the manifest's evidence root, written with forward slashes."""
    uri: AnyUrl | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    date: Day
    """When the item was issued or recorded. Items dated after the assessment are ignored."""
    period: PeriodText | None = None
    """The month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY) a periodic record covers."""
    approval: Approval | None = None
    metrics: Annotated[dict[Identifier, Annotated[FiniteFloat, Field(strict=True)]], AfterValidator(_by_name)] = Field(
        default_factory=dict
    )
    """Recorded values by name, e.g. ``service_level: 0.82``: finite numbers, not text or true/false."""


class Certificate(Frozen):
    scheme: Identifier
    """For example ``CEL`` (CCOM facilitator) or a key-post code such as ``WFMP``."""
    number: NonEmpty
    issued: Day
    expires: Day | None = None

    @model_validator(mode="after")
    def _expires_after_issue(self) -> "Certificate":
        if self.expires is not None and self.expires < self.issued:
            raise ValueError(f"certificate {self.number} expires ({self.expires}) before it was issued ({self.issued})")
        return self

    def valid_on(self, day: date) -> bool:
        """Whether the certificate was issued by ``day`` and had not expired."""
        return self.issued <= day and (self.expires is None or day <= self.expires)


class Person(Frozen):
    name: NonEmpty
    role: str = ""
    certificates: tuple[Certificate, ...] = ()


class Finding(Frozen):
    """What an assessor recorded for one checkpoint, clause or item of a pack.

    ``status`` applies to checkpoints and clauses; ``c_rate``/``f_rate`` to
    maturity-level items; ``fraction`` to weighted-band sub-items.
    """

    pack: Identifier
    target: Identifier
    status: FindingStatus | None = None
    c_rate: Rating | None = None
    f_rate: Rating | None = None
    fraction: Annotated[float, Field(strict=True, ge=0, le=1)] | None = None
    note: str = ""

    @model_validator(mode="after")
    def _says_something(self) -> "Finding":
        if self.status is None and self.c_rate is None and self.f_rate is None and self.fraction is None:
            raise ValueError("a finding needs status, c_rate, f_rate or fraction")
        return self


class NotApplicable(Frozen):
    pack: Identifier
    target: Identifier
    reason: NonEmpty


class CertifiedLevel(Frozen):
    pack: Identifier
    level: Annotated[int, Field(strict=True, ge=0, le=9)]
    date: Day


class Manifest(Frozen):
    manifest_version: Annotated[Literal[1], NotBool] = 1
    organisation: Organisation
    assessment: Assessment
    evidence_root: str = "."
    """Folder, relative to the manifest file, that every evidence ``path`` is inside."""
    evidence: tuple[EvidenceItem, ...] = ()
    people: tuple[Person, ...] = ()
    findings: tuple[Finding, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()
    certified_levels: tuple[CertifiedLevel, ...] = ()
