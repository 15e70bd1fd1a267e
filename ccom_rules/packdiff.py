"""``ccom-rules packs diff OLD NEW``: what changed between two versions of a pack, which outcomes
change with it, and whether the version number says as much.

The version rule (docs/pack-format.md, "Comparing versions"): a change that can alter an outcome
needs at least a minor bump; removing a clause, checkpoint or evidence type id (which manifests
name) needs a major one; wording alone needs a patch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from .model.common import Frozen
from .model.pack import ClausePack
from .model.result import PackResult
from .versions import BUMPS, Bump, bump_of, needed_bump_met

What = Literal["pack", "clause", "checkpoint", "evidence type", "scoring"]

# Scoring parameters that are wording (a level's name, a band's title and meaning, …).
_WORDING = {"title", "name", "meaning", "description"}
# Fields whose change can alter an outcome; every other field is wording or description.
_OUTCOME_FIELDS = {"mandatory", "points", "requires", "parent", "aspect", "evidence", "clause", "model"}


class Change(Frozen):
    what: What
    id: str
    """The clause, checkpoint or evidence-type id; for scoring, the parameter's path."""
    change: Literal["added", "removed", "changed"]
    fields: tuple[str, ...] = ()
    old: Any = None
    new: Any = None
    bump: Bump
    """The smallest version bump this change needs."""


class ClauseShift(Frozen):
    id: str
    old: str
    new: str


class OutcomeChange(Frozen):
    source: str
    """The manifest (a path, or ``case NAME``)."""
    old: str
    """The old pack's outcome in one line (or why the manifest could not be evaluated)."""
    new: str
    clauses: tuple[ClauseShift, ...] = ()
    """Clauses and checkpoints whose status or rating changed (``-`` where one side has none)."""


class PackSide(Frozen):
    id: str
    version: str
    sha256: str


class PackDiff(Frozen):
    old: PackSide
    new: PackSide
    changes: tuple[Change, ...]
    manifests: int
    """How many manifests were evaluated against both."""
    outcomes: tuple[OutcomeChange, ...]
    """Those whose outcome or clause statuses differ."""
    needed: Bump
    bump: Bump | None
    """From the old version to the new (None: it goes backwards)."""
    version_ok: bool
    version_note: str


def _dump(item: Frozen, leave: Iterable[str] = ()) -> dict[str, Any]:
    return item.model_dump(mode="json", exclude=set(leave))


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k))


def _bump_for(fields: Sequence[str]) -> Bump:
    return "minor" if any(f in _OUTCOME_FIELDS for f in fields) else "patch"


def _items(pack: ClausePack) -> dict[tuple[What, str], dict[str, Any]]:
    index = pack.index
    items: dict[tuple[What, str], dict[str, Any]] = {}
    for cid, placed in index.clauses.items():
        items[("clause", cid)] = {**_dump(placed.clause, ("children", "checkpoints")), "parent": placed.parent}
    for cp_id, (cp, owner) in index.checkpoints.items():
        data = _dump(cp)
        guides: list[Any] = []
        data["evidence"] = _without_guides(data["evidence"], guides)
        items[("checkpoint", cp_id)] = {**data, "clause": owner, "guide": guides}
    for et_id, et in index.evidence_types.items():
        items[("evidence type", et_id)] = _dump(et)
    return items


