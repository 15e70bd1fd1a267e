"""Reading packs and manifests (the evidence files a manifest names are checked by :mod:`.evidence_checks`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .cache import PackCache
from .compiled import gc_paused
from .evidence_checks import evidence_problems
from .limits import current as current_limits
from .model.manifest import Finding, Manifest
from .model.pack import ClausePack, PackFragment
from .packpath import PackPath, default_path, pack_id_of
from .problems import InvalidInput, Problem
from .safeio import Refused, path_text_problem
from .safeio import resolve as safe_resolve
from .scoring import MODELS
from .validation import validate
from .yamlsource import Document, parse, read

if TYPE_CHECKING:
    from .packcheck import Part

PACK_FILE = "pack.yaml"


def _shown(path: Path) -> str:
    """How a file is named in problems: relative to the working directory when inside it. The
    name as given, not where its links lead (a dangling or looping link is named as itself)."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _raise_on_errors(problems: list[Problem]) -> None:
    if any(p.severity == "error" for p in problems):
        raise InvalidInput(problems)


def read_pack(
    directory: str | Path, path: PackPath | None = None, _extending: tuple[tuple[Path, str], ...] = ()
) -> tuple[ClausePack | None, list[Problem]]:
    """Read a pack folder. Returns the pack (None when it has errors) and every problem found,
    warnings included. An overlay (``extends:``) is resolved against its base, found on ``path``
    (default: the installed packs and ``CCOM_RULES_PACK_PATH``)."""
    directory = Path(directory)
    head_path = directory / PACK_FILE if directory.is_dir() else directory
    if directory.is_file():
        directory = directory.parent
    cache = _pack_cache(head_path)
    cached = cache.load() if cache is not None else None
    if cached is not None:
        return cached, []
    with gc_paused():
        pack, problems = _read_pack(directory, head_path, path, _extending)
    if pack is not None and not problems and pack.lineage is None and cache is not None:
        # Only a pack without any problem (every problem is reported from the files), and no
        # overlay (its base's files are not among those the entry records).
        cache.store(pack)
    return pack, problems


def _pack_cache(head_path: Path) -> PackCache | None:
    """The compiled-pack cache entry for this ``pack.yaml`` (None when the limits are malformed:
    reading then reports that)."""
    try:
        return PackCache(head_path, current_limits(), _shown(head_path))
    except ValueError:
        return None


def _read_pack(
    directory: Path, head_path: Path, path: PackPath | None, _extending: tuple[tuple[Path, str], ...]
) -> tuple[ClausePack | None, list[Problem]]:
    from .packcheck import Part, check_pack  # reading a pack from its files: a compiled pack needs neither
    from .sources import PackSources

    doc, problems = read(head_path, _shown(head_path))
    if problems:
        return None, problems
    if isinstance(doc.data, dict) and "extends" in doc.data:
        from .overlay import read_overlay

        return read_overlay(doc, directory, path or default_path(), _extending)
    header, problems = validate(ClausePack, doc)
    parts: list[Part] = []
    if header is not None:
        parts.append(Part(doc, header))
    includes = header.include if header is not None else _raw_includes(doc)
    root = directory.resolve()
    for i, rel in enumerate(includes):
        target = directory / rel
        unsafe = path_text_problem(rel)
        if unsafe is not None:
            problems.append(doc.problem(("include", i), "E009", f"include path {unsafe}"))
            continue
        try:
            resolved = safe_resolve(target)
        except Refused as exc:
            problems.append(doc.problem(("include", i), "E010", f"included file {rel!r}: {exc}"))
            continue
        if PurePosixPath(rel).is_absolute() or not resolved.is_relative_to(root):
            problems.append(doc.problem(("include", i), "E010", f"include {rel!r} is outside the pack folder"))
            continue
        frag_doc, frag_problems = read(target, _shown(target))
        if frag_problems:
            problems += [
                p if p.code != "E010" else doc.problem(("include", i), "E010", f"included file {rel!r}: {p.message}")
                for p in frag_problems
            ]
            continue
        fragment, frag_problems = validate(PackFragment, frag_doc)
        problems += frag_problems
        if fragment is not None:
            parts.append(Part(frag_doc, fragment))
    if header is None or any(p.severity == "error" for p in problems):
        return None, problems
    pack = header.with_content(
        tuple(e for part in parts for e in part.content.evidence_types),
        tuple(c for part in parts for c in part.content.clauses),
    )
    problems += check_pack(pack, parts)
    if any(p.severity == "error" for p in problems):
        return None, problems
    pack.attach(PackSources.of_parts(parts))
    return pack, problems


def _raw_includes(doc: Document) -> list[str]:
    data = doc.data if isinstance(doc.data, dict) else {}
    raw = data.get("include", [])
    return [x for x in raw if isinstance(x, str)] if isinstance(raw, list) else []


