"""Overlays: a pack that ``extends:`` another, resolved into one whole pack before it is checked.

Resolving an overlay: find its base on the pack path, check the base's version against the
constraint, then remove, patch and add, merge the scoring parameters, and check the resolved
whole like any pack. Every clause, checkpoint, evidence type and patched field keeps the file
and line it came from (``pack.sources``), so each problem points at the base's file or the
overlay's. Findings and not-applicable declarations written for a base's id apply to its
overlays (:func:`ccom_rules.model.overlay.with_base_findings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .canonical import sha256_of
from .model.common import Frozen
from .model.overlay import Lineage, PackOverlay
from .model.pack import Checkpoint, Clause, ClausePack, EvidenceType
from .model.result import LayerRef
from .packcheck import Part, check_pack, clauses_with_paths
from .packpath import PackPath
from .problems import InvalidInput, Problem
from .scoring import Scoring
from .sources import MappedDocument, PackSources, Place
from .validation import validate
from .versions import satisfies
from .yamlsource import DocPath, Document


class ScoringOnly(Frozen):
    """A pack's scoring parameters alone, to check an overlay's merged scoring."""

    scoring: Scoring


def read_overlay(
    doc: Document, directory: Path, path: PackPath, extending: tuple[tuple[Path, str], ...]
) -> tuple[ClausePack | None, list[Problem]]:
    """Resolve and check the overlay whose ``pack.yaml`` is ``doc``. ``extending``: the overlays
    being resolved that led here (a cycle is an error)."""
    from .loader import read_pack

    overlay, problems = validate(PackOverlay, doc)
    if overlay is None:
        return None, problems
    here = directory.resolve()
    chain = [*extending, (here, overlay.id)]
    if any(p == here for p, _ in extending):
        start = next(i for i, (p, _) in enumerate(extending) if p == here)
        names = " → ".join(i for _, i in chain[start:])
        return None, [doc.problem(("extends", "pack"), "E022", f"overlays extend each other in a cycle: {names}")]
    base_id = overlay.extends.pack
    if base_id == overlay.id:
        return None, [doc.problem(("id",), "E022", f"an overlay needs an id of its own, not its base's ({base_id!r})")]
    try:
        base_dir = path.locate(base_id)
    except InvalidInput as exc:
        return None, list(exc.problems)
    if base_dir is None:
        known = ", ".join(path.ids())
        return None, [
            doc.problem(("extends", "pack"), "E022", f"the base pack {base_id!r} is not on the pack path (found: {known})")
        ]
    base, base_problems = read_pack(base_dir, path, tuple(chain))
    if base is None:
        return None, base_problems
    if not satisfies(base.version, overlay.extends.version):
        return None, [
            doc.problem(
                ("extends", "version"),
                "E022",
                f"the base pack {base_id} is version {base.version} ({base_dir}), "
                f"which does not satisfy {overlay.extends.version!r}",
            )
        ]
    return _Resolver(doc, overlay, base).resolve()


class _Resolver:
    """One overlay applied to its (resolved) base."""

    def __init__(self, doc: Document, overlay: PackOverlay, base: ClausePack) -> None:
        self.doc, self.overlay, self.base = doc, overlay, base
        old = base.sources or PackSources.of_parts([Part(doc, base)])
        self.sources = PackSources(
            doc,
            dict(old.clauses),
            dict(old.checkpoints),
            dict(old.evidence_types),
            dict(old.fields),
            dict(old.scoring),
        )
        self.origin: dict[int, Place] = {}
        self.problems: list[Problem] = []
        self.removed_clauses: dict[str, int] = {}
        self.removed_checkpoints: dict[str, int] = {}
        self.removed_types: dict[str, int] = {}
        self.patches: dict[str, int] = {}
        self.adds: dict[str | None, list[int]] = {}
        self.dangling = False

    # ------------------------------------------------------------------ what the overlay names

    def _targets(self) -> None:
        index, base_id = self.base.index, self.base.id
        for i, rid in enumerate(self.overlay.remove):
            tables = (
                (index.clauses, self.removed_clauses),
                (index.checkpoints, self.removed_checkpoints),
                (index.evidence_types, self.removed_types),
            )
            hits = [into for table, into in tables if rid in table]
            if len(hits) != 1:
                why = "names more than one thing" if hits else "names no clause, checkpoint or evidence type"
                self.problems.append(self.doc.problem(("remove", i), "E007", f"remove {rid!r} {why} of {base_id}"))
            elif any(rid in into for _, into in tables):
                self.problems.append(self.doc.problem(("remove", i), "E006", f"{rid!r} is removed twice"))
            else:
                hits[0][rid] = i
        for cid in list(self.removed_clauses):  # everything below a removed clause goes with it
            for clause, _ in clauses_with_paths(index.clauses[cid].clause.children):
                self.removed_clauses.setdefault(clause.id, self.removed_clauses[cid])
        for cid, i in list(self.removed_clauses.items()):
            for cp in index.clauses[cid].clause.checkpoints:
                self.removed_checkpoints.setdefault(cp.id, i)
        gone = self.removed_clauses.keys() | self.removed_checkpoints.keys()
        for i, patch in enumerate(self.overlay.patch):
            kind = "clause" if patch.clause is not None else "checkpoint"
            table: dict[str, Any] = index.clauses if kind == "clause" else index.checkpoints
            if patch.target not in table:
                other = "checkpoint" if kind == "clause" else "clause"
                hint = (
                    f"; it is a {other}: write '{other}: {patch.target}'"
                    if patch.target in index.clauses.keys() | index.checkpoints.keys()
                    else ""
                )
                self.problems.append(
                    self.doc.problem(("patch", i, kind), "E007", f"{base_id} has no {kind} {patch.target!r}{hint}")
                )
            elif patch.target in gone:
                self.problems.append(self.doc.problem(("patch", i, kind), "E007", f"{kind} {patch.target!r} is removed"))
            elif patch.target in self.patches:
                where = f"patch[{self.patches[patch.target]}]"
                self.problems.append(self.doc.problem(("patch", i, kind), "E006", f"{patch.target!r} is patched twice ({where})"))
            else:
                self.patches[patch.target] = i
        for i, add in enumerate(self.overlay.add):
            if add.parent is not None and (add.parent not in index.clauses or add.parent in gone):
                why = "is removed" if add.parent in gone else f"is not a clause of {base_id}"
                self.problems.append(self.doc.problem(("add", i, "parent"), "E007", f"parent {add.parent!r} {why}"))
            else:
                self.adds.setdefault(add.parent, []).append(i)

    # ------------------------------------------------------------------ the resolved tree

    def _patched(self, target: str, item: Any) -> Any:
        i = self.patches.get(target)
        if i is None:
            return item
        patch = self.overlay.patch[i]
        changes = patch.changes()
        for name in changes:
            self.sources.fields[(target, name)] = (self.doc, ("patch", i, name))
        return item.model_copy(update=changes)

    def _checkpoint(self, cp: Checkpoint) -> Checkpoint:
        return self._patched(cp.id, cp)  # type: ignore[no-any-return]

    def _clause(self, clause: Clause) -> Clause:
        checkpoints = [self._checkpoint(cp) for cp in clause.checkpoints if cp.id not in self.removed_checkpoints]
        children = [self._clause(c) for c in clause.children if c.id not in self.removed_clauses]
        for i in self.adds.get(clause.id, []):
            more_clauses, more_checkpoints = self._added(i)
            checkpoints += more_checkpoints
            children += more_clauses
        new = self._patched(clause.id, clause).model_copy(update={"checkpoints": tuple(checkpoints), "children": tuple(children)})
        self.origin[id(new)] = self.sources.clauses[clause.id]
        return new  # type: ignore[no-any-return]

    def _added(self, i: int) -> tuple[list[Clause], list[Checkpoint]]:
        add = self.overlay.add[i]
        base: DocPath = ("add", i, "clauses")
        for clause, path in clauses_with_paths(add.clauses, base):
            self.sources.clauses[clause.id] = self.origin[id(clause)] = (self.doc, path)
            for j, cp in enumerate(clause.checkpoints):
                self.sources.checkpoints[cp.id] = self.origin[id(cp)] = (self.doc, (*path, "checkpoints", j))
        for j, cp in enumerate(add.checkpoints):
            self.sources.checkpoints[cp.id] = self.origin[id(cp)] = (self.doc, ("add", i, "checkpoints", j))
        return list(add.clauses), list(add.checkpoints)

    def _evidence_types(self) -> tuple[EvidenceType, ...]:
        kept = [et for et in self.base.evidence_types if et.id not in self.removed_types]
        for i, et in enumerate(self.overlay.evidence_types):
            self.sources.evidence_types[et.id] = self.origin[id(et)] = (self.doc, ("evidence_types", i))
        return (*kept, *self.overlay.evidence_types)

    # ------------------------------------------------------------------ scoring

    def _scoring(self) -> Any:
        over = self.overlay.scoring
        if not over:
            return self.base.scoring
        base_data = self.base.scoring.model_dump(mode="json")
        if "model" in over and over["model"] != base_data["model"]:
            self.problems.append(
                self.doc.problem(
                    ("scoring", "model"), "E004", f"an overlay keeps its base's scoring model ({base_data['model']})"
                )
            )
            return None
        merged = _merge(base_data, over, ("scoring",), ("scoring",), self.doc, self.sources.scoring, self.problems)
        mapped = MappedDocument(self.doc.file, self.sources.scoring, (self.doc, ()), {"scoring": merged})
        checked, problems = validate(ScoringOnly, mapped)
        self.problems += problems
        return checked.scoring if checked is not None else None

    # ------------------------------------------------------------------ the whole

    def resolve(self) -> tuple[ClausePack | None, list[Problem]]:
        self._targets()  # what names nothing is reported, and left out: the rest is still checked
        clauses = [self._clause(c) for c in self.base.clauses if c.id not in self.removed_clauses]
        for i in self.adds.get(None, []):
            clauses += self._added(i)[0]
        types = self._evidence_types()
        scoring = self._scoring() or self.base.scoring  # when the merged one is invalid, check the rest with the base's
        overlay = self.overlay
        header: dict[str, Any] = {"id": overlay.id, "version": overlay.version, "scoring": scoring}
        for name in ("title", "standard", "edition", "publisher", "provenance"):
            if getattr(overlay, name) is not None:
                header[name] = getattr(overlay, name)
        mine = {i.id for i in overlay.interpretations}
        header["interpretations"] = (*(i for i in self.base.interpretations if i.id not in mine), *overlay.interpretations)
        pack = self.base.model_copy(update=header).with_content(types, tuple(clauses))
        table = self._table(pack)
        self._dangling(pack, table)
        if self.dangling:  # check_pack would report the same references again, in the base's files
            return None, self.problems
        problems = self.problems + check_pack(pack, [Part(MappedDocument(self.doc.file, table, (self.doc, ())), pack)])
        if any(p.severity == "error" for p in problems):
            return None, problems
        pack.attach(self.sources, self._lineage())
        return pack, problems

    def _table(self, pack: ClausePack) -> dict[DocPath, Place]:
        """Paths in the resolved pack → where they were written."""
        table: dict[DocPath, Place] = dict(self.sources.scoring)
        for clause, path in clauses_with_paths(pack.clauses):
            table[path] = self.origin.get(id(clause)) or self.sources.clauses[clause.id]
            for j, cp in enumerate(clause.checkpoints):
                table[(*path, "checkpoints", j)] = self.origin.get(id(cp)) or self.sources.checkpoints[cp.id]
                for name in ("statement", "aspect", "method", "evidence"):
                    if (cp.id, name) in self.sources.fields:
                        table[(*path, "checkpoints", j, name)] = self.sources.fields[(cp.id, name)]
            for name in ("title", "requirement", "provenance", "mandatory", "points", "requires"):
                if (clause.id, name) in self.sources.fields:
                    table[(*path, name)] = self.sources.fields[(clause.id, name)]
        for i, et in enumerate(pack.evidence_types):
            table[("evidence_types", i)] = self.origin.get(id(et)) or self.sources.evidence_types[et.id]
        return table

    def _dangling(self, pack: ClausePack, table: dict[DocPath, Place]) -> None:
        """What still points at something this overlay removed: an error at the ``remove`` entry."""
        for clause, path in clauses_with_paths(pack.clauses):
            for k, req in enumerate(clause.requires):
                if req in self.removed_clauses:
                    self.dangling = True
                    at = MappedDocument(self.doc.file, table, (self.doc, ())).where((*path, "requires", k))
                    where = f"{_file_of(table, path)}:{at[0]}:{at[1]}"
                    i = self.removed_clauses[req]
                    what = repr(req) if self.overlay.remove[i] == req else f"{self.overlay.remove[i]!r} (and {req!r} below it)"
                    self.problems.append(
                        self.doc.problem(
                            ("remove", i),
                            "E007",
                            f"removing {what} leaves clause {clause.id!r} requiring it ({where}); patch that clause's requires too",
                        )
                    )
            for cp in clause.checkpoints:
                for name in sorted(cp.evidence.evidence_types() & self.removed_types.keys()):
                    self.dangling = True
                    self.problems.append(
                        self.doc.problem(
                            ("remove", self.removed_types[name]),
                            "E007",
                            f"removing evidence type {name!r} leaves checkpoint {cp.id!r} using it; patch its evidence too",
                        )
                    )

    def _lineage(self) -> Lineage:
        overlay, base = self.overlay, self.base
        layer = LayerRef(id=overlay.id, version=overlay.version, sha256=sha256_of(overlay))
        removed = frozenset(self.removed_clauses) | frozenset(self.removed_checkpoints)
        before = base.lineage
        if before is None:
            root = LayerRef(id=base.id, version=base.version, sha256=base.sha256)
            return Lineage(base=root, overlays=(layer,), answers_to=(base.id,), removed=removed)
        return Lineage(
            base=before.base,
            overlays=(*before.overlays, layer),
            answers_to=(base.id, *before.answers_to),
            removed=before.removed | removed,
        )


def _file_of(table: dict[DocPath, Place], path: DocPath) -> str:
    for n in range(len(path), -1, -1):
        if path[:n] in table:
            return table[path[:n]][0].file
    return "?"


_KEYS = ("level", "id")


def _key_of(items: list[Any]) -> str | None:
    """The key that identifies the entries of a list of mappings (``level`` or ``id``), if any."""
    for key in _KEYS:
        if items and all(isinstance(x, dict) and key in x for x in items):
            return key
    return None


def _mergeable(base: Any, over: Any) -> bool:
    if isinstance(base, dict) and isinstance(over, dict):
        return True
    return isinstance(base, list) and isinstance(over, list) and (key := _key_of(base)) is not None and _key_of(over) == key


def _merge(
    base: Any, over: Any, rpath: DocPath, opath: DocPath, doc: Document, table: dict[DocPath, Place], problems: list[Problem]
) -> Any:
    """``over`` merged into ``base`` (see :class:`PackOverlay`); each path of the result that
    ``over`` wrote is recorded in ``table``, so problems there point at the overlay. An entry
    given twice in one list (the same ``level`` or ``id``) is a problem (E006), and left out."""
    if isinstance(base, dict):
        out = dict(base)
        for k, v in over.items():
            if k in base and _mergeable(base[k], v):
                out[k] = _merge(base[k], v, (*rpath, k), (*opath, k), doc, table, problems)
            else:
                out[k] = v
                table[(*rpath, k)] = (doc, (*opath, k))
        return out
    key = _key_of(base)
    out_list = list(base)
    where = {item[key]: n for n, item in enumerate(base)}
    given: dict[Any, int] = {}
    for j, item in enumerate(over):
        try:
            n = where.get(item[key])
        except TypeError:  # a list or a mapping as a level or an id: added as written, for validation to refuse
            n = None
        else:
            if item[key] in given:
                problems.append(
                    doc.problem(
                        (*opath, j), "E006", f"{key} {item[key]!r} is given twice (first in entry {given[item[key]] + 1})"
                    )
                )
                continue
            given[item[key]] = j
        if n is None:
            out_list.append(item)
            table[(*rpath, len(out_list) - 1)] = (doc, (*opath, j))
        else:
            out_list[n] = _merge(base[n], item, (*rpath, n), (*opath, j), doc, table, problems)
    return out_list