def _without_guides(pred: Any, guides: list[Any]) -> Any:
    """A predicate's data without the assessor guides (wording, collected into ``guides``): a
    changed guide alone is a ``guide`` change, not an ``evidence`` one."""
    if isinstance(pred, dict):
        if "guide" in pred:
            guides.append(pred["guide"])
        return {k: _without_guides(v, guides) for k, v in pred.items() if k != "guide"}
    if isinstance(pred, list):
        return [_without_guides(v, guides) for v in pred]
    return pred


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Scoring parameters as ``path → value``; entries of levels, bands and prerequisites are
    named by their ``level`` or ``id`` rather than their place."""
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for k, v in data.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(data, list) and data and all(isinstance(x, dict) and ("level" in x or "id" in x) for x in data):
        out = {}
        for x in data:
            key = f"level={x['level']}" if "level" in x else f"id={x['id']}"
            out.update(_flatten(x, f"{prefix}[{key}]"))
        return out
    return {prefix: data}


def structural_changes(old: ClausePack, new: ClausePack) -> list[Change]:
    """Clauses, checkpoints and evidence types added, removed and changed; scoring parameters changed."""
    changes: list[Change] = []
    if old.scoring.model != new.scoring.model:
        changes.append(
            Change(what="scoring", id="model", change="changed", old=old.scoring.model, new=new.scoring.model, bump="major")
        )
    header = ("standard", "edition", "title", "publisher", "provenance", "interpretations")
    fields = _field_changes(
        _dump(old, [f for f in ClausePack.model_fields if f not in header]),
        _dump(new, [f for f in ClausePack.model_fields if f not in header]),
    )
    if fields:
        changes.append(Change(what="pack", id=new.id, change="changed", fields=fields, bump="patch"))
    before, after = _items(old), _items(new)
    for key in [*before, *(k for k in after if k not in before)]:
        what, ident = key
        if key not in after:
            changes.append(Change(what=what, id=ident, change="removed", bump="major"))
        elif key not in before:
            changes.append(Change(what=what, id=ident, change="added", bump="patch" if what == "evidence type" else "minor"))
        elif before[key] != after[key]:
            fields = _field_changes(before[key], after[key])
            changes.append(Change(what=what, id=ident, change="changed", fields=fields, bump=_bump_for(fields)))
    if old.scoring.model == new.scoring.model:
        a, b = _flatten(old.scoring.model_dump(mode="json")), _flatten(new.scoring.model_dump(mode="json"))
        for path in [*a, *(p for p in b if p not in a)]:
            if a.get(path) != b.get(path):
                kind: Literal["added", "removed", "changed"] = (
                    "added" if path not in a else "removed" if path not in b else "changed"
                )
                wording = any(part.split("[")[0] in _WORDING for part in path.split("."))
                bump: Bump = "patch" if wording else "minor"
                changes.append(Change(what="scoring", id=path, change=kind, old=a.get(path), new=b.get(path), bump=bump))
    return changes


def _statuses(result: PackResult) -> dict[str, str]:
    out: dict[str, str] = {}
    for clause in result.clauses:
        rating = "".join(
            f" {name}={value}" for name in ("c_rate", "f_rate", "fraction") if (value := getattr(clause, name)) is not None
        )
        out[clause.id] = clause.status + rating
        for cp in clause.checkpoints:
            out[cp.id] = cp.status
    return out


def outcome_changes(old: ClausePack, new: ClausePack, manifests: Sequence[tuple[str, Path]]) -> list[OutcomeChange]:
    """Each manifest evaluated against the old and the new pack; those whose outcome or clause
    statuses differ. A manifest that one of them cannot read counts as changed, with the reason."""
    from .engine import evaluate
    from .loader import load_manifest
    from .problems import InvalidInput
    from .report.text import headline

    out: list[OutcomeChange] = []
    for source, path in manifests:
        lines: list[str] = []
        statuses: list[dict[str, str]] = []
        for pack in (old, new):
            try:
                result = evaluate([pack], load_manifest(path, [pack])).packs[0]
            except InvalidInput as exc:
                first = exc.errors[0] if exc.errors else exc.problems[0]
                lines.append(f"cannot be evaluated: {first}")
                statuses.append({})
                continue
            lines.append(headline(result))
            statuses.append(_statuses(result))
        a, b = statuses
        shifts = tuple(
            ClauseShift(id=i, old=a.get(i, "-"), new=b.get(i, "-"))
            for i in [*a, *(i for i in b if i not in a)]
            if a.get(i) != b.get(i)
        )
        if lines[0] != lines[1] or (a and b and shifts):
            out.append(OutcomeChange(source=source, old=lines[0], new=lines[1], clauses=shifts if a and b else ()))
    return out


def diff_packs(old: ClausePack, new: ClausePack, manifests: Sequence[tuple[str, Path]]) -> PackDiff:
    """The whole comparison of ``old`` and ``new``, evaluated on ``manifests`` (label, path)."""
    changes = structural_changes(old, new)
    outcomes = outcome_changes(old, new, manifests)
    needed: Bump = "none"
    for change in changes:
        if BUMPS.index(change.bump) > BUMPS.index(needed):
            needed = change.bump
    if outcomes and BUMPS.index(needed) < BUMPS.index("minor"):
        needed = "minor"  # an outcome changed, whatever the changes look like
    bump = bump_of(old.version, new.version)
    ok = needed == "none" or needed_bump_met(needed, old.version, new.version)
    if old.id != new.id:
        note = f"{old.id} and {new.id} are different packs: no version rule applies"
        ok = True
    elif bump is None:
        note = f"{new.version} is lower than {old.version}"
    else:
        why = next((c for c in changes if c.bump == needed), None)
        reason = f" ({why.change} {why.what} {why.id})" if why else " (outcomes change)" if needed != "none" else ""
        moved = "keeps the version" if bump == "none" else f"is a {bump} bump"
        note = f"{old.version} → {new.version} {moved}; the changes need {needed}{reason}"
    return PackDiff(
        old=PackSide(id=old.id, version=old.version, sha256=old.sha256),
        new=PackSide(id=new.id, version=new.version, sha256=new.sha256),
        changes=tuple(changes),
        manifests=len(manifests),
        outcomes=tuple(outcomes),
        needed=needed,
        bump=bump,
        version_ok=ok,
        version_note=note,
    )