def load_pack(directory: str | Path, path: PackPath | None = None) -> ClausePack:
    """Load and check a pack folder. Raises :class:`InvalidInput` with every error found."""
    pack, problems = read_pack(directory, path)
    _raise_on_errors(problems)
    assert pack is not None
    return pack


def load_packs(path: PackPath, ids: Sequence[str] | None = None) -> list[ClausePack]:
    """The packs ``ids`` (default: every pack on ``path``), each from its one place on the path.
    Raises :class:`InvalidInput` with every error, two packs of one id (E021) included."""
    if ids is None:
        dirs = path.all_dirs()
    else:
        found = [path.locate(i) for i in ids]
        dirs = [d for d in found if d is not None]
    home = packs_home().resolve()
    installed = {p.id: p for p in installed_packs()} if any(d.resolve().parent == home for d in dirs) else {}
    problems: list[Problem] = []
    packs = []
    for directory in dirs:
        pack = installed.get(pack_id_of(directory)) if directory.resolve().parent == home else None
        if pack is None:
            pack, found_problems = read_pack(directory, path)
            problems += found_problems
        if pack is not None:
            packs.append(pack)
    _raise_on_errors(problems)
    return packs


def packs_home() -> Path:
    """The folder of the installed packs: inside the package when installed, else the source tree."""
    here = Path(__file__).resolve().parent
    bundled = here / "clause_packs"
    return bundled if bundled.is_dir() else here.parent / "clause_packs"


def examples_home() -> Path:
    """The folder of the bundled sample organisations."""
    here = Path(__file__).resolve().parent
    bundled = here / "examples"
    return bundled if bundled.is_dir() else here.parent / "examples"


DEMO_ORGANISATION = "harbour-bank"


def demo_manifest_path() -> Path:
    """The manifest ``ccom-rules demo`` evaluates."""
    return examples_home() / DEMO_ORGANISATION / "manifest.yaml"


def installed_pack_dirs() -> list[Path]:
    home = packs_home()
    return sorted(p for p in home.iterdir() if (p / PACK_FILE).is_file()) if home.is_dir() else []


def installed_packs() -> list[ClausePack]:
    """Every installed pack, sorted by id. Raises :class:`InvalidInput` if one is broken."""
    problems: list[Problem] = []
    packs = []
    for directory in installed_pack_dirs():
        pack, found = read_pack(directory)
        problems += found
        if pack is not None:
            packs.append(pack)
    _raise_on_errors(problems)
    return sorted(packs, key=lambda p: p.id)


def _date_problems(manifest: Manifest, doc: Document) -> list[Problem]:
    """Dates that contradict the assessment: operations cannot begin after it."""
    began, on = manifest.organisation.operations_began, manifest.assessment.date
    if began > on:
        where = ("organisation", "operations_began")
        return [doc.problem(where, "E004", f"operations began on {began}, after the assessment date {on}")]
    return []


def read_manifest(
    path: str | Path, packs: Sequence[ClausePack] | None = None, root: str | Path | None = None, *, text: str | None = None
) -> tuple[Manifest | None, list[Problem]]:
    """Read a manifest (YAML or JSON), check its evidence files and, when ``packs`` are given,
    its references to them. Returns the manifest (None on errors) and every problem.

    Its ``evidence_root`` must stay inside ``root`` when given, else inside the manifest's folder.
    ``text``, when given, is checked as if it were the content of ``path`` (a manifest about to be
    written there or beside it); the file itself is not read."""
    with gc_paused():
        manifest, problems, _ = read_manifest_source(path, packs, root, text=text)
    return manifest, problems


def read_manifest_source(
    path: str | Path,
    packs: Sequence[ClausePack] | None = None,
    root: str | Path | None = None,
    on: date | None = None,
    *,
    text: str | None = None,
) -> tuple[Manifest | None, list[Problem], Document]:
    """:func:`read_manifest`, with the parsed document too (its source map locates each value;
    positions are worked out only when first asked for). ``on`` is the reference date items may
    not be dated after (W107); default the assessment date."""
    path = Path(path)
    doc, problems = read(path, _shown(path)) if text is None else parse(text, _shown(path))
    if problems:
        return None, problems, doc
    manifest, problems = validate(Manifest, doc)
    if manifest is None:
        return None, problems, doc
    problems += evidence_problems(manifest, doc, path.parent, None if root is None else Path(root))
    problems += _date_problems(manifest, doc)
    problems += dated_after(manifest, doc, manifest.assessment.date if on is None else on)
    if packs is not None:
        problems += reference_problems(manifest, doc, packs)
    if any(p.severity == "error" for p in problems):
        return None, problems, doc
    return manifest, problems, doc


def dated_after(manifest: Manifest, doc: Document, on: date) -> list[Problem]:
    """W107 for each evidence item dated after ``on``: it is not counted."""
    return [
        doc.problem(
            ("evidence", i, "date"),
            "W107",
            f"evidence {item.id!r} is dated {item.date}, after the reference date {on}: it is not counted",
            severity="warning",
        )
        for i, item in enumerate(manifest.evidence)
        if item.date > on
    ]


