"""Predicates compiled into functions of the facts: what ``Predicate.evaluate`` runs.

A predicate's parameters never change (the models are frozen), so everything that depends on them
alone is worked out once, when the predicate is first evaluated in this process: its evidence type
as a message parameter, its age limit as a ``timedelta``, the messages that never change (“no
drill_record”), makers of those that do (:func:`ccom_rules.i18n.reasons`), its sub-predicates'
functions. What remains for each evaluation is reading the facts, deciding, and picking the words.

A function is kept beside its predicate object while that object lives (:func:`runner`); the
functions hold the parameters they need, never the predicate itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import timedelta
from fractions import Fraction
from operator import is_
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from weakref import WeakSet

from ..i18n import Msg, reasons
from ..model.common import period_label
from ..sidetable import SideTable
from .base import HALF, ONE, ZERO, Facts, Outcome, evidence_type, made, ratio

if TYPE_CHECKING:
    from . import Predicate

Memo = dict[str, Outcome]
"""Outcomes of one evaluation by predicate (its canonical JSON): a predicate asked by several
checkpoints, packs or compound predicates is evaluated once per evaluation."""


class Run(Protocol):
    """A compiled predicate: its outcome on ``facts``; a compound one looks its parts up in (and
    adds them to) ``memo`` when given."""

    def __call__(self, facts: Facts, memo: Memo | None = None, /) -> Outcome: ...


_RUNNERS = SideTable()
_KEYS = SideTable()


def key_of(pred: Predicate) -> str:
    """The predicate's canonical JSON (``model_dump_json``): parts asking the same thing share one
    outcome in an evaluation's memo. Known beforehand for a compiled pack's parts (:func:`known_keys`)."""
    key: str = _KEYS.get(pred, pred.model_dump_json)
    return key


def known_keys(pairs: Iterable[tuple[Predicate, str]]) -> None:
    """Remember the keys of these predicates (worked out when their pack was compiled)."""
    for pred, key in pairs:
        _KEYS.get(pred, _given(key))


def _given(key: str) -> Callable[[], str]:
    return lambda: key


def runner(pred: Predicate) -> Run:
    """``pred.evaluate`` as a function of the facts, compiled once per predicate object; it gives
    again its last outcome when the next one is equal to it (see :func:`as_before`), so whoever
    asks it (the engine, a compound predicate, the planner) knows an unchanged outcome by identity."""
    run: Run = _RUNNERS.get(pred, lambda: _compiled(pred.kind, pred))
    return run


def _compiled(kind: str, pred: Predicate) -> Run:
    run = _COMPILERS[kind](pred)
    return run if kind in _SELF_KEPT else given_again(run)


def given_again(run: Run) -> Run:
    """``run`` giving its last outcome again when the next is equal to it (:func:`as_before`). Its
    :class:`Last` box holds the outcome ``run`` gave last and the one given for it: a ``run`` whose
    own box gives that very outcome again (its inputs unchanged) costs one identity check."""
    last: Last[tuple[Outcome, Outcome]] = Last()

    def again(facts: Facts, memo: Memo | None = None) -> Outcome:
        out = run(facts, memo)
        kept = last.value
        if kept is not None and out is kept[0]:
            return kept[1]
        given = as_before(None if kept is None else kept[1], out)
        last.value = (out, given)
        return given

    return again


def same_words(kept: tuple[str, ...], reasons: tuple[str, ...]) -> bool:
    """Whether ``reasons``, equal to ``kept`` as texts, also say the same in every language: the
    very same messages (a plain string is data, only its text)."""
    return all(a is b or (type(a) is str and type(b) is str) for a, b in zip(kept, reasons))


def as_before(kept: Outcome | None, out: Outcome) -> Outcome:
    """``kept`` when ``out`` is equal to it and its reasons are the very same messages (see
    :func:`same_words`), else ``out``: outcomes are immutable, so one equal to the last one made
    is that one, and whatever was decided from the last one (the checkpoints asking it, the
    compound predicates it is a part of) is known to be the same by identity."""
    if kept is not None and kept == out and (kept.reasons is out.reasons or same_words(kept.reasons, out.reasons)):
        return kept
    return out


T = TypeVar("T")


class Last(Generic[T]):
    """What a compiled predicate worked out last (its inputs and outcome, one value replaced whole),
    to give again when the next inputs are equal; every one made can be let go of at once
    (:func:`forget_outcomes`)."""

    __slots__ = ("value", "__weakref__")

    def __init__(self) -> None:
        self.value: T | None = None
        _LASTS.add(self)


_LASTS: WeakSet[Last[Any]] = WeakSet()


def forget_outcomes() -> None:
    """Let go of every compiled predicate's last outcome: the next evaluation works all out anew."""
    for last in list(_LASTS):
        last.value = None


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
    from .series import DEFAULT_WINDOW_DAYS, _period_word, best_run, window_ends

    etype, period, count = pred.type, pred.period, pred.count
    window = pred.window_days if pred.window_days is not None else DEFAULT_WINDOW_DAYS[period]
    series = {"count": count, "period": _period_word(period), "type": evidence_type(etype)}
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


