"""Checks on a whole pack that no single field can make: ids, references, cycles, scoring."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model.pack import Clause, ClausePack, EvidenceType, PackFragment
from .predicates import AllOf, AnyOf, AtLeast, Predicate
from .problems import Problem
from .scoring import MaturityLevels, PassFail, WeightedBands
from .yamlsource import DocPath, Document


@dataclass(frozen=True)
class Part:
    """One file of a pack and what it holds: ``pack.yaml`` or an included fragment."""

    doc: Document
    content: ClausePack | PackFragment


def clauses_with_paths(clauses: tuple[Clause, ...], base: DocPath = ("clauses",)) -> Iterator[tuple[Clause, DocPath]]:
    for i, clause in enumerate(clauses):
        path = (*base, i)
        yield clause, path
        yield from clauses_with_paths(clause.children, (*path, "children"))


def predicates_with_paths(pred: Predicate, path: DocPath) -> Iterator[tuple[Predicate, DocPath]]:
    yield pred, path
    if isinstance(pred, (AllOf, AnyOf, AtLeast)):
        for i, sub in enumerate(pred.of):
            yield from predicates_with_paths(sub, (*path, "of", i))


def check_pack(pack: ClausePack, parts: list[Part]) -> list[Problem]:
    """Every cross-reference problem of an assembled pack, located in its files."""
    problems: list[Problem] = []
    types: dict[str, EvidenceType] = {}
    clause_ids: set[str] = set()
    checkpoint_ids: set[str] = set()
    where: dict[str, tuple[Document, DocPath]] = {}
    for part in parts:
        for i, et in enumerate(part.content.evidence_types):
            if et.id in types:
                problems.append(
                    part.doc.problem(("evidence_types", i, "id"), "E006", f"evidence type {et.id!r} is defined twice")
                )
            types[et.id] = et
        for clause, path in clauses_with_paths(part.content.clauses):
            if clause.id in clause_ids:
                problems.append(part.doc.problem((*path, "id"), "E006", f"clause {clause.id!r} is defined twice"))
            elif clause.id in checkpoint_ids:  # findings and declarations name either: one id, one thing
                problems.append(
                    part.doc.problem((*path, "id"), "E006", f"clause {clause.id!r} has the id of a checkpoint defined earlier")
                )
            clause_ids.add(clause.id)
            where.setdefault(clause.id, (part.doc, path))
            for j, cp in enumerate(clause.checkpoints):
                if cp.id in checkpoint_ids or cp.id in clause_ids:
                    problems.append(
                        part.doc.problem((*path, "checkpoints", j, "id"), "E006", f"checkpoint {cp.id!r} is defined twice")
                    )
                checkpoint_ids.add(cp.id)
    used: set[str] = set()
    for part in parts:
        for clause, path in clauses_with_paths(part.content.clauses):
            for k, req in enumerate(clause.requires):
                if req not in clause_ids:
                    problems.append(
                        part.doc.problem((*path, "requires", k), "E007", f"clause {clause.id!r} requires unknown clause {req!r}")
                    )
                elif req == clause.id:
                    problems.append(part.doc.problem((*path, "requires", k), "E008", f"clause {clause.id!r} requires itself"))
            for j, cp in enumerate(clause.checkpoints):
                problems += _check_predicate(cp.evidence, (*path, "checkpoints", j, "evidence"), part.doc, types, used)
                problems += _check_aspect(pack, cp.aspect, part.doc, (*path, "checkpoints", j, "aspect"))
    header = parts[0]
    if isinstance(pack.scoring, PassFail):
        for i, pre in enumerate(pack.scoring.prerequisites):
            problems += _check_predicate(pre.check, ("scoring", "prerequisites", i, "check"), header.doc, types, used)
    problems += _check_cycles(pack, where)
    problems += _check_scoring(pack, header.doc)
    for part in parts:
        for i, et in enumerate(part.content.evidence_types):
            if et.id not in used:
                problems.append(
                    part.doc.problem(
                        ("evidence_types", i, "id"),
                        "W101",
                        f"evidence type {et.id!r} is used by no checkpoint",
                        severity="warning",
                    )
                )
    return problems


def _check_predicate(
    pred: Predicate, path: DocPath, doc: Document, types: dict[str, EvidenceType], used: set[str]
) -> list[Problem]:
    out = []
    for sub, sub_path in predicates_with_paths(pred, path):
        for name in sorted(sub.evidence_types() if not isinstance(sub, (AllOf, AnyOf, AtLeast)) else ()):
            used.add(name)
            if name not in types:
                out.append(
                    doc.problem((*sub_path, "type"), "E007", f"unknown evidence type {name!r} (not in the pack's catalogue)")
                )
    return out


_ASPECTS = {
    "maturity_levels": {"method", "execution"},
    "weighted_bands": {"approach", "deployment", "results"},
}


def _check_aspect(pack: ClausePack, aspect: str | None, doc: Document, path: DocPath) -> list[Problem]:
    allowed = _ASPECTS.get(pack.scoring.model)
    if allowed is None or aspect is None or aspect in allowed:
        return []
    return [
        doc.problem(
            path, "W103", f"aspect {aspect!r} is not one of {sorted(allowed)} used by {pack.scoring.model}", severity="warning"
        )
    ]


def _has_cycle(pack: ClausePack) -> bool:
    """Whether ``requires`` has a cycle (Kahn's algorithm), so that networkx is imported only
    to describe cycles that exist."""
    clauses = pack.index.clauses
    edges = {cid: {r for r in p.clause.requires if r in clauses and r != cid} for cid, p in clauses.items()}
    indegree = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for t in targets:
            indegree[t] += 1
    todo = [c for c, d in indegree.items() if d == 0]
    done = 0
    while todo:
        done += 1
        for t in edges[todo.pop()]:
            indegree[t] -= 1
            if indegree[t] == 0:
                todo.append(t)
    return done < len(edges)


def _check_cycles(pack: ClausePack, where: dict[str, tuple[Document, DocPath]]) -> list[Problem]:
    if not _has_cycle(pack):
        return []
    from .graph import requirement_cycles

    out = []
    for cycle in requirement_cycles(pack):
        first, second = cycle[0], cycle[1 % len(cycle)]
        doc, path = where[first]
        k = pack.index.clauses[first].clause.requires.index(second)
        chain = " → ".join([*cycle, cycle[0]])
        out.append(doc.problem((*path, "requires", k), "E008", f"dependency cycle: {chain}"))
    return out


def _check_scoring(pack: ClausePack, doc: Document) -> list[Problem]:
    scoring = pack.scoring
    index = pack.index
    tops = [p.clause for p in index.clauses.values() if p.depth == 0]
    top_ids = {c.id for c in tops}
    out: list[Problem] = []
    if isinstance(scoring, MaturityLevels):
        for name in ("core_sections", "innovation_sections"):
            for i, sid in enumerate(getattr(scoring, name)):
                if sid not in top_ids:
                    out.append(
                        doc.problem(("scoring", name, i), "E007", f"{name} names {sid!r}, which is not a top-level clause")
                    )
        # Assessors record C-Rate and F-Rate as 0, 5 or 10 (the manifest's rating values).
        scale = (scoring.scale.none, scoring.scale.partial, scoring.scale.full)
        if scale != (0, 5, 10):
            out.append(
                doc.problem(
                    ("scoring", "scale"),
                    "E012",
                    f"the rating scale is {'/'.join(map(str, scale))}, but assessors rate items 0/5/10",
                )
            )
        for name in ("all_met", "some_met", "none_met"):
            if getattr(scoring.derivation, name) not in scale:
                out.append(
                    doc.problem(
                        ("scoring", "derivation", name),
                        "E012",
                        f"derivation.{name} is {getattr(scoring.derivation, name)}, not a value of the rating scale",
                    )
                )
        core = index.leaves_under(scoring.core_sections)
        innovation = index.leaves_under(scoring.innovation_sections)
        items = core + innovation
        max_total = 2 * scoring.scale.full * len(items)
        # The proof that every level is reachable: a centre rated in full on every item, with
        # the years each level asks for, meets all of that level's conditions.
        full = (scoring.scale.full, scoring.scale.full)
        best_core, best_innovation = scoring._shares([full] * len(core)), scoring._shares([full] * len(innovation))
        for i, lv in enumerate(scoring.levels):
            if lv.min_total > max_total:
                out.append(
                    doc.problem(
                        ("scoring", "levels", i, "min_total"),
                        "E012",
                        f"L{lv.level} needs {lv.min_total} points but {len(items)} items give at most {max_total}: unreachable",
                    )
                )
                continue
            for cond in scoring._conditions(lv, best_core, best_innovation, max_total, lv.min_operating_years):
                if not cond.met:
                    out.append(
                        doc.problem(
                            ("scoring", "levels", i),
                            "E012",
                            f"L{lv.level} is unreachable even with every item rated in full: {cond.message}",
                        )
                    )
            if i and (lv.min_total < scoring.levels[i - 1].min_total):
                out.append(
                    doc.problem(
                        ("scoring", "levels", i, "min_total"), "E012", f"L{lv.level} needs fewer points than L{lv.level - 1}"
                    )
                )
        for item in items:
            aspects = {cp.aspect for cp in item.checkpoints}
            if not {"method", "execution"} <= aspects:
                placed = index.clauses[item.id]
                out.append(
                    Problem(
                        doc.file,
                        1,
                        1,
                        "E012",
                        f"item {item.id!r} (under {placed.top}) needs at least one method and one execution checkpoint",
                        "$.clauses",
                    )
                )
    if isinstance(scoring, WeightedBands):
        categories = [c for c in tops if c.points]
        total = sum(c.points or 0 for c in categories)
        if abs(total - scoring.max_total) > 1e-9:
            out.append(
                doc.problem(("scoring", "max_total"), "E012", f"category points add up to {total:g}, not {scoring.max_total}")
            )
        for cat in categories:
            if not index.leaves_under((cat.id,)):
                out.append(Problem(doc.file, 1, 1, "E012", f"category {cat.id!r} has no sub-item with checkpoints", "$.clauses"))
    return out
