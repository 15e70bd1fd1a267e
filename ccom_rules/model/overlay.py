"""The overlay format: a pack that ``extends:`` another and removes, patches and adds to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from ..predicates import Predicate
from .common import Aspect, AssessmentMethod, Frozen, Identifier, NonEmpty, Text
from .pack import Checkpoint, Clause, EvidenceType, Interpretation, Provenance, SemVer
from .result import LayerRef
from ..records import record

if TYPE_CHECKING:
    from .manifest import Manifest
    from .pack import ClausePack


def _constraint(text: str) -> str:
    from ..versions import parse_constraint

    parse_constraint(text)
    return text


class Extends(Frozen):
    """The pack an overlay is laid on, and the versions of it that the overlay was written for."""

    pack: Identifier
    version: Annotated[NonEmpty, AfterValidator(_constraint)] = "*"
    """``^1.0`` (1.x from 1.0.0), ``~1.2`` (1.2.x), ``>=1.0,<2``, ``1.0.0`` (exactly), ``*`` (any)."""


CLAUSE_FIELDS = ("title", "requirement", "provenance", "mandatory", "points", "requires")
CHECKPOINT_FIELDS = ("statement", "aspect", "method", "evidence")
_REQUIRED = {"title", "provenance", "mandatory", "requires", "statement", "method", "evidence"}


class Patch(Frozen):
    """New values for fields of one clause (``clause: ID``) or one checkpoint (``checkpoint: ID``)."""

    clause: Identifier | None = None
    checkpoint: Identifier | None = None
    title: Text | None = None
    requirement: Text | None = None
    provenance: Provenance | None = None
    mandatory: bool | None = None
    points: Annotated[float, Field(gt=0)] | None = None
    requires: tuple[Identifier, ...] | None = None
    statement: Text | None = None
    aspect: Aspect | None = None
    method: AssessmentMethod | None = None
    evidence: Predicate | None = None

    @model_validator(mode="after")
    def _fits(self) -> Patch:
        if (self.clause is None) == (self.checkpoint is None):
            raise ValueError("a patch names exactly one 'clause' or one 'checkpoint'")
        allowed, other, what = (
            (CLAUSE_FIELDS, CHECKPOINT_FIELDS, "clause")
            if self.clause is not None
            else (CHECKPOINT_FIELDS, CLAUSE_FIELDS, "checkpoint")
        )
        wrong = [f for f in other if f in self.model_fields_set]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not a field of a {what}")
        empty = [f for f in allowed if f in self.model_fields_set and f in _REQUIRED and getattr(self, f) is None]
        if empty:
            raise ValueError(f"{', '.join(empty)} cannot be null")
        if not [f for f in allowed if f in self.model_fields_set]:
            raise ValueError(f"the patch sets no field of the {what}")
        return self

    @property
    def target(self) -> str:
        return self.clause or self.checkpoint or ""

    def changes(self) -> dict[str, Any]:
        """The fields this patch sets, with their new values."""
        fields = CLAUSE_FIELDS if self.clause is not None else CHECKPOINT_FIELDS
        return {f: getattr(self, f) for f in fields if f in self.model_fields_set}


class Addition(Frozen):
    """New clauses under ``parent`` (at the top level when it is omitted), or new checkpoints of ``parent``."""

    parent: Identifier | None = None
    clauses: tuple[Clause, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()

    @model_validator(mode="after")
    def _something(self) -> Addition:
        if not self.clauses and not self.checkpoints:
            raise ValueError("an addition holds 'clauses' or 'checkpoints'")
        if self.checkpoints and self.parent is None:
            raise ValueError("checkpoints are added to a clause: name it as 'parent'")
        return self


class PackOverlay(Frozen):
    """A ``pack.yaml`` with ``extends:``: a tailored pack resolved from its base.

    Fields not given (``title``, ``standard``, ``edition``, ``publisher``, ``provenance``) are
    the base's. ``scoring`` holds only the parameters that change; it is merged into the base's
    (mappings key by key, lists of levels, bands or prerequisites entry by entry, matched by
    ``level`` or ``id``).
    """

    id: Identifier
    version: SemVer
    extends: Extends
    title: Text | None = None
    standard: NonEmpty | None = None
    edition: NonEmpty | None = None
    publisher: NonEmpty | None = None
    provenance: NonEmpty | None = None
    interpretations: tuple[Interpretation, ...] = ()
    """Added to the base's; one with the id of a base interpretation replaces it."""
    evidence_types: tuple[EvidenceType, ...] = ()
    """New evidence types, added to the base's catalogue."""
    remove: tuple[Identifier, ...] = ()
    """Clauses (with everything below them), checkpoints or evidence types of the base, by id."""
    patch: tuple[Patch, ...] = ()
    add: tuple[Addition, ...] = ()
    scoring: dict[str, Any] | None = None


@record
class Lineage:
    """What a resolved overlay is made of (``pack.lineage``; None for a pack that is no overlay)."""

    base: LayerRef
    """The pack at the bottom (not an overlay): id, version and the sha256 of its content."""
    overlays: tuple[LayerRef, ...]
    """Each overlay laid on it, bottom first; the last is this pack. Each sha256 is of the
    overlay's own declaration (its ``pack.yaml``, canonical); ``pack.sha256`` is of the resolved whole."""
    answers_to: tuple[str, ...]
    """The ids whose findings and not-applicable declarations apply to this pack too, nearest base first."""
    removed: frozenset[str]
    """Clause and checkpoint ids of the bases that the overlays removed."""


def with_base_findings(packs: Sequence[ClausePack], manifest: Manifest) -> Manifest:
    """``manifest`` with the findings and not-applicable declarations written for an overlay's
    bases (by their ids) also given for the overlay, where the overlay has the target and has no
    entry of its own for it (the nearest base first); likewise the certified levels of the nearest
    base that has any, when the overlay has none of its own. The same manifest when no overlay
    is evaluated."""
    extra_findings: list[Any] = []
    extra_declarations: list[Any] = []
    for pack in packs:
        lineage = pack.lineage
        if lineage is None:
            continue
        index = pack.index
        for section, extra in (("findings", extra_findings), ("not_applicable", extra_declarations)):
            entries = getattr(manifest, section)
            have = {e.target for e in entries if e.pack == pack.id}
            for base_id in lineage.answers_to:
                for entry in entries:
                    target = entry.target
                    if entry.pack == base_id and target not in have and (target in index.clauses or target in index.checkpoints):
                        extra.append(entry.model_copy(update={"pack": pack.id}))
                        have.add(target)
    extra_levels: list[Any] = []
    for pack in packs:
        lineage = pack.lineage
        if lineage is None or any(r.pack == pack.id for r in manifest.certified_levels):
            continue
        nearest = next((b for b in lineage.answers_to if any(r.pack == b for r in manifest.certified_levels)), None)
        extra_levels += [r.model_copy(update={"pack": pack.id}) for r in manifest.certified_levels if r.pack == nearest]
    if not extra_findings and not extra_declarations and not extra_levels:
        return manifest
    return manifest.model_copy(
        update={
            "findings": (*manifest.findings, *extra_findings),
            "not_applicable": (*manifest.not_applicable, *extra_declarations),
            "certified_levels": (*manifest.certified_levels, *extra_levels),
        }
    )
