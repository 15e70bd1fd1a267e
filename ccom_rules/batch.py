"""Many manifests against one compiled set of packs: ``evaluate_many`` and ``ccom-rules batch``.

Each manifest is read, checked and evaluated exactly as ``ccom-rules evaluate`` would, and
summarised in one :class:`BatchRow`: its organisation, assessment date, identity hash, each
pack's outcome in its stable keys, and its problems. A manifest that cannot be read or has
errors gets a row carrying its problems; the others still run.

With ``jobs > 1`` the manifests are shared out to a pool of worker processes. The packs are
compiled once here and handed to each worker once, when it starts (never per manifest); the
rows come back in the order the paths were given.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .compiled import CompiledPack, adopt, compiled
from .model.pack import ClausePack
from .model.result import Result
from .problems import Problem
from .records import record
from .scoring import model_of

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml", "manifest.json")
SUFFIXES = (".yaml", ".yml", ".json")


@record
class PackSummary:
    """One pack's outcome for one manifest, in the values its scoring model names (``key_values``)."""

    pack: str
    model: str
    values: tuple[tuple[str, Any], ...]

    @property
    def compact(self) -> str:
        """``passed=true``, ``level=3 certifiable_level=2``, ``score=81 band=B``."""
        return " ".join(f"{k}={_text(v)}" for k, v in self.values)


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


@record
class BatchRow:
    """The summary of one manifest: evaluated (``outcomes`` set) or not (``problems`` has errors)."""

    path: str
    organisation: str | None
    assessment_date: str | None
    manifest_sha256: str | None
    outcomes: tuple[PackSummary, ...]
    problems: tuple[Problem, ...]

    @property
    def evaluated(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@record
class BatchReport:
    """What ``ccom-rules batch`` renders: the packs evaluated and one row per manifest."""

    engine_version: str
    packs: tuple[str, ...]
    rows: tuple[BatchRow, ...]


def summarise(path: str, result: Result, problems: Sequence[Problem] = ()) -> BatchRow:
    """The row of an evaluated manifest."""
    outcomes = tuple(
        PackSummary(
            pr.pack.id,
            pr.outcome.model,
            model_of(pr.outcome).key_values(pr.outcome),  # the values its scoring model names
        )
        for pr in result.packs
    )
    ref = result.manifest
    return BatchRow(path, ref.organisation, ref.assessment_date.isoformat(), ref.sha256, outcomes, tuple(sorted(problems)))


def manifest_paths(targets: Iterable[str | Path]) -> list[Path]:
    """The manifests named: a file as given; a folder's ``*.yaml``/``*.yml``/``*.json`` files,
    and below it every file named ``manifest.yaml`` (``.yml``, ``.json``), sorted."""
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if not path.is_dir():
            found.append(path)
            continue
        inside = {p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file()}
        inside |= {p for name in MANIFEST_NAMES for p in path.rglob(name) if p.is_file()}
        found += sorted(inside)
    return found


def evaluate_one(packs: Sequence[ClausePack], path: str | Path, root: str | Path | None = None) -> BatchRow:
    """Read, check and evaluate one manifest as ``ccom-rules evaluate`` does; never raises for
    bad input (its problems go in the row)."""
    from .engine import evaluate
    from .loader import read_manifest

    shown = str(path)
    try:
        manifest, problems = read_manifest(path, packs, root)
    except ValueError as exc:  # e.g. a malformed CCOM_RULES_MAX_* limit
        return BatchRow(shown, None, None, None, (), (Problem(shown, 1, 1, "E010", str(exc)),))
    if manifest is None:
        return BatchRow(shown, None, None, None, (), tuple(sorted(problems)))
    return summarise(shown, evaluate(packs, manifest), problems)


_WORKER_PACKS: list[ClausePack] = []
_WORKER_ROOT: str | None = None


def _start_worker(plans: list[CompiledPack], root: str | None) -> None:
    global _WORKER_ROOT
    _WORKER_PACKS[:] = [adopt(plan) for plan in plans]
    _WORKER_ROOT = root
    gc.freeze()  # the packs live as long as the worker: no collector passes over them


def _work(path: str) -> BatchRow:
    return evaluate_one(_WORKER_PACKS, path, _WORKER_ROOT)


def evaluate_many(
    packs: Sequence[ClausePack], paths: Iterable[str | Path], jobs: int = 1, root: str | Path | None = None
) -> list[BatchRow]:
    """One :class:`BatchRow` per manifest path, in the order given.

    ``jobs`` worker processes share the manifests (1: all in this process; 0: one per CPU). Each
    row equals what evaluating that manifest alone gives. Raises ``ValueError`` for ``jobs < 0``.
    """
    names = [str(p) for p in paths]
    if jobs < 0:
        raise ValueError(f"jobs must be 0 or more, not {jobs}")
    workers = min(jobs or os.cpu_count() or 1, len(names))
    if workers <= 1:
        return [evaluate_one(packs, name, root) for name in names]
    from concurrent.futures import ProcessPoolExecutor

    plans = [compiled(pack) for pack in packs]
    chunk = max(1, min(16, len(names) // (workers * 4)))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(plans, None if root is None else str(root))
    ) as pool:
        return list(pool.map(_work, names, chunksize=chunk))
