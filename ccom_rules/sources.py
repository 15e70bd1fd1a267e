"""Where each part of a resolved pack was written: the side table that problems, ``explain`` and
SARIF read to point at the right file, the base's or an overlay's.

``pack.sources`` (a :class:`PackSources`, set by the loader) answers, for a clause, checkpoint or
evidence-type id, the file, line and column it was written at; ``field(id, name)`` answers for a
field an overlay patched. Lines are worked out on first use (the fast YAML path keeps none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .problems import Problem
from .yamlsource import DocPath, Document
from .records import record

if TYPE_CHECKING:
    from .model.pack import Clause
    from .packcheck import Part

Place = tuple[Document, DocPath]


@record
class SourceLocation:
    """A place in a file (1-based line and column), shown as ``file:line:column``."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def _at(place: Place | None) -> SourceLocation | None:
    if place is None:
        return None
    doc, path = place
    line, column = doc.where(path)
    return SourceLocation(doc.file, line, column)


@dataclass
class PackSources:
    """Clause, checkpoint and evidence-type ids → the document and path they were written at."""

    header: Document
    """The ``pack.yaml`` of the pack (for an overlay: the overlay's)."""
    clauses: dict[str, Place] = field(default_factory=dict)
    checkpoints: dict[str, Place] = field(default_factory=dict)
    evidence_types: dict[str, Place] = field(default_factory=dict)
    fields: dict[tuple[str, str], Place] = field(default_factory=dict)
    """(clause or checkpoint id, field) → where an overlay set that field."""
    scoring: dict[DocPath, Place] = field(default_factory=dict)
    """Paths under ``scoring`` → where they were written (the longest prefix counts)."""

    def clause(self, clause_id: str) -> SourceLocation | None:
        return _at(self.clauses.get(clause_id))

    def checkpoint(self, checkpoint_id: str) -> SourceLocation | None:
        return _at(self.checkpoints.get(checkpoint_id))

    def evidence_type(self, type_id: str) -> SourceLocation | None:
        return _at(self.evidence_types.get(type_id))

    def of(self, target: str) -> SourceLocation | None:
        """A clause's or checkpoint's place."""
        return _at(self.clauses.get(target) or self.checkpoints.get(target))

    def patched(self, target: str, name: str) -> SourceLocation | None:
        """Where an overlay set ``name`` of clause or checkpoint ``target`` (None if it did not)."""
        return _at(self.fields.get((target, name)))

    @classmethod
    def of_parts(cls, parts: Sequence[Part]) -> PackSources:
        """The places of a pack read from its files; the first part is ``pack.yaml``."""
        header = parts[0].doc
        sources = cls(header, scoring={("scoring",): (header, ("scoring",))})
        for part in parts:
            sources.add(part.doc, part.content.clauses, ("clauses",))
            for i, et in enumerate(part.content.evidence_types):
                sources.evidence_types.setdefault(et.id, (part.doc, ("evidence_types", i)))
        return sources

    def add(self, doc: Document, clauses: Iterable[Clause], base: DocPath) -> None:
        """Record ``clauses`` (and their checkpoints and sub-clauses), written in ``doc`` at ``base``."""
        from .packcheck import clauses_with_paths

        for clause, path in clauses_with_paths(tuple(clauses), base):
            self.clauses.setdefault(clause.id, (doc, path))
            for j, cp in enumerate(clause.checkpoints):
                self.checkpoints.setdefault(cp.id, (doc, (*path, "checkpoints", j)))


class MappedDocument(Document):
    """A resolved pack as one document whose problems land in the files its parts came from:
    a path is mapped by its longest prefix in ``table``."""

    def __init__(self, file: str, table: Mapping[DocPath, Place], fallback: Place, data: Any = None) -> None:
        super().__init__(file, data)
        self.table = dict(table)
        self.fallback = fallback

    def _map(self, path: DocPath) -> Place:
        for n in range(len(path), -1, -1):
            hit = self.table.get(path[:n])
            if hit is not None:
                doc, base = hit
                return doc, (*base, *path[n:])
        doc, base = self.fallback
        return doc, base

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        doc, mapped = self._map(path)
        return doc.where(mapped, key)

    def problem(self, path: DocPath, code: str, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        doc, mapped = self._map(path)
        return doc.problem(mapped, code, message, key=key, severity=severity)
