"""Remediation plans really reach their targets: apply the actions, re-evaluate, check."""

from __future__ import annotations

from datetime import date

import pytest

from ccom_rules import evaluate, load_manifest
from ccom_rules.model.manifest import Finding
from ccom_rules.planner import apply_actions, as_of, done_by, plan_remediation
from ccom_rules.requirements import parse_requirement

from ..conftest import CASES, EXAMPLES, fixture_pack, real_packs

FIXTURES = ("mini_pf", "mini_levels", "mini_bands")
START = CASES / "gaps" / "root_and_blocked" / "manifest.yaml"
START_DATE = date(2026, 6, 30)


def _reaches(packs, manifest, targets):  # type: ignore[no-untyped-def]
    """Each target is met by re-evaluating, as of its earliest date, with the actions complete by then."""
    plan = plan_remediation(packs, manifest, targets)
    for target in targets:
        req = parse_requirement(target)
        status = next(s for s in plan.targets if s.target == target)
        assert status.earliest is not None and status.earliest >= manifest.assessment.date
        result = evaluate(packs, apply_actions(as_of(manifest, status.earliest), done_by(plan.actions, status.earliest)))
        met, message = req.check(result.pack(req.pack))
        assert met, f"{target}: {message}\n" + "\n".join(a.title for a in plan.actions)
    assert all(t.reached for t in plan.targets)
    return plan


@pytest.mark.parametrize(
    "targets",
    [
        ["mini_pf:pass"],
        ["mini_levels:L1"],
        ["mini_bands:41"],
        ["mini_bands:61"],
        ["mini_bands:81"],
        ["mini_bands:100"],
        ["mini_pf:pass", "mini_levels:L1", "mini_bands:81"],
    ],
)
def test_fixture_plan_reaches_target(targets: list[str]) -> None:
    packs = [fixture_pack(n) for n in FIXTURES]
    plan = _reaches(packs, load_manifest(START, packs), targets)
    assert plan.actions, "the starting manifest meets none of these targets"
    assert len({a.id for a in plan.actions}) == len(plan.actions)


def test_plan_names_its_gains() -> None:
    packs = [fixture_pack("mini_pf")]
    plan = plan_remediation(packs, load_manifest(START, packs), ["mini_pf:pass"])
    closed = {c for a in plan.actions for g in a.gains for c in g.closes}
    assert {"5", "6.1", "6.8"} <= closed
    titles = " | ".join(a.title for a in plan.actions)
    # 2025-11 was never recorded and cannot be now: the KPI series restarts from the current month,
    # and the missing drill quarter is the current one
    assert "2025-11" not in titles and "2026-06" in titles and "2026-Q2" in titles
    periods = [i.period for a in plan.actions for i in a.evidence if i.period]
    assert periods and all(p >= "2026" for p in periods)
    (target,) = plan.targets
    assert target.reached and target.earliest is not None and target.earliest > START_DATE


@pytest.mark.parametrize(
    "target,reason",
    [
        ("mini_levels:L3", "stepwise"),
        ("mini_bands:101", "0–100"),
        ("mini_pf:L2", "pass_fail"),
    ],
)
def test_unreachable_targets_say_why(target: str, reason: str) -> None:
    packs = [fixture_pack(n) for n in FIXTURES]
    plan = plan_remediation(packs, load_manifest(START, packs), [target])
    (status,) = plan.targets
    assert not status.reachable and not status.reached
    assert reason in status.reason


def test_operating_years_make_a_level_unreachable() -> None:
    packs = [fixture_pack("mini_levels")]
    manifest = load_manifest(START, packs)
    young = manifest.model_copy(
        update={
            "organisation": manifest.organisation.model_copy(
                update={"operations_began": manifest.assessment.date.replace(year=2025)}
            ),
            "certified_levels": (),
        }
    )
    (status,) = plan_remediation(packs, young, ["mini_levels:L1"]).targets
    assert status.reached
    from ccom_rules.model.manifest import CertifiedLevel

    at_l2 = young.model_copy(
        update={"certified_levels": (CertifiedLevel(pack="mini_levels", level=2, date=young.assessment.date),)}
    )
    (status,) = plan_remediation(packs, at_l2, ["mini_levels:L3"]).targets
    assert not status.reachable and "years of operation" in status.reason


