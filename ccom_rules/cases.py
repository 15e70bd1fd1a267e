"""Pack test cases: a manifest and the outcome it must give, kept beside the pack."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .model.pack import ClausePack
from .problems import InvalidInput
from .records import record


@record
class CaseResult:
    name: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def case_dirs(pack_dir: Path) -> list[Path]:
    """Every folder of ``cases/`` holding an entry named ``manifest.yaml``, whatever it is: one that
    is not a readable file fails its case rather than being skipped without a word."""
    root = pack_dir / "cases"
    return sorted(p for p in root.iterdir() if os.path.lexists(p / "manifest.yaml")) if root.is_dir() else []


def expected_shape(data: Any) -> list[str]:
    """What is wrong with the shape of an ``expected.yaml``: a mapping with ``outcome:`` (a
    mapping) and optionally ``clauses:`` (a mapping of ids to mappings)."""
    if not isinstance(data, dict):
        return [f"expected.yaml must be a mapping with outcome: and clauses:, not {type(data).__name__}"]
    out = [f"expected.yaml: unknown key {k!r} (use outcome: and clauses:)" for k in data if k not in ("outcome", "clauses")]
    if not isinstance(data.get("outcome", {}), dict):
        out.append(f"expected.yaml: outcome must be a mapping of outcome fields, not {type(data['outcome']).__name__}")
    clauses = data.get("clauses") or {}
    if not isinstance(clauses, dict):
        out.append(f"expected.yaml: clauses must be a mapping of clause or checkpoint ids, not {type(clauses).__name__}")
    else:
        out += [
            f"expected.yaml: clauses.{cid} must be a mapping of result fields, not {type(want).__name__}"
            for cid, want in clauses.items()
            if not isinstance(want, dict)
        ]
    return out


def mismatches(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where ``actual`` differs from the partial ``expected`` (mappings compare only the keys given)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where or '.'}: expected a mapping, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{where}.{key}: missing in the result")
            else:
                out += mismatches(value, actual[key], f"{where}.{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} entries, got {len(actual)}: {actual!r}"]
        return [m for i, (e, a) in enumerate(zip(expected, actual)) for m in mismatches(e, a, f"{where}[{i}]")]
    if isinstance(expected, float) or isinstance(actual, float):
        if isinstance(actual, (int, float)) and isinstance(expected, (int, float)) and abs(expected - actual) < 1e-6:
            return []
    if expected != actual:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


def run_case(case: Path, pack: ClausePack) -> CaseResult:
    """Evaluate ``case/manifest.yaml`` against ``pack`` and compare with ``case/expected.yaml``.

    ``expected.yaml`` holds ``outcome:`` (a partial outcome) and optionally ``clauses:``
    (clause or checkpoint id → partial result).
    """
    from .engine import evaluate
    from .loader import load_manifest
    from .yamlsource import read

    try:
        manifest = load_manifest(case / "manifest.yaml", [pack])
    except InvalidInput as exc:
        return CaseResult(case.name, tuple(str(p) for p in exc.errors))
    doc, problems = read(case / "expected.yaml")
    if problems:
        return CaseResult(case.name, tuple(str(p) for p in problems))
    if shape := expected_shape(doc.data):
        return CaseResult(case.name, tuple(shape))
    result = evaluate([pack], manifest).pack(pack.id).model_dump(mode="json")
    failures = mismatches(doc.data.get("outcome", {}), result["outcome"], "outcome")
    clauses = {c["id"]: c for c in result["clauses"]}
    clauses.update({cp["id"]: cp for c in result["clauses"] for cp in c["checkpoints"]})
    for cid, want in (doc.data.get("clauses") or {}).items():
        if str(cid) not in clauses:
            failures.append(f"clauses.{cid}: no such clause")
        else:
            failures += mismatches(want, clauses[str(cid)], f"clauses.{cid}")
    return CaseResult(case.name, tuple(failures))
