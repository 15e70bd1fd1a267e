"""Packs and manifests in the form evaluation reads: compiled once, then evaluated many times.

A checked :class:`ClausePack` compiles into a :class:`CompiledPack`: its checkpoints, clauses and
result header laid out in evaluation order, its ``sha256`` and index built. A manifest is indexed
once per object (:func:`manifest_index`): its identity hash and its evidence by type and period.
Both are derived from frozen models, so they are kept beside the object they came from (a side
table keyed by the object, dropped with it) and never go stale.

Results are built from parts that are already valid (:func:`construct`): the engine's own
statuses, ids and texts taken from checked packs, so the hot path runs no validation. The JSON of
a constructed result is the JSON of the same result validated, byte for byte (the golden tests
hold this).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import field
from operator import itemgetter
from typing import Any


from .canonical import manifest_sha256
from .model.construct import builder as builder
from .model.construct import construct as construct
from .model.manifest import Manifest
from .model.pack import ClausePack
from .model.result import ClauseResult, PackRef
from .predicates import Facts, Predicate
from .sidetable import SideTable
from .predicates.run import Run, forget_outcomes, key_of, known_keys, runner
from .records import record


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector rests inside (reference counting still frees everything).

    Reading and evaluating build many objects and drop none of them in cycles; the collector's
    passes, triggered by the allocations, would walk every object alive (every pack, every
    manifest), more of them and for longer as inputs grow, and cost nearly half of an evaluation."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@record
class ManifestIndex:
    """A manifest's identity hash and its facts (evidence by type, sorted; periods covered)."""

    sha256: str
    facts: Facts


_MANIFESTS = SideTable()


def manifest_index(manifest: Manifest) -> ManifestIndex:
    """The manifest's :class:`ManifestIndex`, built once per manifest object."""
    return _MANIFESTS.get(manifest, lambda: ManifestIndex(manifest_sha256(manifest), Facts.of(manifest)))


@record
class CheckpointPlan:
    id: str
    aspect: str | None
    clause: str
    predicate: Predicate
    key: str
    """The predicate's canonical JSON: checkpoints asking the same thing share one outcome."""


@record
class ClausePlan:
    id: str
    parent: str | None
    title: Any
    checkpoints: tuple[str, ...]
    children: tuple[str, ...]


@record
class CompiledPack:
    """A checked pack laid out for evaluation: checkpoints in index order, clauses in document
    order (children after their parent), the result header built once."""

    pack: ClausePack
    checkpoints: tuple[CheckpointPlan, ...]
    clauses: tuple[ClausePlan, ...]
    ref: PackRef
    parts: tuple[tuple[Predicate, str], ...] = ()
    """Every part of the checkpoints' compound predicates (at any depth) with its key, its canonical
    JSON: worked out here, so that a process reading the pack from the cache builds no serialiser
    for the predicates (``predicates.run.key_of``)."""

    @classmethod
    def of(cls, pack: ClausePack) -> CompiledPack:
        index = pack.index
        checkpoints = tuple(
            CheckpointPlan(cp_id, cp.aspect, cid, cp.evidence, cp.evidence.model_dump_json())
            for cp_id, (cp, cid) in index.checkpoints.items()
        )
        parts = tuple((part, key_of(part)) for cp in checkpoints for part in _parts_of(cp.predicate))
        clauses = tuple(
            ClausePlan(
                cid,
                placed.parent,
                placed.clause.title,
                tuple(cp.id for cp in placed.clause.checkpoints),
                tuple(child.id for child in placed.clause.children),
            )
            for cid, placed in ((cid, index.clauses[cid]) for cid in index.order)
        )
        layers = {"base": pack.lineage.base, "overlays": pack.lineage.overlays} if pack.lineage else {}
        ref = construct(
            PackRef,
            {
                "id": pack.id,
                "version": pack.version,
                "sha256": pack.sha256,
                "standard": pack.standard,
                "title": pack.title,
                **layers,
            },
        )
        return cls(pack, checkpoints, clauses, ref, parts)


def _parts_of(predicate: Predicate) -> Iterator[Predicate]:
    """The parts of a compound predicate (``all_of``, ``any_of``, ``at_least``), at any depth."""
    for part in getattr(predicate, "of", ()):
        yield part
        yield from _parts_of(part)


_PACKS = SideTable()


def compiled(pack: ClausePack) -> CompiledPack:
    """The pack's :class:`CompiledPack`, compiled once per pack object."""
    return _PACKS.get(pack, lambda: CompiledPack.of(pack))


