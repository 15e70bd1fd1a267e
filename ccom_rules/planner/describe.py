"""Actions in words: titles, what each brings to each pack, and planned evidence named."""

from __future__ import annotations

from ..model.gaps import Gain
from ..predicates import Patch
from .keys import ActionKey, AssessorKey, EvidenceKey, PeopleKey
from .state import Delta, PlanState


def type_title(plan: PlanState, etype: str) -> str:
    for pack in plan.packs.values():
        if etype in pack.index.evidence_types:
            return pack.index.evidence_types[etype].title.en
    return etype


def _target_title(plan: PlanState, pack_id: str, target: str) -> str:
    index = plan.packs[pack_id].index
    if target in index.checkpoints:
        return index.checkpoints[target][0].statement.en
    return index.clauses[target].clause.title.en


def describe(plan: PlanState, key: ActionKey, patch: Patch) -> str:
    """The action's title."""
    if isinstance(key, EvidenceKey):
        items = patch.evidence
        details = []
        periods = [i.period for i in items if i.period]
        if periods:
            details.append("for " + ", ".join(periods[:8]) + (f" and {len(periods) - 8} more" if len(periods) > 8 else ""))
        metrics = sorted({f"{k} {v:g}" for i in items for k, v in i.metrics.items()})
        if metrics:
            details.append("recording " + ", ".join(metrics))
        if any(i.approval for i in items):
            details.append("signed off")
        count = f"{len(items)} × " if len(items) > 1 else ""
        return f"Provide {count}{type_title(plan, key.type)} [{key.type}]" + (f" ({'; '.join(details)})" if details else "")
    if isinstance(key, PeopleKey):
        return f"Certify {len(patch.people)} more {key.scheme} holder(s) with distinct certificate numbers"
    title = _target_title(plan, key.pack, key.target)
    backed = ""
    if patch.evidence or patch.people:
        types = sorted({i.type for i in patch.evidence})
        backed = f", backed by {len(patch.evidence)} evidence item(s) ({', '.join(types)})" if types else ""
        if patch.people:
            backed += f"{',' if backed else ', backed by'} {len(patch.people)} certified person(s)"
    if isinstance(key, AssessorKey):
        return f"Close {key.pack} {key.target} ({title}) and have the assessor confirm it{backed}"
    return plan.packs[key.pack].scoring.describe_raise(key, title, backed)


def gains(plan: PlanState, delta: Delta) -> tuple[Gain, ...]:
    """What the action brings to each pack, in the words of the pack's scoring model."""
    out = []
    for pack_id, state in plan.states.items():
        changed = delta.units.get(pack_id, {})
        conditions = delta.held.get(pack_id, {})
        if not changed and not conditions:
            continue
        units = {cid: (state.units[cid], unit) for cid, unit in changed.items()}
        before, after = plan.tally(pack_id, None), plan.tally(pack_id, delta)
        words = state.pack.scoring.gain(state.pack.index, before, after, units, conditions)
        if words is not None:
            out.append(Gain(pack=pack_id, summary=words.summary, closes=words.closes, points=words.points))
    return tuple(out)


def number(plan: PlanState, patch: Patch, start: int) -> Patch:
    """Planned evidence given ids ``planned-NNN-TYPE`` from ``start`` + 1, and titles of their own."""
    items = tuple(
        item.model_copy(
            update={"id": f"planned-{start + n:03d}-{item.type}", "title": f"{type_title(plan, item.type)} (planned)"}
        )
        for n, item in enumerate(patch.evidence, 1)
    )
    return Patch(items, patch.people)
