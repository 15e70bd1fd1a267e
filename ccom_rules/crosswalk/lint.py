"""The crosswalk lint: what a folder of crosswalks must hold, alone and against the packs it joins.

- theme ids are unique, and every mapping's theme is one of them (E006, E007);
- a pair file's id is its file name, ids are unique, and it joins two different packs (E033, E006);
- no (left, right) pair is mapped twice, in one file or across files (E006);
- a pair mapped in both directions has inverse relations: subset ↔ superset (E030);
- both ends of each mapping, and each unmapped clause, are clauses of their pack (E007);
- every clause with checkpoints is mapped at least once or listed under ``unmapped`` with a
  reason, and never both (E031);
- the pack versions it was written for: another major version is an error (E032), another
  minor a warning (W130).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model.pack import ClausePack
from ..problems import Problem
from ..yamlsource import Document
from .model import INVERSE, Crosswalk, Relation, ThemeCatalogue

Side = str  # "left" | "right"
_SIDES: tuple[Side, Side] = ("left", "right")


def assessed_clauses(pack: ClausePack) -> list[str]:
    """The clauses a crosswalk must account for: those carrying checkpoints, in document order."""
    return [cid for cid in pack.index.order if pack.index.clauses[cid].clause.checkpoints]


def _version_problems(doc: Document, cw: Crosswalk, side: Side, pack: ClausePack) -> list[Problem]:
    pin = getattr(cw.packs, side)
    major, minor = pin.version.split(".")
    actual = pack.version.split(".")
    where = ("packs", side, "version")
    if actual[0] != major:
        return [
            doc.problem(
                where, "E032", f"written for {pack.id} {pin.version}, but {pack.id} is {pack.version} (another major version)"
            )
        ]
    if actual[1] != minor:
        message = f"written for {pack.id} {pin.version}, but {pack.id} is {pack.version}: check the mappings against the new minor version"
        return [doc.problem(where, "W130", message, severity="warning")]
    return []


def _pack_problems(doc: Document, cw: Crosswalk, side: Side, pack: ClausePack) -> list[Problem]:
    """Ends and unmapped clauses that are not clauses of ``pack``; clauses not accounted for."""
    problems = _version_problems(doc, cw, side, pack)
    index = pack.index
    mapped: set[str] = set()
    for i, m in enumerate(cw.mappings):
        cid = getattr(m, side)
        if cid in index.clauses:
            mapped.add(cid)
            continue
        what = "a checkpoint, not a clause" if cid in index.checkpoints else "not a clause of it"
        problems.append(doc.problem(("mappings", i, side), "E007", f"{side} end {cid!r}: {pack.id} {what}"))
    listed: dict[str, int] = {}
    for j, entry in enumerate(getattr(cw.unmapped, side)):
        where = ("unmapped", side, j, "clause")
        if entry.clause not in index.clauses:
            problems.append(doc.problem(where, "E007", f"unmapped {side} clause {entry.clause!r} is not a clause of {pack.id}"))
        elif entry.clause in listed:
            problems.append(doc.problem(where, "E006", f"{pack.id} {entry.clause} is listed as unmapped twice"))
        elif entry.clause in mapped:
            problems.append(
                doc.problem(where, "E031", f"{pack.id} {entry.clause} is mapped, so it cannot also be listed as unmapped")
            )
        listed.setdefault(entry.clause, j)
    missing = [c for c in assessed_clauses(pack) if c not in mapped and c not in listed]
    if missing:
        shown = ", ".join(missing[:12]) + (f" … ({len(missing)} in all)" if len(missing) > 12 else "")
        problems.append(
            doc.problem(
                ("unmapped", side),
                "E031",
                f"{pack.id} clauses neither mapped nor listed under unmapped.{side} with a reason: {shown}",
            )
        )
    return problems


def check_crosswalks(
    themes_doc: Document,
    catalogue: ThemeCatalogue,
    parts: Sequence[tuple[Document, Crosswalk]],
    packs: Sequence[ClausePack] | None = None,
    *,
    partial: bool = False,
) -> list[Problem]:
    """Every problem of a crosswalk folder (see the module docstring). Without ``packs`` only the
    folder's own consistency is checked; with ``partial``, a crosswalk naming a pack that is not
    among ``packs`` is not checked against the packs instead of being an error."""
    problems: list[Problem] = []
    themes: dict[str, int] = {}
    for i, theme in enumerate(catalogue.themes):
        if theme.id in themes:
            problems.append(themes_doc.problem(("themes", i, "id"), "E006", f"theme {theme.id!r} is defined twice"))
        themes.setdefault(theme.id, i)
    by_id = {p.id: p for p in packs or ()}
    ids: dict[str, str] = {}
    seen: dict[tuple[str, str, str, str], tuple[Relation, str]] = {}
    for doc, cw in parts:
        stem = Path(doc.file).stem
        if cw.id != stem:
            problems.append(doc.problem(("id",), "E033", f"crosswalk id {cw.id!r} differs from its file name {stem!r}"))
        if cw.id in ids:
            problems.append(doc.problem(("id",), "E006", f"crosswalk {cw.id!r} is also defined in {ids[cw.id]}"))
        ids.setdefault(cw.id, doc.file)
        left, right = cw.packs.left.id, cw.packs.right.id
        if left == right:
            problems.append(
                doc.problem(("packs", "right", "id"), "E004", f"a crosswalk joins two different packs, not {left} twice")
            )
        for i, m in enumerate(cw.mappings):
            if m.theme not in themes:
                problems.append(doc.problem(("mappings", i, "theme"), "E007", f"theme {m.theme!r} is not in {themes_doc.file}"))
            key = (left, m.left, right, m.right)
            where = f"{doc.file} mappings[{i}]"
            if key in seen:
                problems.append(
                    doc.problem(
                        ("mappings", i), "E006", f"{left} {m.left} → {right} {m.right} is already mapped ({seen[key][1]})"
                    )
                )
                continue
            reverse = seen.get((right, m.right, left, m.left))
            if reverse is not None and reverse[0] != INVERSE[m.relation]:
                problems.append(
                    doc.problem(
                        ("mappings", i, "relation"),
                        "E030",
                        f"{left} {m.left} {m.relation} {right} {m.right}, but {reverse[1]} reads the other way "
                        f"{right} {m.right} {reverse[0]} {left} {m.left}; expected {INVERSE[m.relation]}",
                    )
                )
            seen[key] = (m.relation, where)
        if packs is None or (partial and not {left, right} <= set(by_id)):
            continue
        for side in _SIDES:
            pin = getattr(cw.packs, side)
            pack = by_id.get(pin.id)
            if pack is not None:
                problems += _pack_problems(doc, cw, side, pack)
            else:
                known = ", ".join(sorted(by_id)) or "none"
                problems.append(doc.problem(("packs", side, "id"), "E007", f"no pack {pin.id!r} (packs: {known})"))
    return problems