EXAMPLES_WITH_TARGETS = [
    ("jade-river-health", ["ccom_sj_t_11739:pass", "cc_cmm:L1", "cccs_op_2003:61", "cc_cmm:L3"]),
    ("harbour-bank", ["cccs_op_2003:81", "cc_cmm:L3", "cc_cmm:L5"]),
    ("summit-outsourcing", ["cccs_op_2003:100", "cc_cmm:L4"]),
]


@pytest.mark.parametrize("example,targets", EXAMPLES_WITH_TARGETS, ids=[e for e, _ in EXAMPLES_WITH_TARGETS])
def test_example_plans(example: str, targets: list[str]) -> None:
    """Each example, against its default next steps and further targets: every reachable target
    is reached once the plan is applied; an unreachable one says why (history or stepwise rule)."""
    packs = list(real_packs())
    manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
    default = plan_remediation(packs, manifest)
    for target in [t.target for t in default.targets] + targets:
        (status,) = plan_remediation(packs, manifest, [target]).targets
        if status.reachable:
            _reaches(packs, manifest, [target])
        else:
            assert "stepwise" in status.reason or "years of operation" in status.reason, status.reason


def test_stricter_findings_are_raised_together_with_their_evidence() -> None:
    """Under the stricter precedence neither a raised finding nor evidence alone lifts a
    checkpoint the assessor found not met: the plan's action carries both, and reaches the target."""
    packs = [fixture_pack("mini_pf")]
    manifest = load_manifest(START, packs)
    strict = manifest.model_copy(
        update={
            "assessment": manifest.assessment.model_copy(update={"precedence": "stricter"}),
            "findings": (*manifest.findings, Finding(pack="mini_pf", target="5.a", status="not_met", note="plan out of date")),
        }
    )
    plan = _reaches(packs, strict, ["mini_pf:pass"])
    (raise_5a,) = [a for a in plan.actions if a.id == "assessor:mini_pf:5.a"]
    assert raise_5a.findings[0].status == "met" and {i.type for i in raise_5a.evidence} == {"strategic_plan"}
    assert "backed by 1 evidence item(s) (strategic_plan)" in raise_5a.title


def test_jade_plan_is_a_calendar() -> None:
    """A centre that began on 2025-06-16: no record before then, no past period that was never
    kept, every action and target dated, phases and workstreams given."""
    packs = real_packs()
    manifest = load_manifest(EXAMPLES / "jade-river-health" / "manifest.yaml", packs)
    plan = plan_remediation(packs, manifest)
    now = manifest.assessment.date
    planned = [i for a in plan.actions for i in a.evidence]
    assert all(i.date >= now for i in planned)
    assert all(i.period >= "2026-06" for i in planned if i.period and "Q" not in i.period and len(i.period) == 7)
    assert all(a.earliest is not None and a.earliest >= now and a.phase and a.workstream and a.timing for a in plan.actions)
    assert {a.phase for a in plan.actions} >= {"now", "later"}
    assert len({a.workstream for a in plan.actions}) >= 5
    assert all(t.earliest is not None and t.earliest >= now for t in plan.targets)
    assert any(t.earliest is not None and t.earliest > now for t in plan.targets)


def test_jade_24_month_series_completes_no_earlier_than_2027_06() -> None:
    """The centre began in 2025-06: 24 unbroken months cannot be complete before 2027-06, and the
    records planned for it are for the current month on, none before operations began."""
    from ccom_rules.predicates import Continuous, Facts

    packs = real_packs()
    manifest = load_manifest(EXAMPLES / "jade-river-health" / "manifest.yaml", packs)
    series = Continuous(type="monthly_performance_report", period="month", count=24)
    facts = Facts.of(manifest)
    ready = series.ready(facts)
    assert ready >= date(2027, 6, 1)
    assert not series.remedy(facts).evidence  # cannot be complete on the assessment date
    ahead = Facts.of(as_of(manifest, ready), manifest.assessment.date)
    planned = series.remedy(ahead).evidence
    assert planned and all(i.period is not None and i.period >= "2026-06" for i in planned)
    assert all(i.date >= manifest.assessment.date for i in planned)
    from ccom_rules.predicates.base import with_added
    from ccom_rules.predicates import Patch

    assert series.evaluate(with_added(ahead, Patch(planned))).satisfied
