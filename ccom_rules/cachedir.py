"""The user's cache folder, and data derived from a file kept there by the file's content.

``ccom_rules.cache`` keeps compiled packs here; :func:`derived` keeps smaller things worked out
from a file (the message catalogues read from YAML) as JSON, so a command that needs them reads
JSON instead of parsing YAML again. Both are keyed by the sha256 of what they were made from: a
changed source file is a new key, and a missing, unreadable or corrupt entry is ignored and
written again (the cache never changes a result and never causes an error).
``CCOM_RULES_NO_CACHE=1`` switches both off.

This module stays light (no models, no YAML): the message catalogues use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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
            with open(path, "rb") as fh:
                kept = json.loads(fh.read())
        except (OSError, ValueError):
            pass  # missing, unreadable or corrupt: made again below
        else:
            if check(kept):
                return kept  # type: ignore[no-any-return]
    value = make()
    try:
        from .safeio import write_atomic

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if trusted_folder(folder):
            write_atomic(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: no cache next time either
        pass
    return value
