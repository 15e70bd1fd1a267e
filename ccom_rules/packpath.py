"""Where packs are found: the installed packs, then the folders of ``CCOM_RULES_PACK_PATH``,
then those given with ``--pack-path``.

A folder on the path is either a pack folder (it holds ``pack.yaml``) or a folder of pack
folders. A pack is known by the ``id`` in its ``pack.yaml``. Two packs with the same id are an
error naming both places, unless one of them is chosen explicitly (a pack folder, or
``ID@PATH``): a pack never silently shadows another.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .problems import InvalidInput, Problem
from .records import record

ENV_VAR = "CCOM_RULES_PACK_PATH"
PACK_FILE = "pack.yaml"
INSTALLED, FROM_ENV, FROM_OPTION, GIVEN = "installed", ENV_VAR, "--pack-path", "given"


@record
class Found:
    """A pack folder on the path: its id, where it is and how it got there."""

    id: str
    directory: Path
    origin: str

    @property
    def place(self) -> str:
        return f"{self.directory} ({self.origin})"


_IDS: dict[tuple[str, int, int], str] = {}


def pack_id_of(directory: Path) -> str:
    """The ``id`` written in a folder's ``pack.yaml`` (the folder's name when it cannot be read:
    loading the pack then reports why). Remembered while the file keeps its size and time, and
    in the cache folder by the file's content (``cachedir.derived``): finding the packs on the path
    parses no ``pack.yaml`` read before."""
    head = directory / PACK_FILE
    try:
        st = head.stat()
    except OSError:
        return directory.name
    key = (str(head.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _IDS:
        _IDS[key] = _id_in(head) or directory.name
    return _IDS[key]


def _id_in(head: Path) -> str | None:
    """The ``id`` a ``pack.yaml`` holds (None when it cannot be read or holds none)."""
    from .cachedir import derived
    from .limits import current
    from .safeio import Refused, read_bounded

    limits = current()  # reading it again under other limits could end otherwise: they are part of the key
    try:
        raw = read_bounded(head, limits.max_file_bytes, limits.how_to_raise("max_file_bytes"))
    except Refused:
        return None
    found: str | None = derived("pack-id", f"{limits!r}\0".encode() + raw, lambda: _parsed_id(raw, str(head)), _is_id)
    return found


def _parsed_id(raw: bytes, file: str) -> str | None:
    from .yamlsource import parse

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    doc, problems = parse(text, file)
    data = doc.data if not problems else None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def _is_id(value: object) -> bool:
    return value is None or (isinstance(value, str) and bool(value))


def _pack_dirs(root: Path) -> list[Path]:
    if (root / PACK_FILE).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file()) if root.is_dir() else []


def _default_home() -> Path:
    from .loader import packs_home

    return packs_home()


@dataclass
class PackPath:
    """The folders searched for packs, in order, and the packs chosen explicitly by id."""

    roots: Sequence[tuple[Path, str]]
    chosen: dict[str, Path] = field(default_factory=dict)
    _found: list[Found] | None = field(default=None, repr=False)

    @classmethod
    def from_environment(
        cls, extra: Iterable[Path] = (), environ: Mapping[str, str] | None = None, home: Path | None = None
    ) -> PackPath:
        """The installed packs, then ``CCOM_RULES_PACK_PATH`` (``os.pathsep``-separated), then ``extra``."""
        env = (os.environ if environ is None else environ).get(ENV_VAR, "")
        roots = [(home or _default_home(), INSTALLED)]
        roots += [(Path(p), FROM_ENV) for p in env.split(os.pathsep) if p]
        roots += [(Path(p), FROM_OPTION) for p in extra]
        return cls(roots)

    def choose(self, pack_id: str, directory: Path) -> None:
        """Use the pack in ``directory`` for ``pack_id``, whatever else the path holds."""
        self.chosen[pack_id] = directory

    def found(self) -> list[Found]:
        """Every pack folder on the path, in path order (a folder reached twice counts once)."""
        if self._found is None:
            seen: set[Path] = set()
            out = []
            for root, origin in self.roots:
                for directory in _pack_dirs(root):
                    real = directory.resolve()
                    if real not in seen:
                        seen.add(real)
                        out.append(Found(pack_id_of(directory), directory, origin))
            self._found = out
        return self._found

    def ids(self) -> list[str]:
        """Every pack id on the path or chosen, sorted."""
        return sorted({f.id for f in self.found()} | set(self.chosen))

    def clashes(self) -> dict[str, list[Found]]:
        """Ids found in more than one place and not chosen explicitly."""
        by_id: dict[str, list[Found]] = {}
        for f in self.found():
            by_id.setdefault(f.id, []).append(f)
        return {i: fs for i, fs in by_id.items() if len(fs) > 1 and i not in self.chosen}

    def clash_problem(self, pack_id: str) -> Problem:
        places = self.clashes()[pack_id]
        where = " and ".join(f.place for f in places)
        hint = f"--pack {pack_id}@{places[-1].directory}"
        return Problem(
            str(places[-1].directory / PACK_FILE),
            1,
            1,
            "E021",
            f"pack id {pack_id!r} is found twice on the pack path: {where}; choose one explicitly, e.g. {hint}",
        )

    def locate(self, pack_id: str) -> Path | None:
        """The folder of ``pack_id``: chosen, or found once on the path (None when not found).
        Raises :class:`InvalidInput` (E021) when it is found in two places and not chosen."""
        if pack_id in self.chosen:
            return self.chosen[pack_id]
        if pack_id in self.clashes():
            raise InvalidInput([self.clash_problem(pack_id)])
        return next((f.directory for f in self.found() if f.id == pack_id), None)

    def all_dirs(self) -> list[Path]:
        """One folder per pack id (chosen ones first); raises :class:`InvalidInput` naming every clash."""
        clashes = self.clashes()
        if clashes:
            raise InvalidInput([self.clash_problem(i) for i in sorted(clashes)])
        dirs = dict(self.chosen)
        for f in self.found():
            dirs.setdefault(f.id, f.directory)
        return [dirs[i] for i in sorted(dirs)]


def default_path() -> PackPath:
    """The pack path of the environment: the installed packs and ``CCOM_RULES_PACK_PATH``."""
    return PackPath.from_environment()


def pack_dir_for(pack_id: str, where: Path) -> Path | None:
    """For ``ID@PATH``: PATH itself when it is a pack folder, else the pack folder below it whose id is ``pack_id``."""
    return next((d for d in _pack_dirs(where) if pack_id_of(d) == pack_id), None)
