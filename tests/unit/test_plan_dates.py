"""A plan's dates as a user reads them: certificates after the course the pack declares, and
targets held back by history dated all the same."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from ccom_rules import evaluate, load_manifest
from ccom_rules.cli import main
from ccom_rules.model.gaps import Action
from ccom_rules.model.manifest import CertifiedLevel
from ccom_rules.model.result import MaturityOutcome
from ccom_rules.planner import apply_actions, as_of

from ..conftest import CASES, EXAMPLES, FIXTURE_PACKS, real_packs

START = CASES / "gaps" / "root_and_blocked" / "manifest.yaml"
START_DATE = date(2026, 6, 30)


def _gaps(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["gaps", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _pack_with_course(tmp_path: Path, days: object) -> Path:
    pack = tmp_path / "mini_pf"
    shutil.copytree(FIXTURE_PACKS / "mini_pf", pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    declared = "{kind: certified_people, scheme: CEL, min_count: 2}"
    assert declared in text
    (pack / "pack.yaml").write_text(
        text.replace(declared, f"{{kind: certified_people, scheme: CEL, min_count: 2, course_days: {days}}}"), encoding="utf-8"
    )
    return pack


def _one_facilitator(tmp_path: Path) -> Path:
    """The fixture manifest with one CEL facilitator instead of two: the plan certifies another."""
    text = START.read_text(encoding="utf-8")
    second = "- name: Zhao Lei\n  certificates:\n  - scheme: CEL\n    number: CEL-2024-002\n    issued: 2024-03-01\n"
    assert second in text
    path = tmp_path / "manifest.yaml"
    path.write_text(text.replace(second, ""), encoding="utf-8")
    return path


def _people_and_target(out: str) -> tuple[date, date]:
    plan = json.loads(out)["plan"]
    (people,) = [a for a in plan["actions"] if a["kind"] == "certify_people"]
    (target,) = plan["targets"]
    issued = {c["issued"] for p in people["people"] for c in p["certificates"]}
    assert issued == {people["earliest"]}
    return date.fromisoformat(people["earliest"]), date.fromisoformat(target["earliest"])


def test_course_length_declared_in_the_pack_moves_the_dates(tmp_path: Path) -> None:
    start = _one_facilitator(tmp_path)
    code, out = _gaps(start, "--pack", FIXTURE_PACKS / "mini_pf", "--target", "mini_pf:pass", "--format", "json")
    assert code == 0, out
    issued, _ = _people_and_target(out)
    assert issued == START_DATE + timedelta(days=30)  # the default course

    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path, 90), "--target", "mini_pf:pass", "--format", "json")
    assert code == 0, out
    issued, reached = _people_and_target(out)
    assert issued == START_DATE + timedelta(days=90)
    assert reached >= issued  # the pass waits for the two facilitators' certificates

    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path / "text", 90), "--target", "mini_pf:pass")
    assert "certificates issued when their course ends: 2026-09-28" in out, out

    # a course longer than the KPI series still to be kept (complete on 2026-11-30) moves the target too
    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path / "long", 200), "--target", "mini_pf:pass", "--format", "json")
    issued, reached = _people_and_target(out)
    assert issued == reached == START_DATE + timedelta(days=200)


def test_course_length_out_of_range_is_a_clear_error(tmp_path: Path) -> None:
    for days in (-1, 5000, "thirty"):
        code, out = _gaps(START, "--pack", _pack_with_course(tmp_path / str(days), days), "--format", "json")
        assert code == 2, out
        assert "Traceback" not in out
        assert "course_days" in out and "pack.yaml:14:" in out, out


JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"  # operations began 2025-06-16, never certified
HARBOUR = EXAMPLES / "harbour-bank" / "manifest.yaml"  # last certified at L1


def _certifiable(manifest_path: Path, actions: list[dict[str, object]], on: date, assumed: list[dict[str, object]]) -> int:
    """The CC-CMM level certifiable on ``on`` with the plan's actions done by then and the assumed certifications."""
    packs = list(real_packs())
    manifest = load_manifest(manifest_path, packs)
    done = [Action.model_validate(a) for a in actions if date.fromisoformat(str(a["earliest"])) <= on]
    applied = apply_actions(as_of(manifest, on), done)
    applied = applied.model_copy(
        update={"certified_levels": (*applied.certified_levels, *(CertifiedLevel.model_validate(c) for c in assumed))}
    )
    outcome = evaluate(packs, applied).pack("cc_cmm").outcome
    assert isinstance(outcome, MaturityOutcome)
    return outcome.certifiable_level


