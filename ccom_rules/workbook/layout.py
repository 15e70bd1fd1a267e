"""The worksheet's layout: which clause gets a row, and which finding fields its cells take.

A clause with checkpoints gets a row. Its cells are the finding fields its pack's scoring model
reads on it (``ScoringModel.reads``: ratings on a maturity item, a fraction on a weighted
sub-item); where the model reads none, the assessor records a status. The values a cell may hold
come from the :class:`~ccom_rules.model.manifest.Finding` model itself, so the data validation in
the sheet and the checks on import are the manifest's own rules.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from ..model.manifest import Finding, Manifest
from ..model.pack import ClausePack
from ..model.result import ClauseResult, Result
from ..records import record

WORKSHEET = "Assessor worksheet"
REGISTER = "Gap register"
SUMMARY = "Summary"

FIELDS: tuple[str, ...] = ("status", "c_rate", "f_rate", "fraction")
"""Finding fields with a column of their own, in column order."""

COLUMNS: tuple[tuple[str, str], ...] = (
    ("pack", "Standard / 标准"),
    ("target", "Clause / 条款"),
    ("title_en", "Title"),
    ("title_zh", "标题"),
    ("now", "Evaluated now / 当前结果"),
    ("status", "Status / 状态"),
    ("c_rate", "C-Rate"),
    ("f_rate", "F-Rate"),
    ("fraction", "Fraction / 得分率"),
    ("note", "Note / 备注"),
)
"""The worksheet's columns: (key, header), in order."""

COLUMN = {key: i + 1 for i, (key, _) in enumerate(COLUMNS)}
"""1-based column number by key."""


@record
class Row:
    """One clause of one pack on the worksheet, with the finding fields its cells take."""

    pack: str
    target: str
    clause: ClauseResult
    fields: frozenset[str]
    recorded: Finding | None


def allowed(field: str) -> tuple[Any, ...]:
    """The values ``field`` of a finding takes: a tuple of choices, or (min, max) for a number."""
    found = _allowed(Finding.model_fields[field].annotation, ())
    if found is None:
        raise TypeError(f"finding field {field} has no closed range")
    return found


def _allowed(annotation: Any, metadata: tuple[Any, ...]) -> tuple[Any, ...] | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return tuple(typing.get_args(annotation))
    if origin is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        return _allowed(inner, (*metadata, *more))
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None) and (found := _allowed(arg, metadata)) is not None:
                return found
        return None
    metadata = tuple(part for m in metadata for part in (getattr(m, "metadata", None) or [m]))  # FieldInfo holds its own
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
    return None if low is None or high is None else (float(low), float(high))


def rows(packs: Sequence[ClausePack], manifest: Manifest, result: Result) -> Iterator[Row]:
    """Every worksheet row, pack by pack in document order."""
    recorded = {(f.pack, f.target): f for f in manifest.findings}
    for pack in packs:
        outcome = result.pack(pack.id)
        clauses = {c.id: c for c in outcome.clauses}
        index = pack.index
        for clause_id in index.order:
            placed = index.clauses[clause_id]
            if not placed.clause.checkpoints or clause_id not in clauses:
                continue
            reads = pack.scoring.reads(index, placed) & set(FIELDS)
            yield Row(pack.id, clause_id, clauses[clause_id], frozenset(reads or {"status"}), recorded.get((pack.id, clause_id)))
