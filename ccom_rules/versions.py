"""Pack versions: semver ordering, the constraints an overlay puts on its base, and bumps."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Bump = Literal["none", "patch", "minor", "major"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")
_PARTIAL = re.compile(r"^(\d+)(?:\.(\d+|\*|x))?(?:\.(\d+|\*|x))?$")
_CLAUSE = re.compile(r"^(\^|~|>=|<=|>|<|==|=)?\s*(\S+)$")

Key = tuple[int, int, int, int, str]


def version_key(version: str) -> Key:
    """A sort key: numbers in order, and a pre-release below its release. Raises ``ValueError``."""
    match = _VERSION.match(version)
    if not match:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch, pre = match.groups()
    return int(major), int(minor), int(patch), 0 if pre else 1, pre or ""


def _bounds(op: str, text: str) -> list[tuple[str, Key]]:
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a version")
    parts = [int(p) for p in match.groups() if p is not None and p not in ("*", "x")]
    while len(parts) < 3:
        parts.append(0)
    given = len([p for p in match.groups() if p is not None and p not in ("*", "x")])
    major, minor, patch = parts
    low: Key = (major, minor, patch, 1, "")  # a pre-release of the lowest version is below it
    if op == "^":
        if major or given == 1:
            high = (major + 1, 0, 0)
        elif minor or given == 2:
            high = (0, minor + 1, 0)
        else:
            high = (0, 0, patch + 1)
        return [(">=", low), ("<", (*high, 0, ""))]
    if op == "~":
        high = (major + 1, 0, 0) if given == 1 else (major, minor + 1, 0)
        return [(">=", low), ("<", (*high, 0, ""))]
    if op in ("", "=", "=="):
        if given == 3 and text.count(".") == 2 and "*" not in text and "x" not in text:
            return [("==", (major, minor, patch, 1, ""))]
        return _bounds("~", text) if given == 2 else _bounds("^", text)
    return [(op, (major, minor, patch, 0 if op == "<" else 1, ""))]


def parse_constraint(text: str) -> list[tuple[str, Key]]:
    """``^1.0``, ``~1.2``, ``>=1.0,<2``, ``1.0.0`` (exact), ``1.2`` (any 1.2.x) or ``*``: every
    bound (op, key) that a version must meet. Raises ``ValueError`` on anything else."""
    bounds: list[tuple[str, Key]] = []
    for part in text.split(","):
        part = part.strip()
        if part in ("*", "x", ""):
            if part == "" and text.strip():
                raise ValueError(f"empty part in the version constraint {text!r}")
            continue
        match = _CLAUSE.match(part)
        if not match:
            raise ValueError(f"{part!r} is not a version constraint")
        try:
            bounds += _bounds(match.group(1) or "", match.group(2))
        except ValueError:
            raise ValueError(f"{part!r} is not a version constraint (e.g. ^1.0, ~1.2, >=1.0,<2, 1.0.0)") from None
    return bounds


def satisfies(version: str, constraint: str) -> bool:
    """Whether ``version`` meets ``constraint`` (see :func:`parse_constraint`)."""
    key = version_key(version)
    checks: dict[str, Callable[[Key], bool]] = {
        ">=": lambda b: key >= b,
        ">": lambda b: key > b,
        "<=": lambda b: key <= b,
        "<": lambda b: key < b,
        "==": lambda b: key[:3] == b[:3] and key[3] == 1,
    }
    return all(checks[op](bound) for op, bound in parse_constraint(constraint))


def bump_of(old: str, new: str) -> Bump | None:
    """How ``new`` moves on from ``old``: ``major``, ``minor``, ``patch``, ``none`` (same numbers),
    or None when it goes backwards."""
    a, b = version_key(old), version_key(new)
    if b < a:
        return None
    if b[0] > a[0]:
        return "major"
    if b[1] > a[1]:
        return "minor"
    if b[2] > a[2]:
        return "patch"
    return "none"


def needed_bump_met(needed: Bump, old: str, new: str) -> bool:
    """Whether going from ``old`` to ``new`` is at least the ``needed`` bump. Before 1.0.0 a minor
    bump may carry breaking changes (semver's rule for 0.x)."""
    got = bump_of(old, new)
    if got is None:
        return False
    if version_key(old)[0] == 0 and needed == "major":
        needed = "minor"
    return BUMPS.index(got) >= BUMPS.index(needed)
