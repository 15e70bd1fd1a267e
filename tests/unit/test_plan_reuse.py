"""The search takes an earlier assessment of an action again only when nothing it read has
changed since: the plans are the same as when every action is assessed afresh."""

from __future__ import annotations

import pytest

from ccom_rules import load_manifest
from ccom_rules.planner import actions, apply_actions, plan_remediation
from ccom_rules.planner.search import Search

from ..conftest import EXAMPLES, real_packs


def _stricter(manifest):  # type: ignore[no-untyped-def]
    return manifest.model_copy(update={"assessment": manifest.assessment.model_copy(update={"precedence": "stricter"})})


@pytest.mark.parametrize(
    "example,targets,stricter",
    [
        ("harbour-bank", (), False),
        ("jade-river-health", ("cc_cmm:L3", "cccs_op_2003:81"), False),
        ("harbour-bank", ("cc_cmm:L3", "cccs_op_2003:100", "ccom_sj_t_11739:pass"), False),
        ("jade-river-health", ("ccom_sj_t_11739:pass", "cccs_op_2003:81"), True),
    ],
)
def test_reused_assessments_give_the_same_plan(
    example: str, targets: tuple[str, ...], stricter: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = real_packs()
    manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
    if stricter:
        manifest = _stricter(manifest)
    built = 0
    original = actions.build

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal built
        built += 1
        return original(*args, **kwargs)

    monkeypatch.setattr("ccom_rules.planner.search.build", counting)
    reused = plan_remediation(packs, manifest, targets)
    with_reuse, built = built, 0
    monkeypatch.setattr(Search, "reuse", False)
    afresh = plan_remediation(packs, manifest, targets)
    assert reused.actions, "nothing planned: the comparison would prove nothing"
    assert reused.model_dump_json() == afresh.model_dump_json()
    assert with_reuse < built, "no assessment was taken again"


@pytest.mark.parametrize("example", ["harbour-bank", "jade-river-health"])
def test_a_state_carried_forward_equals_one_decided_afresh(example: str) -> None:
    """The history stage carries the manifest's own state forward by the plan's actions instead of
    deciding every pack again: every status, degree, unit, condition and figure is the same."""
    from ccom_rules.planner.start import Start
    from ccom_rules.planner.state import PlanState

    packs = real_packs()
    manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
    plan = plan_remediation(packs, manifest)
    actions = plan.actions  # jade's include evidence dated after the assessment: left out of both
    assert actions
    start = Start(PlanState(packs, manifest), ())
    applied = apply_actions(manifest, actions)
    afresh = PlanState(packs, applied)
    half = len(actions) // 2
    first = start.taking(apply_actions(manifest, actions[:half]), actions[:half])
    for carried in (start.taking(applied, actions), start.taking(applied, actions, (first, half))):
        assert carried.facts == afresh.facts and carried.findings == afresh.findings
        for pack_id in afresh.states:
            state, fresh = carried.scored(pack_id), afresh.scored(pack_id)
            for name in ("checkpoints", "clauses", "findings", "degrees", "units", "held"):
                assert getattr(state, name) == getattr(fresh, name), f"{pack_id}: {name}"
            assert {k: v for k, v in state.tally.items() if v} == {k: v for k, v in fresh.tally.items() if v}
    assert start.state.states["cc_cmm"].checkpoints != carried.states["cc_cmm"].checkpoints  # the start is left as it was


def test_outcomes_on_the_assessment_date_equal_evaluation() -> None:
    """Checks on the manifest's own date (the verifier's, the dating of targets held back by
    history, with lower levels assumed certified) start from its state instead of evaluating."""
    from ccom_rules import evaluate
    from ccom_rules.model.manifest import CertifiedLevel
    from ccom_rules.planner.start import Start
    from ccom_rules.planner.state import PlanState

    packs = real_packs()
    manifest = load_manifest(EXAMPLES / "harbour-bank" / "manifest.yaml", packs)
    actions = plan_remediation(packs, manifest).actions
    start = Start(PlanState(packs, manifest), [p.id for p in packs])
    on = manifest.assessment.date
    assumed = (CertifiedLevel(pack="cc_cmm", level=2, date=on),)
    for done in ((), actions[:3], actions):
        applied = apply_actions(manifest, done)
        for levels in ((), assumed):
            if levels:
                applied = applied.model_copy(update={"certified_levels": (*applied.certified_levels, *levels)})
            result = evaluate(packs, applied)
            for pack in packs:
                assert start.outcome(pack.id, applied, done) == result.pack(pack.id).outcome, (pack.id, len(done), levels)


def test_a_candidate_simulated_for_its_targets_packs_then_completed_equals_one_simulated_whole() -> None:
    """Candidates are ranked on the packs that have targets only; the one taken is completed
    with every other pack's part before its gains are told and it is committed."""
    from ccom_rules.planner.actions import build
    from ccom_rules.planner.options import Options
    from ccom_rules.planner.state import PlanState

    packs = real_packs()
    manifest = load_manifest(EXAMPLES / "jade-river-health" / "manifest.yaml", packs)
    plan = PlanState(packs, manifest)
    compared = 0
    for key in sorted(Options(plan).keys()):
        built = build(plan, key)
        if built is None:
            continue
        whole = plan.simulate(built.patch, built.findings)
        part = plan.simulate(built.patch, built.findings, only={"cccs_op_2003"})
        assert not any(part.checkpoints.get(p) for p in ("cc_cmm", "ccom_sj_t_11739"))
        done = plan.complete(part, built.patch, built.findings, {"cccs_op_2003"})
        for name in ("checkpoints", "clauses", "degrees", "units", "held"):
            got, want = getattr(done, name), getattr(whole, name)
            assert {p: v for p, v in got.items() if v} == {p: v for p, v in want.items() if v}, (key, name)
        compared += bool(whole.checkpoints.get("cc_cmm"))
    assert compared > 10


def test_a_remedy_is_asked_only_for_what_it_answers_to() -> None:
    """Building an action asks the remedy of a checkpoint's evidence or a condition only for the
    evidence types and people schemes its leaves name: for anything else it adds nothing."""
    from ccom_rules.planner.predicates import remedy_keys
    from ccom_rules.predicates import Facts

    packs = real_packs()
    facts = Facts.of(load_manifest(EXAMPLES / "jade-river-health" / "manifest.yaml", packs))
    preds = [cp.evidence for p in packs for cp, _ in p.index.checkpoints.values()]
    preds += [pred for p in packs for pred in p.scoring.conditions().values()]
    everything = sorted({k for pred in preds for k in remedy_keys(pred) or ()})
    assert any(k.startswith("people:") for k in everything) and len(everything) > 50
    asked = 0
    for n, pred in enumerate(preds):
        keys = remedy_keys(pred)
        assert keys is not None
        others = [k for k in everything if k not in keys]
        for other in others[n % 7 :: 23]:  # a spread of what it does not name
            assert pred.remedy(facts, other).empty, (pred, other)
            asked += 1
    assert asked > 1000
