"""Law of remediation plans: each action, applied in order, never lowers any outcome."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccom_rules import evaluate
from ccom_rules.model.manifest import Manifest
from ccom_rules.model.result import BandsOutcome, MaturityOutcome, PassFailOutcome, Result
from ccom_rules.planner import apply_actions, as_of, done_by, plan_remediation
from ccom_rules.requirements import parse_requirement

from ..conftest import fixture_pack

PACKS = [fixture_pack(n) for n in ("mini_pf", "mini_levels", "mini_bands")]
TYPES = sorted({t for p in PACKS for t in p.index.evidence_types})
ON = date(2026, 6, 30)


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    items = []
    for n in range(draw(st.integers(0, 40))):
        day = ON - timedelta(days=draw(st.integers(0, 500)))
        item = {"id": f"e{n}", "type": draw(st.sampled_from(TYPES)), "title": f"item {n}", "date": day.isoformat()}
        if draw(st.booleans()):
            item["approval"] = {"by": "Director", "role": "Director", "date": day.isoformat()}
        if draw(st.booleans()):
            item["metrics"] = {"service_level": draw(st.floats(0.5, 1.0))}
        items.append(item)
    findings = [
        {"pack": "mini_levels", "target": str(i), "c_rate": draw(st.sampled_from([0, 5, 10]))}
        for i in draw(st.lists(st.integers(1, 12), max_size=3, unique=True))
    ] + [
        {"pack": "mini_bands", "target": sub, "fraction": draw(st.sampled_from([0.0, 0.25, 0.5]))}
        for sub in draw(st.lists(st.sampled_from(["1.1", "1.2", "2.1"]), max_size=2, unique=True))
    ]
    return Manifest.model_validate(
        {
            "organisation": {
                "name": "Generated",
                "sourcing": "in_house",
                "industry": "x",
                "operations_began": draw(st.sampled_from(["2018-01-01", "2023-06-01", "2025-09-01"])),
                "seats": 10,
            },
            "assessment": {"date": ON.isoformat(), "precedence": draw(st.sampled_from(["assessor", "stricter"]))},
            "evidence": items,
            "people": [
                {"name": f"P{i}", "certificates": [{"scheme": "CEL", "number": f"C{i}", "issued": "2024-01-01"}]}
                for i in range(draw(st.integers(0, 2)))
            ],
            "findings": findings,
            "certified_levels": [{"pack": "mini_levels", "level": draw(st.integers(0, 3)), "date": "2025-01-01"}],
        }
    )


def _outcomes(result: Result) -> tuple[int, ...]:
    out: list[int] = []
    for pack in result.packs:
        o = pack.outcome
        if isinstance(o, PassFailOutcome):
            out += [int(o.passed), -len(o.nonconformities)]
        elif isinstance(o, MaturityOutcome):
            out += [o.level, o.certifiable_level, o.total]
        elif isinstance(o, BandsOutcome):
            out += [o.score]
    return tuple(out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests(), st.sampled_from([(), ("mini_bands:81",), ("mini_levels:L1", "mini_pf:pass")]))
def test_every_plan_action_never_lowers_an_outcome(manifest: Manifest, targets: tuple[str, ...]) -> None:
    plan = plan_remediation(PACKS, manifest, targets)
    previous = _outcomes(evaluate(PACKS, manifest))
    for n in range(1, len(plan.actions) + 1):
        current = _outcomes(evaluate(PACKS, apply_actions(manifest, plan.actions[:n])))
        assert all(c >= p for c, p in zip(current, previous)), (plan.actions[n - 1].title, previous, current)
        previous = current
    for status in plan.targets:  # a target is either reached or blocked for a stated reason
        assert status.reached or not status.reason.startswith("not reached"), status
    now = manifest.assessment.date
    # no record is planned for a period that has gone, and no action is dated before now
    assert all(i.date >= now for a in plan.actions for i in a.evidence)
    assert all(a.earliest is not None and a.earliest >= now for a in plan.actions)
    for status in plan.targets:  # a reached target is met as of its date, by the actions done by then
        if status.reached:
            assert status.earliest is not None
            dated = evaluate(PACKS, apply_actions(as_of(manifest, status.earliest), done_by(plan.actions, status.earliest)))
            req = parse_requirement(status.target)
            assert req.check(dated.pack(req.pack))[0], status
