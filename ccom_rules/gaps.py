"""Gap tracing: why each clause is unmet, and what each missing evidence type holds back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction

import networkx as nx

from .i18n import Msg
from .model.common import Text
from .model.gaps import ClauseGap, EvidenceGap, GapReport, PackImpact
from .model.manifest import Manifest
from .model.pack import ClausePack
from .model.result import CheckpointResult, ClauseResult, PackResult, Result
from .predicates import AllOf, AtLeast, Facts, Predicate

MAX_CHAINS = 8
_DONE = ("met", "not_applicable")


def settled(pack: ClausePack, clause: ClauseResult) -> bool:
    """Whether a clause holds nothing back: met or not applicable, or scored in full (an item
    rated in full on C and F, a sub-item at full marks), whatever its checkpoints say."""
    return clause.status in _DONE or pack.scoring.settled(clause)


def unmet_graph(pack: ClausePack, result: PackResult) -> nx.DiGraph[str]:
    """Unmet clauses, with an edge to each unmet prerequisite and, for a clause that has no
    checkpoints of its own, to each unmet child (a chapter is held back by its clauses)."""
    done = {c.id: settled(pack, c) for c in result.clauses}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for cid in pack.index.order:
        if done[cid]:
            continue
        clause = pack.index.clauses[cid].clause
        graph.add_node(cid)
        for req in clause.requires:
            if not done.get(req, True):
                graph.add_edge(cid, req, kind="requires")
        if not clause.checkpoints:
            for child in clause.children:
                if not done[child.id]:
                    graph.add_edge(cid, child.id, kind="part")
    return graph


def missing_types(predicate: Predicate, facts: Facts) -> set[str]:
    """The evidence types of the parts of ``predicate`` that do not hold (a part that already
    holds is not what is missing)."""
    if isinstance(predicate, (AllOf, AtLeast)):
        return set().union(*(missing_types(sub, facts) for sub in predicate.of))
    if predicate.evaluate(facts).satisfied:
        return set()
    return predicate.evidence_types()


def _chains(graph: nx.DiGraph[str], start: str, order: dict[str, int]) -> tuple[tuple[str, ...], ...]:
    sinks = [n for n in nx.descendants(graph, start) if graph.out_degree(n) == 0]
    chains: list[tuple[str, ...]] = []
    for sink in sorted(sinks, key=order.__getitem__):
        for path in nx.all_simple_paths(graph, start, sink):
            chains.append(tuple(path))
            if len(chains) >= 4 * MAX_CHAINS:
                break
    chains.sort(key=lambda c: (len(c), [order[x] for x in c]))
    return tuple(chains[:MAX_CHAINS])


def _failing(clause: ClauseResult) -> list[CheckpointResult]:
    return [cp for cp in clause.checkpoints if cp.status not in _DONE]


def clause_gaps(pack: ClausePack, result: PackResult, facts: Facts) -> tuple[list[ClauseGap], list[ClauseGap]]:
    """Unmet clauses that carry checkpoints, split into roots and blocked ones, in document order."""
    graph = unmet_graph(pack, result)
    order = {cid: i for i, cid in enumerate(pack.index.order)}
    by_id = {c.id: c for c in result.clauses}
    roots, blocked = [], []
    for cid in pack.index.order:
        clause = pack.index.clauses[cid].clause
        found = by_id[cid]
        if not clause.checkpoints or settled(pack, found):
            continue
        failing = _failing(found)
        checkpoints = {cp.id: cp for cp in clause.checkpoints}
        types = sorted({t for cp in failing for t in missing_types(checkpoints[cp.id].evidence, facts)})
        reasons = tuple(Msg("reason.at", checkpoint=cp.id, reason=r) for cp in failing for r in cp.reasons)
        blockers = tuple(r for r in clause.requires if graph.has_edge(cid, r))
        common = dict(
            pack=pack.id, clause=cid, title=clause.title, status=found.status, reasons=reasons, evidence_types=tuple(types)
        )
        if blockers:
            blocked.append(ClauseGap(kind="blocked", blocked_by=blockers, chains=_chains(graph, cid, order), **common))
        else:
            roots.append(ClauseGap(kind="root", **common))
    return roots, blocked


def evidence_gaps(packs: Sequence[ClausePack], manifest: Manifest, result: Result) -> list[EvidenceGap]:
    """Every evidence type that failing checkpoints need, with its blast radius across packs."""
    facts = Facts.of(manifest)
    hits: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    titles: dict[str, Text] = {}
    for pack in packs:
        for cid, clause in ((c.id, c) for c in result.pack(pack.id).clauses):
            if settled(pack, clause):
                continue
            for cp in clause.checkpoints:
                if cp.status in _DONE or cp.decided_by == "assessor":
                    continue
                checkpoint, _ = pack.index.checkpoints[cp.id]
                for t in missing_types(checkpoint.evidence, facts):
                    hits[t][pack.id][cid].add(cp.id)
                    if t in pack.index.evidence_types:
                        titles.setdefault(t, pack.index.evidence_types[t].title)
    by_pack = {p.id: p for p in packs}
    gaps = []
    for etype, per_pack in hits.items():
        impact = []
        for pack_id in (p.id for p in packs if p.id in per_pack):
            pack, clauses = by_pack[pack_id], per_pack[pack_id]
            results = {c.id: c for c in result.pack(pack_id).clauses}
            order = {cid: i for i, cid in enumerate(pack.index.order)}
            clause_ids = sorted(clauses, key=order.__getitem__)
            points = sum((pack.scoring.at_stake(results[c], clauses[c]) for c in clause_ids), Fraction(0))
            items = tuple(c for c in clause_ids if pack.scoring.rated(results[c]))
            impact.append(
                PackImpact(
                    pack=pack_id,
                    checkpoints=tuple(cp for c in clause_ids for cp in sorted(clauses[c])),
                    clauses=tuple(clause_ids),
                    items=items,
                    points=float(round(points, 2)),
                )
            )
        present = len(facts.items(etype))
        gaps.append(
            EvidenceGap(
                type=etype,
                title=titles.get(etype),
                state="insufficient" if present else "missing",
                items_present=present,
                impact=tuple(impact),
            )
        )
    gaps.sort(key=lambda g: (-g.checkpoint_count, g.type))
    return gaps


def trace_gaps(packs: Sequence[ClausePack], manifest: Manifest, result: Result | None = None) -> GapReport:
    """Roots, blocked clauses with their chains, and evidence blast radius, over all ``packs``.

    ``result`` is ``evaluate(packs, manifest)``, computed here when not given.
    """
    if result is None:
        from .engine import evaluate

        result = evaluate(packs, manifest)
    roots: list[ClauseGap] = []
    blocked: list[ClauseGap] = []
    facts = Facts.of(manifest)
    for pack in packs:
        r, b = clause_gaps(pack, result.pack(pack.id), facts)
        roots += r
        blocked += b
    return GapReport(
        packs=tuple(p.id for p in packs),
        roots=tuple(roots),
        blocked=tuple(blocked),
        evidence=tuple(evidence_gaps(packs, manifest, result)),
    )
