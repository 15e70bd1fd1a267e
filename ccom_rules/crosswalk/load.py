"""Reading crosswalks: ``themes.yaml`` and the pair files of a folder, checked against the packs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..model.pack import ClausePack
from ..problems import InvalidInput, Problem
from ..validation import validate
from ..yamlsource import Document, read
from .model import INVERSE, ClauseMapping, Crosswalk, CrosswalkRef, Relation, Theme, ThemeCatalogue
from ..records import record

THEMES_FILE = "themes.yaml"
FOLDER = "crosswalks"


@record
class Edge:
    """A mapping read from one pack to another: ``clause`` of ``pack`` is ``relation`` to
    ``other_clause`` of ``other_pack`` (the relation turned round when read right to left)."""

    pack: str
    clause: str
    other_pack: str
    other_clause: str
    relation: Relation
    theme: str
    crosswalk: Crosswalk
    mapping: ClauseMapping


@record
class Crosswalks:
    """The themes and the pair files of a crosswalk folder, in file order."""

    themes: tuple[Theme, ...] = ()
    pairs: tuple[Crosswalk, ...] = ()
    files: tuple[Path, ...] = ()
    """Every file read (for ``--out`` never to overwrite one)."""
    warnings: tuple[Problem, ...] = ()
    """Warnings found while reading, e.g. a crosswalk written for another minor pack version."""

    @property
    def theme(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    def joining(self, pack_ids: Sequence[str]) -> Crosswalks:
        """Only the crosswalks both of whose packs are in ``pack_ids``."""
        wanted = set(pack_ids)
        pairs = tuple(c for c in self.pairs if {c.packs.left.id, c.packs.right.id} <= wanted)
        return Crosswalks(self.themes, pairs, self.files, self.warnings)

    def edges(self) -> Iterator[Edge]:
        """Every mapping, read left to right and right to left."""
        for cw in self.pairs:
            left, right = cw.packs.left.id, cw.packs.right.id
            for m in cw.mappings:
                yield Edge(left, m.left, right, m.right, m.relation, m.theme, cw, m)
                yield Edge(right, m.right, left, m.left, INVERSE[m.relation], m.theme, cw, m)

    def refs(self) -> tuple[CrosswalkRef, ...]:
        return tuple(
            CrosswalkRef(id=c.id, version=c.version, sha256=c.sha256, left=c.packs.left.id, right=c.packs.right.id)
            for c in self.pairs
        )


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def installed_crosswalks_dir() -> Path:
    """The folder of the installed crosswalks, beside the installed packs."""
    from ..loader import packs_home

    return packs_home() / FOLDER


def pair_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name != THEMES_FILE)


def read_crosswalks(
    directory: str | Path, packs: Sequence[ClausePack] | None = None, *, partial: bool = False
) -> tuple[Crosswalks | None, list[Problem]]:
    """Read a crosswalk folder; when ``packs`` are given, check it against them (see
    :func:`ccom_rules.crosswalk.lint.check_crosswalks`; with ``partial``, a crosswalk naming a
    pack not given is left unchecked rather than an error). Returns the crosswalks (None on
    errors) and every problem, warnings included."""
    from .lint import check_crosswalks

    directory = Path(directory)
    if not directory.is_dir():
        shown = _shown(directory)
        return None, [Problem(shown, 1, 1, "E010", "crosswalk folder not found")]
    files = [directory / THEMES_FILE, *pair_files(directory)]
    themes_doc, problems = read(files[0], _shown(files[0]))
    catalogue = None
    if not problems:
        catalogue, found = validate(ThemeCatalogue, themes_doc)
        problems += found
    parts: list[tuple[Document, Crosswalk]] = []
    for path in files[1:]:
        doc, found = read(path, _shown(path))
        problems += found
        if found:
            continue
        crosswalk, found = validate(Crosswalk, doc)
        problems += found
        if crosswalk is not None:
            parts.append((doc, crosswalk))
    if catalogue is None or any(p.severity == "error" for p in problems):
        return None, sorted(problems)
    problems += check_crosswalks(themes_doc, catalogue, parts, packs, partial=partial)
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    pairs = tuple(c for _, c in parts)
    return Crosswalks(catalogue.themes, pairs, tuple(p.resolve() for p in files), tuple(problems)), problems


def load_crosswalks(directory: str | Path | None = None, packs: Sequence[ClausePack] | None = None) -> Crosswalks:
    """The crosswalks of ``directory`` (default: the installed ones, none when that folder is
    absent) that join two of ``packs``, checked against them; their warnings are kept in
    ``.warnings``. Raises :class:`InvalidInput` with every error found."""
    if directory is None:
        directory = installed_crosswalks_dir()
        if not directory.is_dir():
            return Crosswalks()
    crosswalks, problems = read_crosswalks(directory, packs, partial=True)
    if crosswalks is None:
        raise InvalidInput(problems)
    return crosswalks if packs is None else crosswalks.joining([p.id for p in packs])
