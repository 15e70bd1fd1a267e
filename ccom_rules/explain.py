"""A clause or checkpoint described for a reader: what it asks and what settles it."""

from __future__ import annotations

from .model.overlay import CHECKPOINT_FIELDS, CLAUSE_FIELDS
from .model.pack import Checkpoint, ClausePack
from .predicates import AllOf, AnyOf, AssessorCheck, AtLeast, Predicate


def describe_predicate(pred: Predicate, pack: ClausePack, indent: str = "") -> list[str]:
    """Readable lines for a predicate tree, naming the evidence types' titles."""

    def title(type_id: str) -> str:
        et = pack.index.evidence_types.get(type_id)
        return f"{et.title.en} / {et.title.zh} [{type_id}]" if et else type_id

    if isinstance(pred, (AllOf, AnyOf, AtLeast)):
        head = {"all_of": "all of:", "any_of": "any of:"}.get(pred.kind, f"at least {getattr(pred, 'k', 1)} of:")
        lines = [f"{indent}{head}"]
        for sub in pred.of:
            lines += describe_predicate(sub, pack, indent + "  ")
        return lines
    if isinstance(pred, AssessorCheck):
        guide = pred.guide if isinstance(pred.guide, str) else f"{pred.guide.en} / {pred.guide.zh}"
        return [f"{indent}assessor decides: {guide}"]
    kind = pred.kind
    if kind == "present":
        return [f"{indent}{pred.min_count} × {title(pred.type)}"]  # type: ignore[union-attr]
    if kind == "fresh":
        return [f"{indent}{title(pred.type)}, at most {pred.max_age_days} days old"]  # type: ignore[union-attr]
    if kind == "continuous":
        return [f"{indent}{pred.count} consecutive {pred.period}s of {title(pred.type)}"]  # type: ignore[union-attr]
    if kind == "metric":
        return [f"{indent}{title(pred.type)} with {pred.metric} {pred._wanted()}"]  # type: ignore[union-attr]
    if kind == "approved":
        role = f" by {pred.role}" if pred.role else ""  # type: ignore[union-attr]
        return [f"{indent}{title(pred.type)}, signed off{role}"]  # type: ignore[union-attr]
    if kind == "certified_people":
        return [f"{indent}{pred.min_count} people with valid {pred.scheme} certificates (distinct numbers)"]  # type: ignore[union-attr]
    return [f"{indent}{kind}"]


def _checkpoint(cp: Checkpoint, pack: ClausePack) -> list[str]:
    aspect = f" [{cp.aspect}]" if cp.aspect else ""
    lines = [f"  {cp.id}{aspect} ({cp.method}): {cp.statement.en}", f"      {cp.statement.zh}"]
    return lines + describe_predicate(cp.evidence, pack, "      needs: ")


def _written(pack: ClausePack, target: str, fields: tuple[str, ...]) -> list[str]:
    """Where ``target`` was written and, in an overlay, which of its fields the overlay changed."""
    sources, lines = pack.sources, []
    if sources is not None and (at := sources.of(target)) is not None:
        lines.append(f"written at: {at}")
        changed = [f"{name} ({loc})" for name in fields if (loc := sources.patched(target, name)) is not None]
        if changed:
            lines.append(f"changed by the overlay: {', '.join(changed)}")
    if pack.lineage is not None:
        bases = " on ".join(f"{r.id} {r.version}" for r in (*reversed(pack.lineage.overlays[:-1]), pack.lineage.base))
        lines.append(f"pack: {pack.id} {pack.version}, an overlay of {bases}")
    return lines


def explain(pack: ClausePack, target: str) -> str:
    """Text explaining clause or checkpoint ``target``; raises ``KeyError`` when unknown."""
    index = pack.index
    if target in index.checkpoints:
        cp, cid = index.checkpoints[target]
        head = [f"{pack.id} checkpoint {target} of clause {cid}", *_written(pack, target, CHECKPOINT_FIELDS)]
        return "\n".join([*head, *_checkpoint(cp, pack)]) + "\n"
    placed = index.clauses[target]
    clause = placed.clause
    prov = clause.provenance
    origin = f"source: {prov.seed}" if prov.kind == "source" else f"authored under: {prov.heading}"
    lines = [
        f"{pack.id} {clause.id} — {clause.title.en} / {clause.title.zh}",
        f"provenance: {origin}{' — ' + prov.note if prov.note else ''}",
        *_written(pack, target, CLAUSE_FIELDS),
    ]
    if placed.parent:
        parent = index.clauses[placed.parent].clause
        lines.append(f"part of: {parent.id} {parent.title.en}")
    if clause.points:
        lines.append(f"points: {clause.points:g}")
    lines += pack.scoring.explain(placed)
    if clause.requirement:
        lines += ["", f"Requirement: {clause.requirement.en}", f"要求: {clause.requirement.zh}"]
    if clause.requires:
        lines += ["", "Prerequisites:"]
        lines += [f"  {r} {index.clauses[r].clause.title.en}" for r in clause.requires]
    dependants = [c for c, p in index.clauses.items() if target in p.clause.requires]
    if dependants:
        lines.append(f"Required by: {', '.join(dependants)}")
    if clause.checkpoints:
        lines += ["", "Checkpoints:"]
        for cp in clause.checkpoints:
            lines += _checkpoint(cp, pack)
    if clause.children:
        lines += ["", "Sub-clauses:"]
        lines += [f"  {c.id} {c.title.en}" for c in clause.children]
    return "\n".join(lines) + "\n"
