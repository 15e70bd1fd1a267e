"""Compiled packs kept in the user's cache folder, keyed by the content of their files.

Reading a pack means parsing its YAML, validating it and checking it (ids, references, cycles,
weights); loading a compiled pack the tool wrote earlier is several times faster. An entry is
found by the sha256 of ``pack.yaml``'s bytes together with everything else that could change the
outcome (this engine's version and its modules' sizes and times, Python's and pydantic's
versions, the reading limits in force),
and the name its files are shown by (the pack keeps it, for problems and ``explain``), and it
is used only when every file the pack included still has the sha256 recorded beside it.
A missing, stale, unreadable or corrupt entry is ignored and rewritten: the cache never changes
a result and never causes an error. ``CCOM_RULES_NO_CACHE=1`` switches it off.

Entries are pickles. Unpickling runs code named inside the file, so only files this tool wrote
are read, and only from the user's own cache folder (``$XDG_CACHE_HOME/ccom-rules``, else
``~/.cache/ccom-rules``; owned by the user and not writable by others, or it is not used): a
pack from a pull request is data that gets parsed, checked and compiled like any other, and only
what the tool made of it is pickled. Someone who can write into your cache folder can already
run code as you (for example through the shell's start-up files), so the cache adds no way in.
Only packs that read without any problem (not even a warning) are cached, so every problem is
always reported from the files themselves; and only packs scored by a built-in model: a model
registered from elsewhere (``ccom_rules.scoring.register``) is code the key does not fingerprint,
and an entry whose model is no longer the class registered under its name is stale.

The folder keeps the 48 entries used most recently (``cachedir.LIMITS``): a store removes the
least recently used past that, and a hit marks its entry as used (once a day at most).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .compiled import CompiledPack, adopt, compiled, gc_paused
from .model.pack import ClausePack
from .cachedir import CACHE_ENV_OFF as CACHE_ENV_OFF
from .cachedir import cache_home as cache_home
from .cachedir import enabled as enabled
from .cachedir import mark_used, prune
from .cachedir import trusted_folder as _trusted_folder
from .safeio import Refused, read_bounded, write_atomic
from .scoring import BUILT_IN, MODELS
from .records import record

FORMAT = 2
"""Bumped when the layout of an entry changes."""


_CODE: list[str] = []


def _code_fingerprint() -> str:
    """The name, size and modification time of every module of this package: a compiled pack
    pickled by other code (a checkout moved on, a reinstall) is never read back."""
    if not _CODE:
        digest = hashlib.sha256()
        _fingerprint(os.path.dirname(os.path.abspath(__file__)), "", digest)
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def _fingerprint(folder: str, shown: str, digest: Any) -> None:
    """Add the modules of ``folder`` (named ``shown`` below the package), then its subfolders'."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.name.endswith(".py") and entry.is_file():
            info = entry.stat()
            digest.update(f"{shown}{entry.name}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    for entry in entries:
        if not entry.name.startswith(("__", ".")) and entry.is_dir(follow_symlinks=False):
            _fingerprint(entry.path, f"{shown}{entry.name}/", digest)


def _versions(limits: object) -> bytes:
    import pydantic

    return (
        f"ccom-rules {__version__}|code {_code_fingerprint()}|format {FORMAT}|python {sys.version}"
        f"|pydantic {pydantic.VERSION}|{limits!r}"
    ).encode()


def _built_in(pack: ClausePack) -> bool:
    """Whether the pack is scored by a built-in model (whose code the key fingerprints)."""
    return type(pack.scoring) is BUILT_IN.get(pack.scoring.model)


def _registered(pack: ClausePack) -> bool:
    """Whether the pack's scoring model is the class registered under its name now."""
    return type(pack.scoring) is MODELS.get(pack.scoring.model)


@record
class Entry:
    """What one cache file holds: the files read (path relative to the pack folder, sha256) and
    the compiled pack made from them."""

    format: int
    inputs: tuple[tuple[str, str], ...]
    compiled: CompiledPack


class PackCache:
    """Lookups and stores for the packs of one folder read (``pack.yaml`` and its includes)."""

    def __init__(self, head: Path, limits: object, shown: str = "") -> None:
        self.head = head
        self.folder = head.parent
        self.limits = limits
        self.max_bytes: int = getattr(limits, "max_file_bytes", 8 * 1024 * 1024)
        self.key: str | None = None
        self.path: Path | None = None
        if not enabled():
            return
        try:
            head_bytes = read_bounded(head, self.max_bytes, "limit")
        except Refused:
            return
        digest = hashlib.sha256(_versions(limits))
        digest.update(b"\0" + shown.encode("utf-8", "surrogatepass") + b"\0")  # the pack keeps its files' names as shown
        digest.update(head_bytes)
        self.key = digest.hexdigest()
        self.head_sha = hashlib.sha256(head_bytes).hexdigest()
        self.path = cache_home() / f"pack-{self.key}.pickle"

    def _sha(self, rel: str) -> str | None:
        try:
            return hashlib.sha256(read_bounded(self.folder / rel, self.max_bytes, "limit")).hexdigest()
        except (Refused, OSError, ValueError):
            return None

    def load(self) -> ClausePack | None:
        """The cached pack when an entry exists and every input file is unchanged; else None."""
        if self.path is None or not _trusted_folder(self.path.parent):
            return None
        try:
            info = os.lstat(self.path)
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            with open(self.path, "rb") as fh, gc_paused():  # thousands of objects, none dropped in cycles
                entry = pickle.load(fh)  # noqa: S301 - our own file in the user's own cache folder (see above)
        except Exception:  # noqa: BLE001 - missing, truncated, corrupt or from another version: rebuild
            return None
        if not isinstance(entry, Entry) or entry.format != FORMAT or not isinstance(entry.compiled, CompiledPack):
            return None
        if not entry.inputs or entry.inputs[0] != ("pack.yaml", self.head_sha):
            return None
        if not _registered(entry.compiled.pack):
            return None
        for rel, sha in entry.inputs[1:]:
            if self._sha(rel) != sha:
                return None
        mark_used(self.path, info)
        return adopt(entry.compiled)

    def store(self, pack: ClausePack) -> None:
        """Write ``pack`` compiled, atomically; any failure only means no cache next time."""
        if self.path is None or not _built_in(pack):
            return
        inputs = [("pack.yaml", self.head_sha)]
        for rel in pack.include:
            sha = self._sha(rel)
            if sha is None:
                return
            inputs.append((rel, sha))
        plan = compiled(pack)  # builds sha256 and the index too, so they are pickled with it
        try:
            data = pickle.dumps(Entry(FORMAT, tuple(inputs), plan), protocol=pickle.HIGHEST_PROTOCOL)
            folder = self.path.parent
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _trusted_folder(folder):
                return
            write_atomic(self.path, data)
            prune(folder, keep=self.path.name)  # the least recently used go past the bound
        except Exception:  # noqa: BLE001 - a read-only home, a full disk, an unpicklable oddity: no cache
            return
