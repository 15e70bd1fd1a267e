"""``packs diff`` as text: the changes, the outcomes they change, the version verdict."""

from __future__ import annotations

from typing import Any

from ..packdiff import Change, PackDiff

_MARK = {"added": "+", "removed": "-", "changed": "~"}
_GROUPS = (
    ("pack", "pack"),
    ("clause", "clauses"),
    ("checkpoint", "checkpoints"),
    ("evidence type", "evidence types"),
    ("scoring", "scoring"),
)


def _value(value: Any) -> str:
    return "-" if value is None else str(value)


def _line(change: Change) -> str:
    if change.what == "scoring":
        detail = f": {_value(change.old)} → {_value(change.new)}"
    else:
        detail = f": {', '.join(change.fields)}" if change.fields else ""
    return f"  {_MARK[change.change]} {change.change} {change.what} {change.id}{detail}  [{change.bump}]"


def render(diff: PackDiff) -> str:
    old, new = diff.old, diff.new
    lines = [f"{old.id} {old.version} → {new.id} {new.version}", f"  sha256 {old.sha256[:12]}… → {new.sha256[:12]}…"]
    if not diff.changes:
        lines.append("no change to clauses, checkpoints, evidence types or scoring")
    for what, title in _GROUPS:
        mine = [c for c in diff.changes if c.what == what]
        if mine:
            counts = ", ".join(
                f"{n} {kind}" for kind in ("added", "removed", "changed") if (n := sum(c.change == kind for c in mine))
            )
            lines += [f"{title}: {counts}", *(_line(c) for c in mine)]
    lines.append(f"outcomes: {len(diff.outcomes)} of {diff.manifests} manifest(s) change")
    for change in diff.outcomes:
        lines += [f"  {change.source}", f"    old: {change.old}", f"    new: {change.new}"]
        lines += [f"      {s.id}: {s.old} → {s.new}" for s in change.clauses[:20]]
        if len(change.clauses) > 20:
            lines.append(f"      … and {len(change.clauses) - 20} more (--format json for all)")
    verdict = "ok" if diff.version_ok else "NOT OK"
    lines.append(f"version: {diff.version_note}: {verdict}")
    return "\n".join(lines) + "\n"
