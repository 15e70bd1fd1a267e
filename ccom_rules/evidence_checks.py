"""A manifest's evidence checked against the files it names: the evidence root confined to the
manifest's folder (or the ``--root`` folder), each path resolved below it, each file regular and
hashed as the manifest says; evidence ids and certificate numbers used once."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from .model.manifest import Manifest
from .problems import Problem
from .safeio import Refused, explain_os_error, path_text_problem, regular_file_problem, sha256_regular
from .safeio import resolve as safe_resolve
from .yamlsource import Document


class _Below:
    """``(root / rel).resolve()`` for many files below one root, each folder resolved once: the
    same path ``Path.resolve`` gives, without walking every component of every file again. Paths
    are kept as text: ``pathlib`` costs more than the checks themselves for a manifest's files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: dict[tuple[str, ...], str] = {}
        text = str(root)
        self.prefix = text if text.endswith(os.sep) else text + os.sep

    def resolve(self, parts: tuple[str, ...]) -> str:
        """``(root / rel).resolve()`` of the relative path with these parts."""
        name = parts[-1]
        if os.name != "posix" or name == "..":
            return str(self.root.joinpath(*parts).resolve())
        folder = self.folders.get(parts[:-1])
        if folder is None:
            try:
                folder = self.folders[parts[:-1]] = str(self.root.joinpath(*parts[:-1]).resolve())
            except RuntimeError:  # a symlink loop: raise what resolving the whole path raises
                return str(self.root.joinpath(*parts).resolve())
        target = os.path.join(folder, name)
        try:
            if stat.S_ISLNK(os.lstat(target).st_mode):
                return str(self.root.joinpath(*parts).resolve())  # a link: follow it the general way
        except OSError:
            pass  # missing or unreadable: resolve() keeps such a name as it is
        return target

    def holds(self, target: str) -> bool:
        """Whether the resolved ``target`` is the root or below it (``Path.is_relative_to``)."""
        if os.name != "posix":
            return Path(target).is_relative_to(self.root)
        return target.startswith(self.prefix) or target == str(self.root)


def evidence_root_of(manifest: Manifest, doc: Document, base: Path, confine: Path | None) -> tuple[Path | None, list[Problem]]:
    """The resolved evidence root, or None and the problem: it must stay inside ``confine`` (the
    ``--root`` folder) or, without one, inside the manifest's own folder ``base``."""
    text, where = manifest.evidence_root, ("evidence_root",)
    unsafe = path_text_problem(text)
    if unsafe is not None:
        return None, [doc.problem(where, "E009", f"evidence_root {unsafe}")]
    try:
        root = safe_resolve(base / text)
        limit = safe_resolve(confine if confine is not None else base)
    except Refused as exc:
        return None, [doc.problem(where, "E010", f"evidence_root {text!r}: {exc}")]
    if not root.is_relative_to(limit):
        inside = "the --root folder" if confine is not None else "the manifest's folder (or give a wider --root)"
        return None, [doc.problem(where, "E009", f"evidence_root {text!r} leads outside {inside}")]
    return root, []


def safe_reason(exc: OSError | ValueError) -> str:
    """An error resolving an evidence path, in words."""
    return explain_os_error("", exc) if isinstance(exc, OSError) else "the path cannot name a file"


def _parts(rel: str) -> tuple[str, ...]:
    """``PurePosixPath(rel).parts``, split by hand when nothing needs normalising (no empty or
    ``.`` name, no leading slash): a manifest lists hundreds of plain relative paths."""
    parts = tuple(rel.split("/"))
    if rel.startswith("/") or "" in parts or "." in parts:
        return PurePosixPath(rel).parts
    return parts


def evidence_problems(manifest: Manifest, doc: Document, base: Path, confine: Path | None = None) -> list[Problem]:
    """The manifest's evidence checked: each id used once; each path, below the evidence root
    (``base``, the manifest's folder, or the ``--root`` folder ``confine``), a regular file with the
    hash the manifest gives; each certificate listed for one person."""
    root, problems = evidence_root_of(manifest, doc, base, confine)
    below = _Below(root) if root is not None else None
    seen: set[str] = set()
    for i, item in enumerate(manifest.evidence):
        if item.id in seen:
            problems.append(doc.problem(("evidence", i, "id"), "E006", f"evidence id {item.id!r} is used twice"))
        seen.add(item.id)
        if item.path is None or below is None or root is None:
            continue
        where = ("evidence", i, "path")
        unsafe = path_text_problem(item.path)
        if unsafe is not None:
            problems.append(doc.problem(where, "E009", f"path {unsafe}"))
            continue
        parts = _parts(item.path)
        if not parts or item.path.startswith("/") or "\\" in item.path or ":" in parts[0]:
            problems.append(
                doc.problem(where, "E009", f"path {item.path!r} must be relative to the evidence root, with forward slashes")
            )
            continue
        try:
            target = below.resolve(parts)
        except (RuntimeError, OSError, ValueError) as exc:
            reason = "symbolic link loop" if isinstance(exc, RuntimeError) else safe_reason(exc)
            problems.append(doc.problem(where, "E010", f"evidence file {item.path!r}: {reason}"))
            continue
        if not below.holds(target):
            problems.append(
                doc.problem(where, "E009", f"path {item.path!r} leads outside the evidence root {manifest.evidence_root!r}")
            )
            continue
        digest: str | None = None
        if item.sha256 is not None:
            try:
                digest = sha256_regular(target)  # one open: a regular file is read, anything else refused
            except Refused:
                pass
        why = None if digest is not None else regular_file_problem(root.joinpath(*parts))
        if why == "file not found":
            problems.append(doc.problem(where, "E010", f"evidence file {item.path!r} not found under {manifest.evidence_root!r}"))
            continue
        if why is not None:
            problems.append(doc.problem(where, "E010", f"evidence file {item.path!r}: {why}"))
            continue
        if item.sha256 is not None:
            if digest is None:
                try:
                    digest = sha256_regular(target)
                except Refused as exc:
                    problems.append(doc.problem(where, "E010", f"evidence file {item.path!r}: {exc}"))
                    continue
            if digest != item.sha256:
                problems.append(
                    doc.problem(
                        ("evidence", i, "sha256"), "E011", f"sha256 of {item.path!r} is {digest}, the manifest says {item.sha256}"
                    )
                )
    numbers: dict[tuple[str, str], str] = {}
    for i, person in enumerate(manifest.people):
        for j, cert in enumerate(person.certificates):
            key = (cert.scheme, cert.number)
            if key in numbers and numbers[key] != person.name:
                problems.append(
                    doc.problem(
                        ("people", i, "certificates", j, "number"),
                        "W104",
                        f"{cert.scheme} certificate {cert.number} is also listed for {numbers[key]}; it counts once",
                        severity="warning",
                    )
                )
            numbers.setdefault(key, person.name)
    return problems