_MAX_HINTS = 50
"""Distinct unknown evidence types given a "did you mean" (each costs a search of the catalogue)."""


def _did_you_mean(word: str, known: set[str]) -> str:
    import difflib  # only when a hint is needed

    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def reference_problems(manifest: Manifest, doc: Document, packs: Iterable[ClausePack]) -> list[Problem]:
    """Findings, declarations and evidence types that name nothing in ``packs``."""
    by_id = {p.id: p for p in packs}
    bases = {b: p for p in by_id.values() if p.lineage for b in p.lineage.answers_to if b not in by_id}
    problems: list[Problem] = []
    known_types = {t for p in by_id.values() for t in p.index.evidence_types}
    hints: dict[str, str] = {}
    for i, item in enumerate(manifest.evidence):
        if by_id and item.type not in known_types:
            if item.type not in hints:
                hints[item.type] = _did_you_mean(item.type, known_types) if len(hints) < _MAX_HINTS else ""
            problems.append(
                doc.problem(
                    ("evidence", i, "type"),
                    "W102",
                    f"evidence type {item.type!r} is in none of the evaluated packs ({', '.join(sorted(by_id))}){hints[item.type]}",
                    severity="warning",
                )
            )
    targets: dict[tuple[str, str], int] = {}
    installed: set[str] | None = None
    for i, record in enumerate(manifest.certified_levels):
        if by_id and record.pack not in by_id:
            installed = installed if installed is not None else {d.name for d in installed_pack_dirs()}
            if record.pack not in installed:
                problems.append(_unknown_pack(doc, ("certified_levels", i, "pack"), record.pack, sorted(set(by_id) | installed)))
    for section in ("findings", "not_applicable"):
        for i, entry in enumerate(getattr(manifest, section)):
            pack = by_id.get(entry.pack) or bases.get(entry.pack)  # a base's entries apply to its overlay
            if pack is not None and pack.id != entry.pack and entry.target in pack.lineage.removed:  # type: ignore[union-attr]
                continue  # written for the base, about what the overlay removed: ignored by the overlay
            if pack is None:
                if installed is None:
                    installed = set(default_path().ids())
                if by_id and entry.pack not in installed:  # a pack merely not evaluated this time is fine
                    problems.append(_unknown_pack(doc, (section, i, "pack"), entry.pack, sorted(set(by_id) | installed)))
                continue
            index = pack.index
            if entry.target not in index.clauses and entry.target not in index.checkpoints:
                problems.append(
                    doc.problem((section, i, "target"), "E007", f"{entry.pack} has no clause or checkpoint {entry.target!r}")
                )
                continue
            if section == "findings":
                key = (entry.pack, entry.target)
                if key in targets:
                    problems.append(
                        doc.problem(
                            (section, i, "target"),
                            "E006",
                            f"a finding for {entry.pack} {entry.target} is already recorded (findings[{targets[key]}])",
                        )
                    )
                targets[key] = i
                problems += _misplaced_fields(entry, pack, doc, i)
    return problems


def _unknown_pack(doc: Document, where: tuple[str | int, ...], pack: str, known: list[str]) -> Problem:
    """W105: a finding, declaration or certified level naming a pack neither installed nor evaluated."""
    import difflib  # only when a hint is needed

    close = difflib.get_close_matches(pack, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
    return doc.problem(where, "W105", f"no pack {pack!r} is installed or evaluated{hint}", severity="warning")


def _misplaced_fields(finding: Finding, pack: ClausePack, doc: Document, i: int) -> list[Problem]:
    """Fields of a finding that its target's scoring never reads (e.g. a C/F rating anywhere but
    on a maturity item, a fraction anywhere but on a weighted-bands sub-item)."""
    placed = pack.index.clauses.get(finding.target)
    scoring = pack.scoring
    read = scoring.reads(pack.index, placed)
    where = {field: needs for model in MODELS.values() for field, needs in model.FINDING_FIELDS.items()}
    what = "checkpoint" if placed is None else "clause"
    out = []
    for field, needs in where.items():
        if getattr(finding, field, None) is not None and field not in read:
            out.append(
                doc.problem(
                    ("findings", i, field),
                    "W106",
                    f"{field} is read only on {needs}; {pack.id} {finding.target} is a {what} of a {scoring.model} pack, so it is ignored",
                    severity="warning",
                )
            )
    return out


def load_manifest(path: str | Path, packs: Sequence[ClausePack] | None = None, root: str | Path | None = None) -> Manifest:
    """Load a manifest (``root`` as in :func:`read_manifest`). Raises :class:`InvalidInput` with every error found."""
    manifest, problems = read_manifest(path, packs, root)
    _raise_on_errors(problems)
    assert manifest is not None
    return manifest
