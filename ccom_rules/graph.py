"""The dependency graph over clauses, checkpoints and evidence types (networkx)."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .model.gaps import GapReport
from .model.pack import ClausePack
from .model.result import Result


def requirement_graph(pack: ClausePack) -> nx.DiGraph[str]:
    """Clause → prerequisite clause edges of one pack."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for cid, placed in pack.index.clauses.items():
        graph.add_node(cid)
        for req in placed.clause.requires:
            if req in pack.index.clauses and req != cid:
                graph.add_edge(cid, req)
    return graph


def requirement_cycles(pack: ClausePack) -> list[list[str]]:
    """Each cycle of ``requires`` once, starting at its smallest id in document order."""
    graph = requirement_graph(pack)
    order = {cid: i for i, cid in enumerate(pack.index.order)}
    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        sub = graph.subgraph(component)
        start = min(component, key=order.__getitem__)
        cycle = [edge[0] for edge in nx.find_cycle(sub, source=start)]
        cycles.append(cycle)
    return sorted(cycles, key=lambda c: order[c[0]])


def clause_node(pack_id: str, clause_id: str) -> str:
    return f"{pack_id}:{clause_id}"


def checkpoint_node(pack_id: str, checkpoint_id: str) -> str:
    return f"{pack_id}:{checkpoint_id}#checkpoint"


def evidence_node(evidence_type: str) -> str:
    return f"evidence:{evidence_type}"


def dependency_graph(packs: Sequence[ClausePack], result: Result | None = None) -> nx.DiGraph[str]:
    """One graph over every pack: clause → prerequisite clause (``requires``), clause → parent
    (``part_of``), checkpoint → its clause (``part_of``), checkpoint → each evidence type it
    needs (``needs``). Evidence-type nodes are shared, so one type joins the packs using it.
    With a ``result``, clause and checkpoint nodes carry their ``status``."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    statuses: dict[str, str] = {}
    if result is not None:
        for pr in result.packs:
            for c in pr.clauses:
                statuses[clause_node(pr.pack.id, c.id)] = c.status
                for done in c.checkpoints:
                    statuses[checkpoint_node(pr.pack.id, done.id)] = done.status
    for pack in packs:
        for cid, placed in pack.index.clauses.items():
            node = clause_node(pack.id, cid)
            graph.add_node(
                node,
                kind="clause",
                pack=pack.id,
                id=cid,
                title_en=placed.clause.title.en,
                title_zh=placed.clause.title.zh,
                status=statuses.get(node),
            )
            if placed.parent is not None:
                graph.add_edge(node, clause_node(pack.id, placed.parent), kind="part_of")
            for req in placed.clause.requires:
                graph.add_edge(node, clause_node(pack.id, req), kind="requires")
            for cp in placed.clause.checkpoints:
                cp_node = checkpoint_node(pack.id, cp.id)
                graph.add_node(
                    cp_node,
                    kind="checkpoint",
                    pack=pack.id,
                    id=cp.id,
                    title_en=cp.statement.en,
                    title_zh=cp.statement.zh,
                    status=statuses.get(cp_node),
                )
                graph.add_edge(cp_node, node, kind="part_of")
                for etype in sorted(cp.evidence.evidence_types()):
                    et = pack.index.evidence_types.get(etype)
                    e_node = evidence_node(etype)
                    if e_node not in graph:
                        graph.add_node(
                            e_node,
                            kind="evidence",
                            pack=None,
                            id=etype,
                            title_en=et.title.en if et else etype,
                            title_zh=et.title.zh if et else etype,
                            status=None,
                        )
                    graph.add_edge(cp_node, e_node, kind="needs")
    return graph


def gap_subgraph(graph: nx.DiGraph[str], report: GapReport) -> nx.DiGraph[str]:
    """The part of ``graph`` a gap report speaks of: unmet clauses that carry checkpoints, their
    unmet prerequisites, and the evidence types their failing checkpoints need (checkpoints are
    folded into clause → evidence edges)."""
    sub: nx.DiGraph[str] = nx.DiGraph()
    for gap in (*report.roots, *report.blocked):
        node = clause_node(gap.pack, gap.clause)
        sub.add_node(node, **graph.nodes[node])
        for req in gap.blocked_by:
            target = clause_node(gap.pack, req)
            sub.add_node(target, **graph.nodes[target])
            sub.add_edge(node, target, kind="requires")
        for chain in gap.chains:
            for a, b in zip(chain, chain[1:]):
                na, nb = clause_node(gap.pack, a), clause_node(gap.pack, b)
                for n in (na, nb):
                    sub.add_node(n, **graph.nodes[n])
                sub.add_edge(na, nb, kind=graph.edges[na, nb]["kind"] if graph.has_edge(na, nb) else "part_of")
        for etype in gap.evidence_types:
            e_node = evidence_node(etype)
            sub.add_node(e_node, **graph.nodes[e_node])
            sub.add_edge(node, e_node, kind="needs")
    return sub
