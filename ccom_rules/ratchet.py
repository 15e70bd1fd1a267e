"""The ratchet: compare a result with a baseline result and say what got worse and what better.

A regression is a clause that was met (or not applicable) and no longer is, a clause rating,
fraction or score that went down, or a worse pack outcome (see :func:`outcome_changes`).
A baseline pack made with another pack version or content is not compared: its clauses may
mean something else.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .model.result import ClauseResult, PackOutcome, PackResult, Result
from .problems import InvalidInput, Problem
from .records import record

_DONE = ("met", "not_applicable")
_NUMBERS = ("c_rate", "f_rate", "fraction", "score")
"""Per-clause numbers where less is worse (absent when the pack's scoring does not use them)."""


@record
class Comparison:
    regressions: tuple[str, ...]
    improvements: tuple[str, ...]
    notes: tuple[str, ...]
    """Packs evaluated now that the baseline does not hold (not compared)."""


def read_baseline(path: Path) -> Result:
    """The evaluate result stored in ``path`` (its JSON). Raises :class:`InvalidInput` with
    located problems when it cannot be read or is not such a result."""
    from .yamlsource import parse

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput([Problem(shown, 1, 1, "E010", f"cannot read the baseline: {exc}")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput([Problem(shown, exc.lineno, exc.colno, "E001", f"the baseline is not JSON: {exc.msg}")]) from None
    try:
        return Result.model_validate(data)
    except (ValidationError, ValueError):
        from .validation import validate

        doc, problems = parse(text, shown)
        if not problems:
            _, problems = validate(Result, doc)
        problems = problems or [Problem(shown, 1, 1, "E004", "the baseline is not a ccom-rules evaluate result")]
        note = " (the baseline must be the JSON of 'ccom-rules evaluate --format json')"
        raise InvalidInput([Problem(p.file, p.line, p.column, p.code, p.message + note, p.json_path) for p in problems]) from None


def mismatched_packs(baseline: Result, result: Result) -> list[str]:
    """A sentence for each pack evaluated in both whose version or content differs."""
    old = {p.pack.id: p.pack for p in baseline.packs}
    out = []
    for item in result.packs:
        before = old.get(item.pack.id)
        if before is None or before.sha256 == item.pack.sha256:
            continue
        if before.version != item.pack.version:
            change = f"version {before.version}, now {item.pack.version}"
        else:
            change = f"version {before.version} with other content (sha256 {before.sha256[:12]}…, now {item.pack.sha256[:12]}…)"
        out.append(f"the baseline evaluated {item.pack.id} {change}; make a new baseline with this pack")
    return out


def compare(baseline: Result, result: Result) -> Comparison:
    """What changed from ``baseline`` to ``result``, pack by pack (packs matched by id; packs whose
    version or content differ must be excluded first, see :func:`mismatched_packs`)."""
    old = {p.pack.id: p for p in baseline.packs}
    worse: list[str] = []
    better: list[str] = []
    notes: list[str] = []
    for item in result.packs:
        before = old.get(item.pack.id)
        if before is None:
            notes.append(f"{item.pack.id}: not in the baseline, not compared")
            continue
        down, up = outcome_changes(before.outcome, item.outcome)
        worse += [f"{item.pack.id}: {x}" for x in down]
        better += [f"{item.pack.id}: {x}" for x in up]
        down, up = _clause_changes(before, item)
        worse += down
        better += up
    return Comparison(tuple(worse), tuple(better), tuple(notes))


def _clause_changes(before: PackResult, after: PackResult) -> tuple[list[str], list[str]]:
    old: dict[str, ClauseResult] = {c.id: c for c in before.clauses}
    worse, better = [], []
    for clause in after.clauses:
        was = old.get(clause.id)
        if was is None:
            continue
        down, up = [], []
        if was.status in _DONE and clause.status not in _DONE:
            down.append(f"{was.status} → {clause.status}")
        elif was.status not in _DONE and clause.status in _DONE:
            up.append(f"{was.status} → {clause.status}")
        for name in _NUMBERS:
            a, b = getattr(was, name), getattr(clause, name)
            if a is not None and b is not None and a != b:
                (down if b < a else up).append(f"{name} {a:g} → {b:g}")
        label = f"{after.pack.id} {clause.id} {clause.title.en}"
        if down:
            worse.append(f"{label}: {'; '.join(down)}")
        if up:
            better.append(f"{label}: {'; '.join(up)}")
    return worse, better


def outcome_changes(old: PackOutcome, new: PackOutcome) -> tuple[list[str], list[str]]:
    """How a pack's outcome moved: (what got worse, what got better), in the words of its scoring model."""
    from .scoring import model_of

    if old.model != new.model:
        return [f"scored {old.model} in the baseline, {new.model} now"], []
    return model_of(new).compare(old, new)
