"""The clause-pack format: a standard's clauses, checkpoints, evidence and scoring, as data."""

import copy
import pickle
from collections.abc import Iterator
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from ..predicates import Predicate
from ..scoring import Scoring
from .common import Aspect, AssessmentMethod, Frozen, Identifier, NonEmpty, Text
from ..records import record

if TYPE_CHECKING:
    from ..sources import PackSources
    from .overlay import Lineage

SemVer = Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")]


class EvidenceType(Frozen):
    """An entry of the pack's evidence-type catalogue (a toolkit document, a record series…)."""

    id: Identifier
    title: Text
    description: Text | None = None
    method: AssessmentMethod = "document"


class Provenance(Frozen):
    """Where a clause comes from.

    ``source``: paraphrased from a seed document, named in ``seed``.
    ``authored``: written by the pack's editors under a heading the standard gives.
    """

    kind: Literal["source", "authored"]
    seed: str | None = None
    heading: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _complete(self) -> "Provenance":
        if self.kind == "source" and not self.seed:
            raise ValueError("a 'source' provenance names its seed document")
        if self.kind == "authored" and not self.heading:
            raise ValueError("an 'authored' provenance names the heading it was written under")
        return self


class Checkpoint(Frozen):
    """One thing an assessor checks, and the evidence that settles it."""

    id: Identifier
    statement: Text
    aspect: Aspect | None = None
    method: AssessmentMethod = "document"
    evidence: Predicate


class Clause(Frozen):
    """A node of the pack's tree: chapter, clause, sub-clause; section, item; category, sub-item."""

    id: Identifier
    title: Text
    requirement: Text | None = None
    provenance: Provenance
    mandatory: bool = True
    """pass_fail: whether a clause that is not met is a nonconformity."""
    points: Annotated[float, Field(gt=0)] | None = None
    """weighted_bands: the points of a category (top-level clause)."""
    requires: tuple[Identifier, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()
    children: "tuple[Clause, ...]" = ()


class Interpretation(Frozen):
    """A choice the pack makes where the standard is silent or ambiguous."""

    id: Identifier
    text: Text


class PackFragment(Frozen):
    """A file included by ``pack.yaml``: more evidence types and clauses."""

    evidence_types: tuple[EvidenceType, ...] = ()
    clauses: tuple[Clause, ...] = ()


class _Aside:
    """What the loader keeps beside a pack: equal to any other, so a pack's equality is its content.

    Pickled (the compiled-pack cache, worker processes), the sources travel as a pickle of their
    own, read back when first asked for: they hold every file's data and positions, most of a
    pickled pack's bytes, and most commands never point into a pack's files."""

    __slots__ = ("_packed", "_sources", "lineage")

    def __init__(self, sources: "PackSources | None" = None, lineage: "Lineage | None" = None) -> None:
        self._sources, self.lineage = sources, lineage
        self._packed: bytes | None = None

    @property
    def sources(self) -> "PackSources | None":
        if self._packed is not None:
            # written by __reduce__ inside the same pickle as this object: as trusted as that pickle
            self._sources, self._packed = pickle.loads(self._packed), None  # noqa: S301
        return self._sources

    def __reduce__(self) -> tuple[Any, ...]:
        packed = self._packed
        if packed is None and self._sources is not None:
            packed = pickle.dumps(self._sources, protocol=pickle.HIGHEST_PROTOCOL)
        return (_unpickled_aside, (packed, self.lineage))

    def __copy__(self) -> "_Aside":
        return _Aside(self.sources, self.lineage)

    def __deepcopy__(self, memo: dict[int, Any]) -> "_Aside":
        return _Aside(copy.deepcopy(self.sources, memo), copy.deepcopy(self.lineage, memo))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Aside)

    __hash__ = None  # type: ignore[assignment]


def _unpickled_aside(packed: bytes | None, lineage: "Lineage | None") -> _Aside:
    aside = _Aside(None, lineage)
    aside._packed = packed
    return aside


