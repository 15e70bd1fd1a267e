"""The predicates that read evidence, series of periods and people, compiled into functions of the
facts (``ccom_rules.predicates.run`` compiles the compound ones and keeps the table of them all)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import timedelta
from fractions import Fraction
from typing import Any

from ..i18n import Msg, reasons
from ..model.common import period_label
from .base import HALF, ONE, ZERO, Facts, Outcome, evidence_type, made, ratio
from .last import Last, Memo, Run


# --- evidence --------------------------------------------------------------------------------


def _present(pred: Any) -> Run:
    etype, need = pred.type, pred.min_count
    said = evidence_type(etype)
    ok = reasons("present.ok", ("count",), type=said, min=need)
    short = reasons("present.short", ("count",), min=need, type=said)
    ids_key = ("ids", etype)  # Facts.ids's own memo key
    last: Last[tuple[tuple[str, ...], Outcome]] = Last()

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        ids = facts.memo.get(ids_key)
        if ids is None:
            ids = facts.ids(etype)
        kept = last.value
        if kept is not None and kept[0] == ids:  # the outcome reads nothing else
            return kept[1]
        count = len(ids)
        if count >= need:
            out = made(Outcome, (True, ONE, ok(count), ids, True))
        else:
            out = made(Outcome, (False, ratio(count, need), short(count), ids, True))
        last.value = (ids, out)
        return out

    return run


def _fresh(pred: Any) -> Run:
    etype, days = pred.type, pred.max_age_days
    said, age = evidence_type(etype), timedelta(days=days)
    none = (Msg("evidence.none", type=said),)
    ok = reasons("fresh.ok", ("item", "date"), type=said, days=days)
    stale = reasons("fresh.stale", ("item", "date"), type=said, days=days)

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        found = facts.by_type.get(etype)
        if not found:
            return made(Outcome, (False, ZERO, none, (), True))
        newest = found[-1]  # sorted by (date, id): the last is the newest
        if newest.date >= facts.on - age:
            return made(Outcome, (True, ONE, ok(newest.id, newest.date), (newest.id,), True))
        return made(Outcome, (False, HALF, stale(newest.id, newest.date), (newest.id,), True))

    return run


def _approved(pred: Any) -> Run:
    etype, role = pred.type, pred.role
    wanted = None if role is None else role.casefold()
    said = evidence_type(etype)
    suffix, named = ("_role", {"role": role}) if role else ("", {})
    ok = reasons("approved.ok" + suffix, ("item", "by", "date"), type=said, **named)
    unsigned = (Msg("approved.unsigned" + suffix, type=said, **named),)
    none = (Msg("approved.none" + suffix, type=said, **named),)

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        found = facts.by_type.get(etype, ())
        on = facts.on
        for item in reversed(found):  # the latest sign-off
            approval = item.approval
            if approval is not None and approval.date <= on and (wanted is None or approval.role.casefold() == wanted):
                return made(Outcome, (True, ONE, ok(item.id, approval.by, approval.date), (item.id,), True))
        if found:
            return made(Outcome, (False, HALF, unsigned, facts.ids(etype), True))
        return made(Outcome, (False, ZERO, none, (), True))

    return run


def _metric(pred: Any) -> Run:
    etype, metric, low, high, days = pred.type, pred.metric, pred.min, pred.max, pred.max_age_days
    if low is not None and high is not None:
        wanted = Msg("metric.between", min=low, max=high)
    else:
        wanted = Msg("metric.min", min=low) if low is not None else Msg("metric.max", max=high)
    said = evidence_type(etype)
    if days is None:
        none = (Msg("metric.none", type=said, metric=metric),)
    else:
        none = (Msg("metric.none_within", type=said, days=days, metric=metric),)
    age = timedelta(days=days or 0)
    made_for: dict[tuple[str, str, float], tuple[Msg]] = {}

    def reason(msg_id: str, item: str, value: float) -> tuple[Msg]:
        """``(Msg(msg_id, metric=…, value=value, item=item, wanted=…),)``, one per (id, item, value)."""
        if not value:  # 0.0 and -0.0 are equal but read apart
            return (Msg(msg_id, metric=metric, value=value, item=item, wanted=wanted),)
        key = (msg_id, item, value)
        found = made_for.get(key)
        if found is None:
            if len(made_for) >= 4_096:
                made_for.clear()
            found = made_for[key] = (Msg(msg_id, metric=metric, value=value, item=item, wanted=wanted),)
        return found

    recorded_key = ("recorded", etype, metric)  # Facts.recorded's own memo key

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        found = facts.memo.get(recorded_key)
        dates, values, ids = found if found is not None else facts.recorded(etype, metric)
        first = 0 if days is None else bisect_left(dates, facts.on - age)  # in date order: the recent ones
        for at in reversed(range(first, len(values))):  # the best qualifying value: any that meets the bounds
            value = values[at]
            if (low is None or value >= low) and (high is None or value <= high):
                return made(Outcome, (True, ONE, reason("metric.ok", ids[at], value), (ids[at],), True))
        if first < len(values):
            return made(Outcome, (False, ZERO, reason("metric.off", ids[-1], values[-1]), (ids[-1],), True))
        return made(Outcome, (False, ZERO, none, (), True))

    return run


# --- series ----------------------------------------------------------------------------------


def _continuous(pred: Any) -> Run:
    from .series import DEFAULT_WINDOW_DAYS, period_word, best_run, window_ends

    etype, period, count = pred.type, pred.period, pred.count
    window = pred.window_days if pred.window_days is not None else DEFAULT_WINDOW_DAYS[period]
    series = {"count": count, "period": period_word(period), "type": evidence_type(etype)}
    runs_key = ("runs", etype, period)  # Facts.runs's own memo key
    dated: list[tuple[Any, tuple[int, ...]]] = [(None, ())]  # the assessment date last seen, with its window ends
    ended: dict[int, tuple[Msg]] = {}
    said: dict[tuple[int, tuple[int, ...]], tuple[Msg]] = {}

    def ok(end: int) -> tuple[Msg]:
        """The reasons of a complete run ending at ``end``, made once per ``end``."""
        found = ended.get(end)
        if found is None:
            if len(ended) >= 4_096:
                ended.clear()
            found = ended[end] = (Msg("series.ok", end=period_label(period, end), **series),)
        return found

    def short(end: int, present: list[int]) -> tuple[Msg]:
        """The shortfall's reasons, made once per (last period, periods present)."""
        key = (end, tuple(present))
        found = said.get(key)
        if found is None:
            held = set(present)
            missing = [period_label(period, o) for o in range(end - count + 1, end + 1) if o not in held]
            shown: str = ", ".join(missing[:6])
            if len(missing) > 6:
                shown = Msg("list.and_more", items=shown, more=len(missing) - 6)
            end_label = period_label(period, end)
            if len(said) >= 4_096:
                said.clear()
            found = said[key] = (Msg("series.short", best=len(present), end=end_label, missing=shown, **series),)
        return found

    last: Last[tuple[tuple[int, ...], list[int], tuple[str, ...], Outcome]] = Last()  # ends, periods, ids, outcome

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        found = facts.memo.get(runs_key)
        ordinals, ids = found if found is not None else facts.runs(etype, period)
        on, ends = dated[0]
        if on is not facts.on:
            on, ends = dated[0] = facts.on, window_ends(period, window, facts.on)
        kept = last.value
        if kept is not None and kept[0] == ends and kept[1] == ordinals and kept[2] == ids:  # all the outcome reads
            return kept[3]
        out = decide(ordinals, ids, ends)
        last.value = (ends, ordinals, ids, out)
        return out

    def decide(ordinals: list[int], ids: tuple[str, ...], ends: tuple[int, ...]) -> Outcome:
        best_end = ends[0]  # the latest window first (best_run's first step, inline: it mostly holds)
        start, stop = bisect_left(ordinals, best_end - count + 1), bisect_right(ordinals, best_end)
        if stop - start == count:
            return made(Outcome, (True, ONE, ok(best_end), ids[start:stop], True))
        best_end, start, stop = best_run(ordinals, ends, count)
        if stop - start == count:
            return made(Outcome, (True, ONE, ok(best_end), ids[start:stop], True))
        held = ratio(stop - start, count)
        return made(Outcome, (False, held, short(best_end, ordinals[start:stop]), ids[start:stop], True))

    return run


# --- people ----------------------------------------------------------------------------------


def _certified_people(pred: Any) -> Run:
    from .people import certificate_holders

    scheme, role, need = pred.scheme, pred.role, pred.min_count
    who = Msg("people.role", role=role) if role else ""

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        numbers, expired = certificate_holders(facts, scheme, role)
        holders = ", ".join(f"{name} ({number})" for number, name in sorted(numbers.items()))
        note = Msg("people.expired", count=expired, on=facts.on) if expired else ""
        if len(numbers) >= need:
            reason = Msg("people.ok", count=len(numbers), who=who, scheme=scheme, holders=holders)
            return made(Outcome, (True, ONE, (reason,), (), True))
        listed = Msg("people.listed", holders=holders) if holders else ""
        reason = Msg("people.short", count=len(numbers), min=need, who=who, scheme=scheme, listed=listed, note=note)
        return made(Outcome, (False, Fraction(len(numbers), need), (reason,), (), True))

    return run


READING: dict[str, Callable[[Any], Run]] = {
    "present": _present,
    "fresh": _fresh,
    "approved": _approved,
    "metric": _metric,
    "continuous": _continuous,
    "certified_people": _certified_people,
}
"""The compilers of the predicates reading the facts, by kind."""
