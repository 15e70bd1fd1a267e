"""Compiled predicates (``ccom_rules.predicates.run``) say what the predicates' definitions say.

Each predicate's meaning is written out here plainly, as it reads in ``docs/pack-format.md``
(every item looked at, every window counted), and compared with what ``Predicate.evaluate``
returns on random evidence: satisfied, degree, reasons (and what they say in Chinese), evidence,
decided."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccom_rules.i18n import EvidenceType, Msg, say
from ccom_rules.model.common import ordinal_of_date, period_label
from ccom_rules.model.manifest import Manifest
from ccom_rules.predicates import AllOf, AnyOf, Approved, AtLeast, Continuous, Facts, Fresh, Metric, Outcome, Present
from ccom_rules.predicates.series import DEFAULT_WINDOW_DAYS, window_ends

ON = date(2026, 7, 20)
TYPES = ("kpi_report", "drill_record")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ONE, HALF, ZERO = Fraction(1), Fraction(1, 2), Fraction(0)


def _out(
    satisfied: bool, degree: Fraction, reasons: tuple[str, ...], evidence: tuple[str, ...] = (), decided: bool = True
) -> Outcome:
    return Outcome(satisfied, degree, reasons, evidence, decided)


def present(p: Present, facts: Facts) -> Outcome:
    items = facts.items(p.type)
    etype, ids = EvidenceType(p.type), tuple(i.id for i in items)
    if len(items) >= p.min_count:
        return _out(True, ONE, (Msg("present.ok", count=len(items), type=etype, min=p.min_count),), ids)
    reason = Msg("present.short", count=len(items), min=p.min_count, type=etype)
    return _out(False, Fraction(len(items), p.min_count), (reason,), ids)


def fresh(p: Fresh, facts: Facts) -> Outcome:
    items = facts.items(p.type)
    if not items:
        return _out(False, ZERO, (Msg("evidence.none", type=EvidenceType(p.type)),))
    newest = max(items, key=lambda i: (i.date, i.id))
    said = {"type": EvidenceType(p.type), "item": newest.id, "date": newest.date, "days": p.max_age_days}
    if newest.date >= facts.on - timedelta(days=p.max_age_days):
        return _out(True, ONE, (Msg("fresh.ok", **said),), (newest.id,))
    return _out(False, HALF, (Msg("fresh.stale", **said),), (newest.id,))


def approved(p: Approved, facts: Facts) -> Outcome:
    items = facts.items(p.type)
    signed = [
        i
        for i in items
        if i.approval is not None
        and i.approval.date <= facts.on
        and (p.role is None or i.approval.role.casefold() == p.role.casefold())
    ]
    role = {"role": p.role} if p.role else {}
    suffix = "_role" if p.role else ""
    etype = EvidenceType(p.type)
    if signed:
        item = signed[-1]
        assert item.approval is not None
        reason = Msg("approved.ok" + suffix, type=etype, item=item.id, by=item.approval.by, date=item.approval.date, **role)
        return _out(True, ONE, (reason,), (item.id,))
    if items:
        return _out(False, HALF, (Msg("approved.unsigned" + suffix, type=etype, **role),), tuple(i.id for i in items))
    return _out(False, ZERO, (Msg("approved.none" + suffix, type=etype, **role),))


def metric(p: Metric, facts: Facts) -> Outcome:
    items = facts.items(p.type)
    if p.max_age_days is not None:
        items = tuple(i for i in items if i.date >= facts.on - timedelta(days=p.max_age_days))
    recorded = [i for i in items if p.metric in i.metrics]
    if p.min is not None and p.max is not None:
        wanted = Msg("metric.between", min=p.min, max=p.max)
    else:
        wanted = Msg("metric.min", min=p.min) if p.min is not None else Msg("metric.max", max=p.max)
    good = [
        i for i in recorded if (p.min is None or i.metrics[p.metric] >= p.min) and (p.max is None or i.metrics[p.metric] <= p.max)
    ]
    if good:
        item = good[-1]
        reason = Msg("metric.ok", metric=p.metric, value=item.metrics[p.metric], item=item.id, wanted=wanted)
        return _out(True, ONE, (reason,), (item.id,))
    if recorded:
        item = recorded[-1]
        return _out(
            False,
            ZERO,
            (Msg("metric.off", metric=p.metric, value=item.metrics[p.metric], item=item.id, wanted=wanted),),
            (item.id,),
        )
    etype = EvidenceType(p.type)
    if p.max_age_days is not None:
        return _out(False, ZERO, (Msg("metric.none_within", type=etype, days=p.max_age_days, metric=p.metric),))
    return _out(False, ZERO, (Msg("metric.none", type=etype, metric=p.metric),))


def continuous(p: Continuous, facts: Facts) -> Outcome:
    covered = facts.covered(p.type, p.period)
    window = p.window_days if p.window_days is not None else DEFAULT_WINDOW_DAYS[p.period]
    ends = window_ends(p.period, window, facts.on)
    counts = [[o for o in range(end - p.count + 1, end + 1) if o in covered] for end in ends]
    most = max(len(c) for c in counts)
    at = next(n for n, c in enumerate(counts) if len(c) == most)  # the latest of the best
    end, present_ = ends[at], counts[at]
    used = tuple(covered[o] for o in present_)
    series = {"count": p.count, "period": Msg(f"series.{p.period}"), "type": EvidenceType(p.type)}
    label = period_label(p.period, end)
    if len(present_) == p.count:
        return _out(True, ONE, (Msg("series.ok", end=label, **series),), used)
    missing = [period_label(p.period, o) for o in range(end - p.count + 1, end + 1) if o not in present_]
    shown: str = ", ".join(missing[:6])
    if len(missing) > 6:
        shown = Msg("list.and_more", items=shown, more=len(missing) - 6)
    return _out(
        False,
        Fraction(len(present_), p.count),
        (Msg("series.short", best=len(present_), end=label, missing=shown, **series),),
        used,
    )


LEAVES = {"present": present, "fresh": fresh, "approved": approved, "metric": metric, "continuous": continuous}


def reference(p: Any, facts: Facts) -> Outcome:
    if p.kind in LEAVES:
        return LEAVES[p.kind](p, facts)
    outs = [reference(sub, facts) for sub in p.of]
    reasons = tuple(r for o in outs for r in o.reasons)
    evidence = tuple(dict.fromkeys(e for o in outs for e in o.evidence))
    if p.kind == "all_of":
        if all(o.satisfied for o in outs):
            return _out(True, ONE, reasons, evidence)
        undecided = all(o.satisfied or not o.decided for o in outs)
        return _out(False, sum((o.degree for o in outs), ZERO) / len(outs), reasons, evidence, not undecided)
    if p.kind == "any_of":
        winners = [o for o in outs if o.satisfied]
        if winners:
            return _out(True, ONE, winners[0].reasons, tuple(dict.fromkeys(winners[0].evidence)))
        undecided = any(not o.decided for o in outs)
        return _out(False, max(o.degree for o in outs), (Msg("logic.none_of", reasons=reasons),), evidence, not undecided)
    held = sum(1 for o in outs if o.satisfied)
    if held >= p.k:
        return _out(True, ONE, (Msg("logic.at_least_ok", held=held, total=len(outs), k=p.k), *reasons), evidence)
    top = sorted((o.degree for o in outs), reverse=True)[: p.k]
    undecided = held + sum(1 for o in outs if not o.decided) >= p.k
    return _out(
        False,
        sum(top, ZERO) / p.k,
        (Msg("logic.at_least_short", held=held, total=len(outs), k=p.k), *reasons),
        evidence,
        not undecided,
    )


types = st.sampled_from(TYPES)
leaf = st.one_of(
    st.builds(Present, type=types, min_count=st.integers(1, 6)),
    st.builds(Fresh, type=types, max_age_days=st.integers(0, 800)),
    st.builds(Approved, type=types, role=st.sampled_from((None, "Director", "manager"))),
    st.tuples(
        types,
        st.sampled_from(("service_level", "aht")),
        st.sampled_from(((0.0, None), (0.5, None), (0.8, None), (None, 0.9), (None, 0.0), (0.5, 0.9))),
        st.sampled_from((None, 30, 200)),
    ).map(lambda t: Metric(type=t[0], metric=t[1], min=t[2][0], max=t[2][1], max_age_days=t[3])),
    st.builds(
        Continuous,
        type=types,
        period=st.sampled_from(("month", "quarter", "year")),
        count=st.integers(1, 14),
        window_days=st.sampled_from((None, 10, 95, 400)),
    ),
)
predicate = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda of: AllOf(of=of)),
        st.lists(inner, min_size=1, max_size=3).map(lambda of: AnyOf(of=of)),
        st.lists(inner, min_size=1, max_size=3).flatmap(lambda of: st.integers(1, len(of)).map(lambda k: AtLeast(k=k, of=of))),
    ),
    max_leaves=4,
)


@st.composite
def item(draw: st.DrawFn, n: int) -> dict[str, Any]:
    day = ON + timedelta(days=draw(st.integers(-900, 20)))
    data: dict[str, Any] = {"id": f"ev-{draw(st.integers(0, 30))}-{n}", "type": draw(types), "title": "t", "date": day}
    period = draw(st.sampled_from((None, "month", "quarter", "year")))
    if period is not None:
        data["period"] = period_label(period, ordinal_of_date(period, day - timedelta(days=draw(st.integers(0, 60)))))
    if draw(st.booleans()):
        data["approval"] = {
            "by": "Li Na",
            "role": draw(st.sampled_from(("Director", "Manager", ""))),
            "date": day + timedelta(days=draw(st.integers(-5, 40))),
        }
    values = st.sampled_from((0.0, -0.0, 0.5, 0.79, 0.8, 0.95, 1.0))
    data["metrics"] = draw(st.dictionaries(st.sampled_from(("service_level", "aht")), values, max_size=2))
    if draw(st.booleans()):
        data["type"] = "kpi_report"  # more items of one type: longer series, more to choose from
    return data


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    items = [draw(item(n)) for n in range(draw(st.integers(0, 25)))]
    manifest = Manifest.model_validate(
        {
            "organisation": {
                "name": "X",
                "sourcing": "in_house",
                "industry": "banking",
                "operations_began": "2015-01-01",
                "seats": 10,
            },
            "assessment": {"date": ON},
            "evidence": items,
        }
    )
    return Facts.of(manifest)


def _same(pred: Any, seen: Facts) -> None:
    for _ in range(2):  # the second time through the messages already made
        got, expected = pred.evaluate(seen), reference(pred, seen)
        assert got == expected
        assert [say(r, "zh") for r in got.reasons] == [say(r, "zh") for r in expected.reasons]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pred=leaf, seen=facts())
def test_compiled_leaves_say_what_the_definitions_say(pred: Any, seen: Facts) -> None:
    _same(pred, seen)


@SETTINGS
@given(pred=predicate, seen=facts())
def test_compiled_combinators_say_what_the_definitions_say(pred: Any, seen: Facts) -> None:
    _same(pred, seen)