# --- logic -----------------------------------------------------------------------------------


def _assessor_check(pred: Any) -> Run:
    # The same whatever the facts: made once.
    fixed = made(Outcome, (False, ZERO, (Msg("assessor.needed", guide=pred.guide),), (), False))

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        return fixed

    return run


def _join(outs: list[Outcome]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    reasons = tuple([r for o in outs for r in o.reasons])
    evidence = tuple(dict.fromkeys([e for o in outs for e in o.evidence]))
    return reasons, evidence


def mean_degree(degrees: list[Fraction]) -> Fraction:
    """``sum(degrees) / len(degrees)``, exactly; degrees of whole and half counts (the common
    case) added as integers."""
    halves = 0
    for degree in degrees:
        if degree is ONE:
            halves += 2
        elif degree is HALF:
            halves += 1
        elif degree is not ZERO:
            return sum(degrees, ZERO) / len(degrees)
    return ratio(halves, 2 * len(degrees))


def _parts(pred: Any) -> Callable[[Facts, Memo | None], list[Outcome]]:
    """The outcomes of a compound predicate's parts, in order (looked up in, and added to, the
    evaluation's memo when given)."""
    subs = tuple(runner(p) for p in pred.of)
    keyed = tuple((key_of(p), sub) for p, sub in zip(pred.of, subs))

    def parts(facts: Facts, memo: Memo | None) -> list[Outcome]:
        if memo is None:
            return [sub(facts) for sub in subs]
        outs = []
        for key, sub in keyed:
            out = memo.get(key)
            if out is None:
                out = memo[key] = sub(facts, memo)
            outs.append(out)
        return outs

    return parts


def _compound(pred: Any, decide: Callable[[list[Outcome]], Outcome]) -> Run:
    """A compound predicate's function: ``decide`` of its parts' outcomes; the outcome decided last
    time when the parts' outcomes are the very same objects (each part's :func:`runner` gives an
    unchanged outcome again)."""
    parts = _parts(pred)
    last: Last[tuple[list[Outcome], Outcome]] = Last()  # the parts' outcomes, the outcome decided from them

    def run(facts: Facts, memo: Memo | None = None) -> Outcome:
        outs = parts(facts, memo)
        kept = last.value
        if kept is not None and all(map(is_, outs, kept[0])):
            return kept[1]
        out = decide(outs)
        last.value = (outs, out)
        return out

    return run


def _all_of(pred: Any) -> Run:
    def decide(outs: list[Outcome]) -> Outcome:
        reasons, evidence = _join(outs)
        held = settled = True  # every part holds; no part the evidence fails
        for o in outs:
            if not o.satisfied:
                held = False
                if o.decided:
                    settled = False
                    break
        if held:
            return made(Outcome, (True, ONE, reasons, evidence, True))
        # Only an assessor can decide when what remains open is theirs; a part the evidence
        # already fails settles it (so a finding cannot lift it under the stricter precedence).
        return made(Outcome, (False, mean_degree([o.degree for o in outs]), reasons, evidence, not settled))

    return _compound(pred, decide)


def _any_of(pred: Any) -> Run:
    def decide(outs: list[Outcome]) -> Outcome:
        for o in outs:
            if o.satisfied:
                return made(Outcome, (True, ONE, o.reasons, tuple(dict.fromkeys(o.evidence)), True))
        reasons, evidence = _join(outs)
        undecided = any(not o.decided for o in outs)
        return made(
            Outcome, (False, max(o.degree for o in outs), (Msg("logic.none_of", reasons=reasons),), evidence, not undecided)
        )

    return _compound(pred, decide)


def _at_least(pred: Any) -> Run:
    k = pred.k

    def decide(outs: list[Outcome]) -> Outcome:
        held = sum(1 for o in outs if o.satisfied)
        reasons, evidence = _join(outs)
        if held >= k:
            return made(
                Outcome, (True, ONE, (Msg("logic.at_least_ok", held=held, total=len(outs), k=k), *reasons), evidence, True)
            )
        top = sorted((o.degree for o in outs), reverse=True)[:k]
        undecided = held + sum(1 for o in outs if not o.decided) >= k  # an assessor could still make it hold
        return made(
            Outcome,
            (
                False,
                sum(top, ZERO) / k,
                (Msg("logic.at_least_short", held=held, total=len(outs), k=k), *reasons),
                evidence,
                not undecided,
            ),
        )

    return _compound(pred, decide)


_COMPILERS: dict[str, Callable[[Any], Run]] = {
    "present": _present,
    "fresh": _fresh,
    "approved": _approved,
    "metric": _metric,
    "continuous": _continuous,
    "certified_people": _certified_people,
    "assessor_check": _assessor_check,
    "all_of": _all_of,
    "any_of": _any_of,
    "at_least": _at_least,
}
_SELF_KEPT = frozenset({"present", "assessor_check"})
"""The kinds whose compiled function already gives its last outcome again whenever the next would be
equal to it: 'present' reads nothing but the item ids its outcome names, 'assessor_check' gives one
outcome always. The others are wrapped (:func:`given_again`)."""
