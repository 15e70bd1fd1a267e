"""Evidence housekeeping: bring a manifest's sha256 values in line with its files, and find the
files no item names (orphans) and the items whose file is gone.

The new manifest is the old text edited at the positions the parser recorded, so comments,
order and layout stay as they were; only sha256 values change or are added.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .evidence_checks import evidence_root_of
from .loader import read_manifest_source
from .model.manifest import EvidenceItem, Manifest
from .problems import InvalidInput, Problem
from .safeio import Refused, sha256_regular
from .safeio import same_file_key
from .validation import validate
from .yamlsource import Document, parse
from .records import record

MAX_WALK = 200_000
"""Files looked at under the evidence root when searching for orphans."""

_TOLERATED = ("E010", "E011")
"""Problems sync is there to repair or report: a file gone, a sha256 that no longer matches."""


@record
class Entry:
    item: str
    path: str
    line: int
    old: str | None = None
    new: str | None = None


@dataclass
class Sync:
    """What ``evidence sync`` found, and the manifest text with the sha256 values brought up to date."""

    text: str
    new_text: str
    added: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    missing: list[Entry] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    walk_cut: bool = False
    inputs: set[Path] = field(default_factory=set)
    """The manifest and every evidence file it names, resolved: never to be written over."""

    @property
    def in_sync(self) -> bool:
        return not (self.added or self.changed or self.missing or self.orphans)


def _read(path: Path, root: Path | None) -> tuple[Manifest, Document, Path]:
    manifest, problems, doc = read_manifest_source(path, None, root)
    blocking = [
        p for p in problems if p.severity == "error" and not (p.code in _TOLERATED and p.json_path.startswith("$.evidence["))
    ]
    if blocking:
        raise InvalidInput(blocking)
    if manifest is None:
        manifest, problems = validate(Manifest, doc)
        if manifest is None:
            raise InvalidInput(problems)
    folder, problems = evidence_root_of(manifest, doc, path.parent, root)
    if folder is None:
        raise InvalidInput(problems)
    return manifest, doc, folder


def sync(path: Path, root: Path | None = None, ignore: tuple[Path, ...] = ()) -> Sync:
    """Compare ``path``'s evidence items with the files under its evidence root.

    Raises :class:`InvalidInput` on any problem other than a missing evidence file or a sha256
    that does not match (those are what it reports). ``ignore``: files never counted as orphans
    (the manifest itself is never one)."""
    manifest, doc, folder = _read(path, root)
    text = doc_text(path)
    result = Sync(text, text)
    edits: list[tuple[int, int, str, str]] = []  # (line, column, old text to find, new text)
    referenced: set[Path] = set()
    for i, item in enumerate(manifest.evidence):
        if item.path is None:
            continue
        line = doc.where(("evidence", i, "path"))[0]
        target = folder / PurePosixPath(item.path)
        referenced.add(same_file_key(target))
        try:
            digest = sha256_regular(target)
        except Refused:
            result.missing.append(Entry(item.id, item.path, line))
            continue
        if item.sha256 == digest:
            continue
        if item.sha256 is None:
            result.added.append(Entry(item.id, item.path, line, None, digest))
            edits.append(_insertion(doc, text, i, item, digest))
        else:
            result.changed.append(Entry(item.id, item.path, line, item.sha256, digest))
            at_line, at_col = doc.where(("evidence", i, "sha256"))
            edits.append((at_line, at_col, item.sha256, digest))
    try:
        result.new_text = _apply(text, edits)
    except ValueError as exc:
        raise InvalidInput([Problem(str(path), 1, 1, "E001", f"cannot edit the manifest in place: {exc}")]) from None
    _check(result.new_text, path, {e.item: e.new for e in result.added + result.changed})
    skip = {same_file_key(p) for p in (path, *ignore)}
    result.orphans, result.walk_cut = _orphans(folder, referenced, skip)
    result.inputs = {same_file_key(path), *referenced}
    return result


def doc_text(path: Path) -> str:
    """The manifest's text, as the parser saw it (newlines as written)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LINE_START = re.compile(r"^\s*$")
_ITEM_START = re.compile(r"^\s*-\s+$")


def _insertion(doc: Document, text: str, i: int, item: EvidenceItem, digest: str) -> tuple[int, int, str, str]:
    """Where a ``sha256:`` key goes in item ``i``: beside its ``path`` key, at the same indentation
    in a block mapping, inline in a flow mapping."""
    line, col = doc.where(("evidence", i, "path"), key=True)
    row = _lines(text)[line - 1]
    before = row[: col - 1]
    match = _BREAK.search(row)
    newline = match.group() if match else "\n"
    if _LINE_START.match(before):  # "  path: …" on its own line: a new line above it
        return (line, 1, "", f"{' ' * (col - 1)}sha256: {digest}{newline}")
    if _ITEM_START.match(before) and match:  # "- path: …": a new line below, if the value ends on that line
        if doc.where(("evidence", i, "path"))[0] == line and item.path is not None and item.path in row:
            return (line + 1, 1, "", f"{' ' * (col - 1)}sha256: {digest}{newline}")
    return (line, col, "", f"sha256: {digest}, ")  # in a flow mapping: "{id: a, path: …}"


def _lines(text: str) -> list[str]:
    """``text`` cut into lines, each with its line break, where YAML breaks lines."""
    out, start = [], 0
    for match in _BREAK.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> str:
    """``text`` with each edit made: at (line, column), ``old`` (which must be found there, quoted
    or not) replaced by ``new``. Edits are made from the end so positions stay valid."""
    lines = _lines(text)
    for line, col, old, new in sorted(edits, reverse=True):
        if line > len(lines):
            lines.append(new)
            continue
        row = lines[line - 1]
        start = col - 1
        if old:
            at = row.find(old, start)
            if at < 0 or at > start + 1:  # the value, perhaps after its opening quote
                raise ValueError(f"line {line}: expected {old[:12]}… at column {col}")
            start, end = at, at + len(old)
        else:
            end = start
        lines[line - 1] = row[:start] + new + row[end:]
    return "".join(lines)


def _check(new_text: str, path: Path, expected: dict[str, str | None]) -> None:
    """The edited text must parse to the same manifest with the new sha256 values."""
    doc, problems = parse(new_text, str(path))
    manifest, more = validate(Manifest, doc) if not problems else (None, problems)
    if manifest is None:
        raise InvalidInput([Problem(str(path), 1, 1, "E001", f"cannot edit the manifest in place: {(problems + more)[0]}")])
    got = {item.id: item.sha256 for item in manifest.evidence}
    wrong = [k for k, v in expected.items() if got.get(k) != v]
    if wrong:
        raise InvalidInput([Problem(str(path), 1, 1, "E001", f"cannot edit the manifest in place (items {', '.join(wrong)})")])


def _orphans(folder: Path, referenced: set[Path], skip: set[Path]) -> tuple[list[str], bool]:
    """Files under ``folder`` that no item names (hidden files and folders left out)."""
    found: list[str] = []
    seen = 0
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            seen += 1
            if seen > MAX_WALK:
                return found, True
            if name.startswith("."):
                continue
            full = Path(top) / name
            resolved = same_file_key(full)
            if resolved not in referenced and resolved not in skip:
                found.append(full.relative_to(folder).as_posix())
    return sorted(found), False