class ClausePack(Frozen):
    """A versioned clause pack (``pack.yaml`` plus the files it includes)."""

    id: Identifier
    standard: NonEmpty
    edition: NonEmpty
    version: SemVer
    title: Text
    publisher: NonEmpty
    provenance: NonEmpty
    scoring: Scoring
    interpretations: tuple[Interpretation, ...] = ()
    include: tuple[NonEmpty, ...] = ()
    """Files (relative to the pack folder) holding more evidence types and clauses."""
    evidence_types: tuple[EvidenceType, ...] = ()
    clauses: tuple[Clause, ...] = ()

    _aside: _Aside = PrivateAttr(default_factory=lambda: _Aside())

    def attach(self, sources: "PackSources | None", lineage: "Lineage | None" = None) -> None:
        """Keep where the pack's parts were written and, for an overlay, what it is made of
        (set by the loader; not part of the pack's content, its sha256 or its equality)."""
        self._aside = _Aside(sources, lineage)

    @property
    def sources(self) -> "PackSources | None":
        """Where each clause, checkpoint and evidence type was written (``ccom_rules.sources``)."""
        return self._aside.sources

    @property
    def lineage(self) -> "Lineage | None":
        """For an overlay: its base and overlays, with versions and sha256s; None for other packs."""
        return self._aside.lineage

    def with_content(self, evidence_types: tuple[EvidenceType, ...], clauses: tuple[Clause, ...]) -> "ClausePack":
        """A copy holding these evidence types and clauses (the assembled pack), caches dropped."""
        pack = self.model_copy(update={"evidence_types": evidence_types, "clauses": clauses})
        for cached in ("sha256", "index"):
            pack.__dict__.pop(cached, None)
        return pack

    @cached_property
    def sha256(self) -> str:
        """The sha256 of the pack's canonical content, however it is split into files."""
        from ..canonical import sha256_of

        return sha256_of(self.model_dump(mode="json", exclude={"include"}))

    @cached_property
    def index(self) -> "PackIndex":
        """Lookup tables, built once per pack object."""
        return PackIndex.build(self)


@record
class Placed:
    clause: Clause
    parent: str | None
    depth: int
    top: str


@record
class PackIndex:
    clauses: dict[str, Placed]
    checkpoints: dict[str, tuple[Checkpoint, str]]
    evidence_types: dict[str, EvidenceType]
    order: tuple[str, ...]
    """Clause ids in document order (pre-order)."""
    memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Tables derived from the ones above for those who read them often (the leaves under some
    clauses, a scoring model's layout), built on first use. Not pickled: rebuilt after reading."""

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "memo": {}}

    @classmethod
    def build(cls, pack: ClausePack) -> "PackIndex":
        clauses: dict[str, Placed] = {}
        checkpoints: dict[str, tuple[Checkpoint, str]] = {}
        for clause, parent, depth, top in walk(pack.clauses):
            clauses.setdefault(clause.id, Placed(clause, parent, depth, top))
            for cp in clause.checkpoints:
                checkpoints.setdefault(cp.id, (cp, clause.id))
        return cls(
            clauses=clauses,
            checkpoints=checkpoints,
            evidence_types={e.id: e for e in pack.evidence_types},
            order=tuple(clauses),
        )

    def leaves_under(self, top_ids: tuple[str, ...]) -> list[Clause]:
        """Clauses with checkpoints and no children, below the given top-level clauses."""
        key = ("leaves", top_ids)
        found: tuple[Clause, ...] | None = self.memo.get(key)
        if found is None:
            wanted = set(top_ids)
            found = self.memo[key] = tuple(
                p.clause for p in self.clauses.values() if p.top in wanted and not p.clause.children and p.clause.checkpoints
            )
        return list(found)


def walk(
    clauses: tuple[Clause, ...], parent: str | None = None, depth: int = 0, top: str | None = None
) -> Iterator[tuple[Clause, str | None, int, str]]:
    """Every clause in pre-order with its parent id, depth and top-level ancestor id."""
    for clause in clauses:
        root = top or clause.id
        yield clause, parent, depth, root
        yield from walk(clause.children, clause.id, depth + 1, root)
