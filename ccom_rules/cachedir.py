"""The user's cache folder, and data derived from a file kept there by the file's content.

``ccom_rules.cache`` keeps compiled packs here; :func:`derived` keeps smaller things worked out
from a file (the message catalogues read from YAML) as JSON, so a command that needs them reads
JSON instead of parsing YAML again. Both are keyed by the sha256 of what they were made from: a
changed source file is a new key, and a missing, unreadable or corrupt entry is ignored and
written again (the cache never changes a result and never causes an error).
``CCOM_RULES_NO_CACHE=1`` switches both off.

The folder stays small: after each store (a miss, which is rare) :func:`prune` keeps the
:data:`LIMITS` most recently used entries of each kind and removes the others, and a hit marks its
entry as used (:func:`mark_used`, at most once a day). Only regular files this tool wrote are ever
removed (:func:`entry_kind`); other files, links and folders there are left alone.

This module stays light (no models, no YAML): the message catalogues use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from . import __version__

CACHE_ENV_OFF = "CCOM_RULES_NO_CACHE"
"""Set to anything but ``""`` or ``0`` to read every pack and catalogue from its files."""

T = TypeVar("T")

DERIVED_FORMAT = 1
"""Bumped when the layout of a derived entry changes."""


def enabled() -> bool:
    """Whether the cache is in use (``CCOM_RULES_NO_CACHE`` unset, empty or 0)."""
    return os.environ.get(CACHE_ENV_OFF, "").strip() in ("", "0")


def cache_home() -> Path:
    """``$XDG_CACHE_HOME/ccom-rules`` when that is an absolute path, else ``~/.cache/ccom-rules``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "ccom-rules"


def trusted_folder(folder: Path) -> bool:
    """The folder is ours: owned by this user and not writable by group or others (POSIX)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def derived(kind: str, source: bytes, make: Callable[[], T], check: Callable[[Any], bool]) -> T:
    """``make()``, the data derived from the file content ``source`` (JSON-shaped: dicts with
    string keys, lists, strings, numbers), read back from the cache when an entry made from the
    same bytes exists and ``check`` accepts what it holds; else made and stored."""
    if not enabled():
        return make()
    digest = hashlib.sha256(f"{kind}|format {DERIVED_FORMAT}|ccom-rules {__version__}\0".encode())
    digest.update(source)
    path = cache_home() / f"{kind}-{digest.hexdigest()}.json"
    folder = path.parent
    if trusted_folder(folder):
        try:
            # A link is not followed, and only a regular file of this user's is read (as for packs).
            with open(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                    raise ValueError("not an entry of ours")
                kept = json.loads(fh.read())
        except (OSError, ValueError):
            pass  # missing, a link, unreadable or corrupt: made again below
        else:
            if check(kept):
                mark_used(path, info)
                return kept  # type: ignore[no-any-return]
    value = make()
    try:
        from .safeio import write_atomic

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if trusted_folder(folder):
            write_atomic(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            prune(folder, keep=path.name)
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: no cache next time either
        pass
    return value


PACK, DERIVED, UNFINISHED = "compiled pack", "derived", "unfinished"
"""The kinds of entry: ``pack-<sha256>.pickle``, ``<kind>-<sha256>.json`` and the temporary file
of a write (``.<entry>.<12 hex>.tmp``) that an interrupted process left behind."""

LIMITS: dict[str, int] = {PACK: 48, DERIVED: 256}
"""How many entries of each kind are kept. A compiled pack of the installed ones takes 0.3-0.9 MB
(0.52 MB on average), so 48 of them take about 25 MB, yet hold the installed packs under a dozen
combinations of tool, Python and limits together with the versions of the packs being edited. A derived entry takes at most about 20 KB
(a message catalogue; a pack id is a few bytes): 256 of them, one per pack folder on the pack
path and per catalogue, stay under 6 MB."""

UNFINISHED_AGE = 3600.0
"""Seconds after which a temporary file is taken as left behind by a process that was stopped
mid-write (a write takes milliseconds) and removed by :func:`prune`."""

USED_EVERY = 86400.0
"""A hit marks its entry as used (its modification time set to now) only when the mark is older
than this many seconds: one write to the folder per entry and day at most."""

_HEX = frozenset("0123456789abcdef")


def _sha256_hex(text: str) -> bool:
    return len(text) == 64 and _HEX.issuperset(text)


def entry_kind(name: str) -> str | None:
    """The kind of entry a file named ``name`` in the cache folder is; None when this tool did not
    name it so (such a file is never removed)."""
    if name.startswith(".") and name.endswith(".tmp"):
        entry, _, token = name[1:-4].rpartition(".")
        return UNFINISHED if len(token) == 12 and _HEX.issuperset(token) and entry_kind(entry) in LIMITS else None
    if name.startswith("pack-") and name.endswith(".pickle"):
        return PACK if _sha256_hex(name[5:-7]) else None
    if name.endswith(".json"):
        kind, _, key = name[:-5].rpartition("-")
        if kind[:1].isalpha() and all(c.isdigit() or c == "-" or "a" <= c <= "z" for c in kind) and _sha256_hex(key):
            return DERIVED
    return None


class Found(NamedTuple):
    """One entry of the cache folder: its name, kind, size in bytes and last use (``st_mtime``)."""

    name: str
    kind: str
    size: int
    used: float


def entries(folder: Path) -> Iterator[Found]:
    """The entries this tool wrote in ``folder``: regular files (links are not followed) owned by
    this user and named as :func:`entry_kind` knows. A file gone while listed is skipped."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    with os.scandir(folder) as listing:
        for item in listing:
            kind = entry_kind(item.name)
            if kind is None:
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid):
                yield Found(item.name, kind, info.st_size, info.st_mtime)