Pick = Callable[[Mapping[str, Any]], tuple[Any, ...]]
"""``picker(ids)``: the values of keys ``ids`` in a mapping, as a tuple in that order."""


def picker(ids: tuple[str, ...]) -> Pick:
    """A :data:`Pick` of ``ids``, in one call (``itemgetter``; it gives one value alone, not a tuple)."""
    if not ids:
        return lambda values: ()
    if len(ids) == 1:
        only = ids[0]
        return lambda values: (values[only],)
    pick: Pick = itemgetter(*ids)
    return pick


@record
class PackRun:
    """A compiled pack as one process evaluates it (made from the :class:`CompiledPack`, never
    pickled): each checkpoint with its predicate compiled (``ccom_rules.predicates.run``), each
    clause with its parts and the fields its result starts from."""

    checkpoints: tuple[tuple[str, str | None, str, str, Run], ...]
    """(id, aspect, clause, predicate key, the predicate's function), in index order."""
    states: tuple[tuple[str, Pick, Pick | None, bool], ...]
    """(clause id, its checkpoints' picker, its children's picker (None: it has none), whether the
    children decide it), children first."""
    results: tuple[tuple[str, Pick | None, dict[str, Any]], ...]
    """(clause id, its checkpoints' picker (None: it has none), every field of its result in
    declaration order), in document order."""
    pack_id: str
    parents: tuple[tuple[str, str | None], ...]
    """(clause id, parent id), in document order."""
    kept_checkpoints: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    kept_clauses: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """The checkpoint and clause results this pack's evaluations have made, by what they are made
    of (see ``ccom_rules.engine``): a result equal to one made before is that one, given again."""
    last_checkpoints: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Per checkpoint without a finding or declaration: the last outcome it was decided from, with
    the result made, its serial number and its status; the very same outcome gives the same result."""
    last_clauses: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Per clause: the state, scoring fields and checkpoint results' serial numbers its last result
    was made of, with that result; the very same parts give it again."""
    serials: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)
    """The last serial number given to a checkpoint result made for this pack (one number, in a
    list to count on): numbers are never given twice, and a clause's kept result is known by its
    checkpoints' results' numbers."""

    def forget(self) -> None:
        """Let go of every result and outcome kept, and of every compiled predicate's last outcome
        (:func:`~ccom_rules.predicates.run.forget_outcomes`, shared by the packs asking the same):
        the next evaluation makes all of them anew."""
        forget_outcomes()
        for kept in (self.kept_checkpoints, self.kept_clauses, self.last_checkpoints, self.last_clauses):
            kept.clear()

    @classmethod
    def of(cls, plan: CompiledPack) -> PackRun:
        # Checkpoints asking the same thing (the same key) share one outcome, so one compiled function:
        # the others' predicates are never run by an evaluation and need no compiling.
        known_keys(plan.parts)
        runs: dict[str, Run] = {}
        checkpoints = tuple(
            (cp.id, cp.aspect, cp.clause, cp.key, runs.get(cp.key) or runs.setdefault(cp.key, runner(cp.predicate)))
            for cp in plan.checkpoints
        )
        states = tuple(
            (c.id, picker(c.checkpoints), picker(c.children) if c.children else None, bool(c.children and not c.checkpoints))
            for c in reversed(plan.clauses)
        )
        results = tuple(
            (
                c.id,
                picker(c.checkpoints) if c.checkpoints else None,
                {**_CLAUSE_FIELDS, "id": c.id, "parent": c.parent, "title": c.title},
            )
            for c in plan.clauses
        )
        return cls(checkpoints, states, results, plan.pack.id, tuple((c.id, c.parent) for c in plan.clauses))


_CLAUSE_FIELDS: dict[str, Any] = {
    name: None if info.is_required() else info.get_default(call_default_factory=True)
    for name, info in ClauseResult.model_fields.items()
}
_RUNS = SideTable()


def pack_run(plan: CompiledPack) -> PackRun:
    """The :class:`PackRun` of a compiled pack, made once per compiled pack object."""
    return _RUNS.get(plan, lambda: PackRun.of(plan))


def adopt(compiled_pack: CompiledPack) -> ClausePack:
    """Register a compiled pack (read back from the cache) as its pack's compiled form."""
    _PACKS.get(compiled_pack.pack, lambda: compiled_pack)
    return compiled_pack.pack
