"""Checks on a whole pack that no single field can make: ids, references, cycles, scoring."""

from __future__ import annotations

from collections.abc import Iterator

from .model.pack import Clause, ClausePack, EvidenceType, PackFragment
from .predicates import AllOf, AnyOf, AtLeast, Predicate
from .problems import Problem
from .yamlsource import DocPath, Document
from .records import record


@record
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
    for pred, path in pack.scoring.condition_paths():
        problems += _check_predicate(pred, path, header.doc, types, used)
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


def _check_aspect(pack: ClausePack, aspect: str | None, doc: Document, path: DocPath) -> list[Problem]:
    allowed = pack.scoring.ASPECTS
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
    return pack.scoring.lint(pack, doc)