def prune(folder: Path, limits: dict[str, int] | None = None, keep: str = "", now: float | None = None) -> list[Found]:
    """Remove from the trusted ``folder`` the least recently used entries past ``limits`` (default
    :data:`LIMITS`; a kind not named there has no limit; 0 removes all) and the temporary files
    left behind, except the entry named ``keep``; return those removed. Another process removing
    or replacing a file meanwhile is no error; an unusable folder removes nothing."""
    limits = LIMITS if limits is None else limits
    if not trusted_folder(folder):
        return []
    try:
        found = sorted(entries(folder), key=lambda e: (e.name != keep, -e.used, e.name))
    except OSError:
        return []
    stale = (time.time() if now is None else now) - UNFINISHED_AGE
    kept: dict[str, int] = {}
    removed: list[Found] = []
    for entry in found:
        if entry.kind == UNFINISHED:
            going = entry.used < stale if UNFINISHED not in limits else kept.get(entry.kind, 0) >= limits[entry.kind]
        else:
            going = entry.name != keep and entry.kind in limits and kept.get(entry.kind, 0) >= limits[entry.kind]
        if not going:
            kept[entry.kind] = kept.get(entry.kind, 0) + 1
            continue
        try:
            os.unlink(folder / entry.name)  # removes a link itself, never what it points to
        except OSError:  # gone already (another process pruned it), or replaced by a folder
            continue
        removed.append(entry)
    return removed


def mark_used(path: Path, info: os.stat_result) -> None:
    """Set the modification time of the entry ``path`` (a regular file, as ``info`` found it) to
    now when it is older than :data:`USED_EVERY`, so :func:`prune` keeps the entries read most
    recently. A read-only folder, or any other failure, is ignored."""
    try:
        if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime > USED_EVERY:
            os.utime(path, follow_symlinks=os.utime not in os.supports_follow_symlinks)  # a link: itself
    except Exception:  # noqa: BLE001 - housekeeping only: never an error, never a change to a result
        pass
