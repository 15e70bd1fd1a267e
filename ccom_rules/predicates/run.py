"""Predicates compiled into functions of the facts: what ``Predicate.evaluate`` runs.

A predicate's parameters never change (the models are frozen), so everything that depends on them
alone is worked out once, when the predicate is first evaluated in this process: its evidence type
as a message parameter, its age limit as a ``timedelta``, the messages that never change (“no
drill_record”), makers of those that do (:func:`ccom_rules.i18n.reasons`), its sub-predicates'
functions. What remains for each evaluation is reading the facts, deciding, and picking the words.

A function is kept beside its predicate object while that object lives (:func:`runner`); the
functions hold the parameters they need, never the predicate itself. The compound predicates are
compiled here, those reading the facts in ``run_evidence``; what a compiled predicate keeps between
evaluations is in ``last``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from operator import is_
from typing import TYPE_CHECKING, Any

from ..i18n import Msg
from ..sidetable import SideTable
from .base import HALF, ONE, ZERO, Facts, Outcome, made, ratio
from .last import Last as Last, Memo as Memo, Run as Run, forget_outcomes as forget_outcomes
from .run_evidence import READING

if TYPE_CHECKING:
    from . import Predicate

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
    **READING,
    "assessor_check": _assessor_check,
    "all_of": _all_of,
    "any_of": _any_of,
    "at_least": _at_least,
}

_SELF_KEPT = frozenset({"present", "assessor_check"})
"""The kinds whose compiled function already gives its last outcome again whenever the next would be
equal to it: 'present' reads nothing but the item ids its outcome names, 'assessor_check' gives one
outcome always. The others are wrapped (:func:`given_again`)."""
