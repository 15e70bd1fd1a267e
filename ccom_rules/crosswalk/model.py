"""Crosswalks as data: themes shared by the standards, and one file per pair of packs mapping
a clause of one to a clause of the other."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..model.common import Frozen, Identifier, NonEmpty, Text

Relation = Literal["equivalent", "subset", "superset", "intersects"]
"""Read ``left <relation> right``. ``subset``: everything left asks, right asks too;
``superset``: left asks all that right asks, and more; ``intersects``: they overlap."""

Confidence = Literal["high", "medium", "low"]

INVERSE: dict[Relation, Relation] = {
    "equivalent": "equivalent",
    "subset": "superset",
    "superset": "subset",
    "intersects": "intersects",
}
"""The relation read the other way round: ``a subset b`` is ``b superset a``."""

SemVer = Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")]
MajorMinor = Annotated[str, Field(pattern=r"^\d+\.\d+$")]


class Theme(Frozen):
    """A subject several standards ask about, such as emergency management."""

    id: Identifier
    title: Text
    description: Text | None = None


class ThemeCatalogue(Frozen):
    """``themes.yaml``: the themes every crosswalk's mappings are grouped under."""

    themes: Annotated[tuple[Theme, ...], Field(min_length=1)]


class PackPin(Frozen):
    """The pack a side of a crosswalk was written for: its id and ``major.minor`` version."""

    id: Identifier
    version: MajorMinor


class PackPins(Frozen):
    left: PackPin
    right: PackPin


class MappingProvenance(Frozen):
    """Exactly one of: the ``source`` document and place that supports the mapping, or
    ``authored`` (who wrote it where no source states the relation, e.g. the pack editors)."""

    source: NonEmpty | None = None
    authored: NonEmpty | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> MappingProvenance:
        if (self.source is None) == (self.authored is None):
            raise ValueError("a mapping's provenance names exactly one of 'source' or 'authored'")
        return self

    def __str__(self) -> str:
        return f"source: {self.source}" if self.source is not None else f"authored: {self.authored}"


class ClauseMapping(Frozen):
    """A clause of the left pack related to a clause of the right pack."""

    left: Identifier
    right: Identifier
    relation: Relation
    theme: Identifier
    confidence: Confidence
    rationale: Text
    provenance: MappingProvenance


class UnmappedClause(Frozen):
    """A clause with no counterpart in the other pack, and why."""

    clause: Identifier
    reason: Text


class Unmapped(Frozen):
    left: tuple[UnmappedClause, ...] = ()
    right: tuple[UnmappedClause, ...] = ()


class Crosswalk(Frozen):
    """A pair file: how the clauses of two packs relate."""

    id: Identifier
    version: SemVer
    title: Text
    packs: PackPins
    mappings: tuple[ClauseMapping, ...] = ()
    unmapped: Unmapped = Unmapped()

    @cached_property
    def sha256(self) -> str:
        """The sha256 of the crosswalk's canonical content (sorted-key JSON)."""
        from ..canonical import sha256_of

        return sha256_of(self.model_dump(mode="json"))


class CrosswalkRef(Frozen):
    """Which crosswalk a comparison or a carried finding used."""

    id: str
    version: str
    sha256: str
    left: str
    right: str