def test_jade_river_health_dates_every_target_including_the_level_history_holds_back() -> None:
    targets = ["ccom_sj_t_11739:pass", "cc_cmm:L1", "cccs_op_2003:61", "cc_cmm:L3"]
    code, out = _gaps(JADE, *(a for t in targets for a in ("--target", t)), "--format", "json")
    assert code == 1, out  # L3 cannot be certified at this assessment
    plan = json.loads(out)["plan"]
    dated = {t["target"]: t for t in plan["targets"]}
    assert set(dated) == set(targets) and all(t["earliest"] for t in dated.values())

    l3 = dated["cc_cmm:L3"]
    # two years of operation are complete on the second anniversary of 2025-06-16
    assert l3["earliest"] == l3["opens"] == "2027-06-16"
    assert not l3["reachable"] and not l3["reached"]
    assert "needs 2 years of operation" in l3["reason"] and "can be certified on 2027-06-16 at the earliest" in l3["reason"]
    # stepwise: L1, then L2, each at its own assessment before L3
    assumed = l3["assumes"]
    assert [c["level"] for c in assumed] == [1, 2]
    assert assumed[0]["date"] < assumed[1]["date"] < l3["earliest"]
    assert f"assuming L1 on {assumed[0]['date']}; L2 on {assumed[1]['date']} certified first" in l3["reason"]

    # what the date says holds: on 2027-06-16, with the actions done by then and L1, L2 certified, L3 is certifiable;
    # a day earlier the centre lacks its second year
    on = date(2027, 6, 16)
    assert _certifiable(JADE, plan["actions"], on, assumed) == 3
    assert _certifiable(JADE, plan["actions"], on - timedelta(days=1), assumed) == 2

    code, text = _gaps(JADE, *(a for t in targets for a in ("--target", t)), "--max-actions", "1")
    assert "cc_cmm:L3 2027-06-16" in text  # the summary's earliest date per target
    assert "✗ cc_cmm:L3: L3 needs 2 years of operation; the centre has 1 on 2026-06-30; can be certified on 2027-06-16" in text


def test_a_stepwise_target_is_dated_after_the_level_below_is_certified() -> None:
    code, out = _gaps(HARBOUR, "--format", "json")
    assert code == 0, out  # default targets never exit 1
    plan = json.loads(out)["plan"]
    (l3,) = [t for t in plan["targets"] if t["target"] == "cc_cmm:L3"]
    assert l3["assumes"] == [{"pack": "cc_cmm", "level": 2, "date": "2026-06-30"}]
    assert l3["earliest"] == "2026-07-01"  # at a later assessment than L2's
    assert "opens" not in l3  # the bank has operated long enough
    assert "certification is stepwise" in l3["reason"] and "assuming L2 on 2026-06-30 certified first" in l3["reason"]
    assert any(g["pack"] == "cc_cmm" for a in plan["actions"] for g in a["gains"])  # the plan works towards L3 too
    assert _certifiable(HARBOUR, plan["actions"], date(2026, 7, 1), l3["assumes"]) == 3


def test_without_the_actions_it_needs_a_waiting_target_gets_no_date_and_says_why() -> None:
    from ccom_rules.planner.history import date_waiting
    from ccom_rules.planner.state import PlanState
    from ccom_rules.requirements import parse_requirement

    packs = list(real_packs())
    manifest = load_manifest(JADE, packs)
    req = parse_requirement("cc_cmm:L3")
    wait = PlanState(packs, manifest).waits(req)
    assert wait is not None and wait.opens == date(2027, 6, 16) and wait.steps == (1, 2)
    status = date_waiting(packs, manifest, [], req, "L3 needs 2 years of operation", wait)
    assert status.earliest is None and not status.reached
    assert status.reason.startswith("L3 needs 2 years of operation; no date can be given: the available actions do not reach L1")


def test_checkpoints_asking_for_the_same_certificates_plan_them_once(tmp_path: Path) -> None:
    """Planned certificates are issued when their course ends, so on the assessment date they do
    not count yet: each of N checkpoints asking for 1,000 CEL holders planned its own 1,000 (the
    same people again), and a pack of 400 such checkpoints made gaps build 400,000 people and take
    gigabytes. Equal planned people are now added once."""
    from ccom_rules.loader import load_pack
    from ccom_rules.planner import keys
    from ccom_rules.planner.actions import build
    from ccom_rules.planner.state import PlanState

    pack_dir = tmp_path / "mini_pf"
    shutil.copytree(FIXTURE_PACKS / "mini_pf", pack_dir)
    asks = "".join(
        f'          - id: "6.8.c{n}"\n'
        f"            statement: {{en: CEL holders {n}., zh: CEL {n}}}\n"
        f"            evidence: {{kind: certified_people, scheme: CEL, min_count: {1000 if n else 3}}}\n"
        for n in range(30)
    )
    text = (pack_dir / "pack.yaml").read_text(encoding="utf-8")
    (pack_dir / "pack.yaml").write_text(
        text.replace('          - id: "6.8.b"', asks + '          - id: "6.8.b"', 1), encoding="utf-8"
    )
    pack = load_pack(pack_dir)
    manifest = load_manifest(START, [pack])
    built = build(PlanState([pack], manifest), keys.people("CEL"))
    assert built is not None
    numbers = [c.number for person in built.patch.people for c in person.certificates]
    assert len(numbers) == len(set(numbers)) == 998  # the most any checkpoint asks for, less the 2 held, each once
