"""Findings carried across: proposals for one standard from the findings recorded for another.

A finding carries along a mapping only where the relation makes it follow:

- ``source equivalent target``: any status (they ask the same);
- ``source superset target``: ``met`` only (the source asks all the target asks, and more);
- ``subset`` and ``intersects``: nothing follows, so nothing is carried.

Where it lands: a finding on a checkpoint records the assessor's judgement of part of a clause,
so it lands on the target clause's assessor checks (the checkpoints only an assessor decides);
a finding on a whole clause lands on the target clause in the fields its scoring reads (a
status, C and F ratings, a fraction). Proposals never replace a finding already recorded for
the target standard: a different one is reported as a conflict. Sources that disagree about the
same target are conflicts too, and nothing is proposed for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.manifest import Finding, FindingStatus, Manifest
from ..model.pack import ClausePack
from ..predicates import AssessorCheck
from .load import Crosswalks, Edge
from ..records import record

_CARRIES: dict[str, tuple[FindingStatus, ...]] = {
    "equivalent": ("met", "partially_met", "not_met"),
    "superset": ("met",),
}


@record
class Origin:
    """The recorded finding and the mapping a proposal came from."""

    finding: Finding
    crosswalk: str
    mapping: str
    """``left relation right`` as the crosswalk states it, e.g. ``6.7.2 subset 24``."""

    def __str__(self) -> str:
        return f"{self.finding.pack} {self.finding.target} ({self.finding.status}) via {self.crosswalk} {self.mapping}"


@record
class Proposal:
    finding: Finding
    origins: tuple[Origin, ...]

    def __str__(self) -> str:
        return f"{self.finding.pack} {self.finding.target}: {_words(_fields(self.finding))}"


@record
class Conflict:
    target: str
    message: str


@dataclass
class Carried:
    """What ``carry`` proposes, the conflicts it found, and the findings it did not carry (why)."""

    proposals: list[Proposal] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)


def _assessor_checks(pack: ClausePack, clause_id: str) -> list[str]:
    return [cp.id for cp in pack.index.clauses[clause_id].clause.checkpoints if isinstance(cp.evidence, AssessorCheck)]


def _fields(finding: Finding) -> dict[str, Any]:
    return finding.model_dump(include={"status", "c_rate", "f_rate", "fraction"}, exclude_none=True)


def carry(packs: Sequence[ClausePack], manifest: Manifest, crosswalks: Crosswalks, source: str, target: str) -> Carried:
    """Findings for ``target`` proposed from ``manifest``'s findings for ``source`` along the
    crosswalks (see the module docstring). Pure: nothing is written or applied."""
    by_id = {p.id: p for p in packs}
    src, dst = by_id[source], by_id[target]
    edges: dict[str, list[Edge]] = defaultdict(list)
    for edge in crosswalks.edges():
        if edge.pack == source and edge.other_pack == target:
            edges[edge.clause].append(edge)
    out = Carried()
    wanted: dict[str, list[tuple[dict[str, Any], Origin]]] = defaultdict(list)
    for finding in (f for f in manifest.findings if f.pack == source):
        if finding.status is None:
            out.not_carried.append(
                f"{source} {finding.target}: records a rating or fraction, not a status; only statuses are carried"
            )
            continue
        on_clause = finding.target in src.index.clauses
        clause = finding.target if on_clause else src.index.checkpoints[finding.target][1]
        if not edges.get(clause):
            out.not_carried.append(f"{source} {finding.target}: {source} {clause} is not mapped to {target}")
            continue
        for edge in edges[clause]:
            m = edge.mapping
            origin = Origin(finding, edge.crosswalk.id, f"{m.left} {m.relation} {m.right}")
            if finding.status not in _CARRIES.get(edge.relation, ()):
                why = "nothing follows" if edge.relation not in _CARRIES else "only met follows from a wider clause"
                out.not_carried.append(
                    f"{source} {finding.target} ({finding.status}): {clause} {edge.relation} {target} {edge.other_clause}, {why}"
                )
                continue
            checks = _assessor_checks(dst, edge.other_clause)
            if checks:
                for cp in checks:
                    wanted[cp].append(({"status": finding.status}, origin))
            elif on_clause:
                wanted[edge.other_clause].append(
                    (dst.scoring.finding_fields(dst.index, edge.other_clause, finding.status), origin)
                )
            else:
                out.not_carried.append(
                    f"{source} {finding.target}: a finding on part of {clause}, and {target} {edge.other_clause} has no assessor check to take it"
                )
    recorded = {f.target: f for f in manifest.findings if f.pack == target}
    order = {cid: i for i, cid in enumerate([*dst.index.order, *dst.index.checkpoints])}
    for tid in sorted(wanted, key=order.__getitem__):
        fields = [f for f, _ in wanted[tid]]
        origins = tuple(dict.fromkeys(o for _, o in wanted[tid]))
        if any(f != fields[0] for f in fields):
            shown = "; ".join(f"{_words(f)} from {o}" for f, o in wanted[tid])
            out.conflicts.append(Conflict(tid, f"{target} {tid}: the sources disagree ({shown}); nothing proposed"))
            continue
        if tid in recorded:
            if _fields(recorded[tid]) != fields[0]:
                out.conflicts.append(
                    Conflict(
                        tid,
                        f"{target} {tid}: already recorded as {_words(_fields(recorded[tid]))}; {origins[0]} suggests {_words(fields[0])}; kept as recorded",
                    )
                )
            continue
        note = "carried from " + "; ".join(str(o) for o in origins)
        notes = [o.finding.note for o in origins if o.finding.note]
        if notes:
            note += " — " + " / ".join(dict.fromkeys(notes))
        out.proposals.append(Proposal(Finding(pack=target, target=tid, note=note, **fields[0]), origins))
    return out


def _words(fields: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in fields.items())
