"""The evidence checklist: every evidence type some packs need, what their rules ask of it, and
the clauses it serves in each pack; and the certificates they ask people to hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model.common import Frozen
from .model.pack import ClausePack
from .predicates import Predicate
from .uses import leaves, pack_predicates


class Ask(Frozen):
    """One kind of demand a pack makes of an evidence type (or of certified people)."""

    pack: str
    kind: str
    """The predicate kind: present, fresh, continuous, metric, approved, certified_people…"""
    params: dict[str, Any]
    """Its parameters as the pack gives them (max_age_days, period and count, metric and min…)."""
    clauses: tuple[str, ...]
    """The clauses (or ``prerequisite ID``) whose checkpoints ask it, in pack order."""
    checkpoints: tuple[str, ...]


class EvidenceNeed(Frozen):
    type: str
    title: str
    method: str
    asks: tuple[Ask, ...]


class PeopleNeed(Frozen):
    scheme: str
    asks: tuple[Ask, ...]


class PackLine(Frozen):
    id: str
    version: str


class Checklist(Frozen):
    packs: tuple[PackLine, ...]
    evidence: tuple[EvidenceNeed, ...]
    """Sorted by evidence type."""
    people: tuple[PeopleNeed, ...]
    """Sorted by certificate scheme."""


def _params(leaf: Predicate) -> dict[str, Any]:
    data: dict[str, Any] = leaf.model_dump(mode="json", exclude_none=True)
    for key in ("kind", "type", "scheme"):
        data.pop(key, None)
    return data


def checklist(packs: Sequence[ClausePack]) -> Checklist:
    """What ``packs`` ask for, gathered by evidence type and by certificate scheme."""
    # (type or scheme, pack, kind, params as JSON) -> (kind, params, clauses, checkpoints)
    found: dict[tuple[str, str, str, str], tuple[str, dict[str, Any], list[str], list[str]]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for pack in packs:
        for type_id, etype in pack.index.evidence_types.items():
            titles.setdefault(type_id, (etype.title.en, etype.method))
        for label, predicate in pack_predicates(pack):
            owner = pack.index.checkpoints[label][1] if label in pack.index.checkpoints else label
            for leaf in leaves(predicate):
                scheme = getattr(leaf, "scheme", None)
                subjects = sorted(leaf.evidence_types()) or ([f"people:{scheme}"] if isinstance(scheme, str) else [])
                params = _params(leaf)
                for subject in subjects:
                    key = (subject, pack.id, leaf.kind, repr(sorted(params.items())))
                    _, _, clauses, checkpoints = found.setdefault(key, (leaf.kind, params, [], []))
                    if owner not in clauses:
                        clauses.append(owner)
                    if label in pack.index.checkpoints:
                        checkpoints.append(label)
    asks: dict[str, list[Ask]] = {}
    for (subject, pack_id, _, _), (kind, params, clauses, checkpoints) in found.items():
        asks.setdefault(subject, []).append(
            Ask(pack=pack_id, kind=kind, params=params, clauses=tuple(clauses), checkpoints=tuple(checkpoints))
        )
    evidence = [
        EvidenceNeed(type=t, title=titles.get(t, (t, "document"))[0], method=titles.get(t, (t, "document"))[1], asks=tuple(a))
        for t, a in sorted(asks.items())
        if not t.startswith("people:")
    ]
    people = [
        PeopleNeed(scheme=t.removeprefix("people:"), asks=tuple(a)) for t, a in sorted(asks.items()) if t.startswith("people:")
    ]
    return Checklist(
        packs=tuple(PackLine(id=p.id, version=p.version) for p in packs), evidence=tuple(evidence), people=tuple(people)
    )


def describe(ask: Ask) -> str:
    """``fresh: max_age_days 365`` — an ask's kind and parameters in a line."""
    shown = ", ".join(f"{k} {v}" for k, v in ask.params.items())
    return f"{ask.kind}: {shown}" if shown else ask.kind
