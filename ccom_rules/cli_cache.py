"""``ccom-rules cache info`` and ``ccom-rules cache clear``: the cache folder, seen and emptied."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .cachedir import CACHE_ENV_OFF, DERIVED, LIMITS, PACK, UNFINISHED, Found, cache_home, enabled, entries, prune, trusted_folder
from .cli_common import echo

_KINDS = ((PACK, "compiled packs"), (DERIVED, "derived entries"), (UNFINISHED, "unfinished writes"))


def _size(n: int) -> str:
    """Bytes for a reader: ``812 bytes``, ``20.4 KB``, ``27.1 MB`` (powers of 1000)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _totals(found: list[Found]) -> dict[str, tuple[int, int]]:
    totals = {kind: (0, 0) for kind, _ in _KINDS}
    for entry in found:
        count, size = totals[entry.kind]
        totals[entry.kind] = (count + 1, size + entry.size)
    return totals


def _unused_because(folder: Path) -> str:
    """Why the folder is not used ("" when it is)."""
    if not folder.exists():
        return "not created yet (the next command that reads a pack creates it)"
    if not trusted_folder(folder):
        return "not used: it must be a folder owned by you and not writable by group or others"
    return ""


@click.group()
def cache() -> None:
    """See and clear the compiled-pack cache in your cache folder ($XDG_CACHE_HOME/ccom-rules, else ~/.cache/ccom-rules).

    It keeps the 48 compiled packs and 256 derived entries used most recently; older ones are
    removed when a new one is stored. Deleting it is always safe: what it holds is made again.
    """


@cache.command("info")
def info() -> None:
    """Print the folder, whether the cache is on, and its entries: how many of each kind, their size."""
    folder = cache_home()
    echo(f"folder: {folder}")
    on = "yes" if enabled() else f"no ({CACHE_ENV_OFF} is set)"
    echo(f"enabled: {on}")
    why = _unused_because(folder)
    if why:
        echo(f"state: {why}")
        return
    try:
        found = list(entries(folder))
    except OSError as exc:
        echo(f"state: unreadable ({exc.strerror or exc})")
        return
    totals = _totals(found)
    for kind, label in _KINDS:
        count, size = totals[kind]
        bound = f" (at most {LIMITS[kind]} kept)" if kind in LIMITS else ""
        if count or kind in LIMITS:
            echo(f"{label}: {count}{bound}, {_size(size)}")
    echo(f"total: {len(found)} entries, {_size(sum(e.size for e in found))}")
    others = _others(folder, found)
    if others:
        echo(f"other files and folders (never removed): {others}")


def _others(folder: Path, found: list[Found]) -> int:
    try:
        return len(os.listdir(folder)) - len(found)
    except OSError:
        return 0


@cache.command("clear")
def clear() -> None:
    """Remove every entry of the cache: only the files this tool wrote there (compiled packs, derived JSON, unfinished
    writes); any other file, link or folder is left alone. Exit 0.
    """
    folder = cache_home()
    why = _unused_because(folder)
    if why:
        echo(f"nothing removed from {folder}: {why}")
        return
    removed = prune(folder, {kind: 0 for kind, _ in _KINDS})
    totals = _totals(removed)
    parts = [f"{totals[kind][0]} {label} ({_size(totals[kind][1])})" for kind, label in _KINDS if totals[kind][0]]
    echo(f"removed from {folder}: {', '.join(parts) if parts else 'nothing (no entries)'}")
