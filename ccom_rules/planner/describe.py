"""Actions in words: titles, what each brings to each pack, and planned evidence named."""

from __future__ import annotations

from ..i18n import Msg
from ..model.common import Text
from ..model.gaps import Gain
from ..predicates import Patch
from .keys import ActionKey, AssessorKey, EvidenceKey, PeopleKey
from .pack_state import Delta
from .state import PlanState


def type_title(plan: PlanState, etype: str) -> str:
    for pack in plan.packs.values():
        if etype in pack.index.evidence_types:
            return pack.index.evidence_types[etype].title.en
    return etype


def _type_text(plan: PlanState, etype: str) -> Text | str:
    """An evidence type's title in both languages (its id when no pack names it)."""
    for pack in plan.packs.values():
        if etype in pack.index.evidence_types:
            return pack.index.evidence_types[etype].title
    return etype


def _target_title(plan: PlanState, pack_id: str, target: str) -> Msg:
    index = plan.packs[pack_id].index
    if target in index.checkpoints:
        return Msg("word.text", text=index.checkpoints[target][0].statement)
    return Msg("word.text", text=index.clauses[target].clause.title)


def describe(plan: PlanState, key: ActionKey, patch: Patch) -> str:
    """The action's title: a message, its English text kept in the plan's JSON, said in Chinese by
    the renderers."""
    if isinstance(key, EvidenceKey):
        items = patch.evidence
        details: list[str] = []
        periods = [i.period for i in items if i.period]
        if periods:
            shown = ", ".join(periods[:8])
            details.append(
                Msg(
                    "plan.for_periods",
                    periods=Msg("list.and_more", items=shown, more=len(periods) - 8) if len(periods) > 8 else shown,
                )
            )
        metrics = sorted({f"{k} {v:g}" for i in items for k, v in i.metrics.items()})
        if metrics:
            details.append(Msg("plan.recording", metrics=", ".join(metrics)))
        if any(i.approval for i in items):
            details.append(Msg("plan.signed_off"))
        count = Msg("plan.times", count=len(items)) if len(items) > 1 else ""
        more = Msg("plan.details", details=tuple(details)) if details else ""
        return Msg("plan.provide", count=count, title=_type_text(plan, key.type), type=key.type, details=more)
    if isinstance(key, PeopleKey):
        return Msg("plan.certify", count=len(patch.people), scheme=key.scheme)
    title = _target_title(plan, key.pack, key.target)
    backed: str = ""
    if patch.evidence or patch.people:
        types = ", ".join(sorted({i.type for i in patch.evidence}))
        evidence, people = len(patch.evidence), len(patch.people)
        if types and people:
            backed = Msg("plan.backed_both", evidence=evidence, types=types, people=people)
        elif types:
            backed = Msg("plan.backed_evidence", evidence=evidence, types=types)
        elif people:
            backed = Msg("plan.backed_people", people=people)
    if isinstance(key, AssessorKey):
        return Msg("plan.close", pack=key.pack, target=key.target, title=title, backed=backed)
    return plan.packs[key.pack].scoring.describe_raise(key, title, backed)


def gains(plan: PlanState, delta: Delta) -> tuple[Gain, ...]:
    """What the action brings to each pack, in the words of the pack's scoring model."""
    out = []
    for pack_id, state in plan.states.items():
        changed = delta.units.get(pack_id, {})
        conditions = delta.held.get(pack_id, {})
        if not changed and not conditions:
            continue
        units = {cid: (plan.scored(pack_id).units[cid], unit) for cid, unit in changed.items()}
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
