"""What validate accepts, every command can run: dates, pack numbers and garbage values are
refused at their line (E004) or warned about, and a case's expected.yaml of the wrong shape
fails the case with a clear message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ccom_rules.loader import read_manifest, read_pack

from ..conftest import ROOT
from .hostile_inputs import MANIFEST, copy_pack, run, write_manifest


def line_of(path: Path, words: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if words in text)


def set_in(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[int(last) if last.isdigit() else last] = value
    return data


GARBAGE = [
    ("assessment.date", "0001-01-01", "date 0001-01-01 is outside 1900-01-01 … 2999-12-31"),
    ("assessment.date", "9999-12-31", "date 9999-12-31 is outside 1900-01-01 … 2999-12-31"),
    ("evidence.0.date", 0, "a date is written YYYY-MM-DD, not as the number 0"),
    ("organisation.seats", True, "valid integer"),
    ("manifest_version", True, "a number is expected, not true"),
    ("evidence.0.period", "2025-07\n", "is not YYYY, YYYY-Qn or YYYY-MM"),
    ("evidence.0.period", "２０２５-07", "is not YYYY, YYYY-Qn or YYYY-MM"),
    ("evidence.0.period", "0000", "year 0 is outside 1900–2999"),
    ("organisation.operations_began", "2027-01-01", "operations began on 2027-01-01, after the assessment date 2026-06-30"),
    ("evidence.0.metrics", {"service_level": float("nan")}, "finite"),
]


@pytest.mark.parametrize(("field", "value", "words"), GARBAGE, ids=[f"{f}={v!r}" for f, v, _ in GARBAGE])
def test_garbage_in_a_manifest_is_refused_at_its_line(tmp_path: Path, field: str, value: Any, words: str) -> None:
    data = set_in(MANIFEST, field, value)
    path = write_manifest(tmp_path, data)
    _, problems = read_manifest(path)
    assert [p.code for p in problems] == ["E004"], problems
    assert words in problems[0].message
    key = field.split(".")[-1] if field != "evidence.0.metrics" else "service_level"
    assert f"{key}:" in path.read_text().splitlines()[problems[0].line - 1]
    assert problems[0].json_path.replace("[0]", ".0").startswith("$." + field)


@pytest.mark.parametrize("value", [True, "0.4"], ids=["true", "text"])
def test_a_fraction_must_be_a_number(tmp_path: Path, value: Any) -> None:
    data = copy.deepcopy(MANIFEST)
    data["findings"] = [{"pack": "mini_pf", "target": "5.a", "fraction": value}]
    path = write_manifest(tmp_path, data)
    _, problems = read_manifest(path)
    assert [(p.code, p.json_path, p.line) for p in problems] == [("E004", "$.findings[0].fraction", line_of(path, "fraction:"))]


def test_an_unknown_pack_in_certified_levels_is_warned_about(tmp_path: Path) -> None:
    data = copy.deepcopy(MANIFEST)
    data["certified_levels"] = [{"pack": "cc_cmn", "level": 2, "date": "2025-01-01"}]
    result = run("validate", write_manifest(tmp_path, data))
    assert result.exit_code == 0
    assert (
        "warning W105 no pack 'cc_cmn' is installed or evaluated; did you mean 'cc_cmm'? (at $.certified_levels[0].pack)"
        in result.stderr
    )


@pytest.mark.parametrize("level", [True, "2"], ids=["true", "text"])
def test_a_certified_level_must_be_a_whole_number(tmp_path: Path, level: Any) -> None:
    data = copy.deepcopy(MANIFEST)
    data["certified_levels"] = [{"pack": "cc_cmm", "level": level, "date": "2025-01-01"}]
    _, problems = read_manifest(write_manifest(tmp_path, data))
    assert [p.json_path for p in problems] == ["$.certified_levels[0].level"]


PACK_NUMBERS = [
    ("max_age_days: 365", "max_age_days: 999999999", "less than or equal to 36600"),
    ("count: 12}", "count: 12, window_days: 99999999999}", "less than or equal to 36600"),
    (
        "{kind: certified_people, scheme: CEL, min_count: 2}",
        "{kind: certified_people, scheme: CEL, min_count: 1000000000}",
        "1000",
    ),
    ("{kind: present, type: kpi_definitions}", "{kind: present, type: kpi_definitions, min_count: 1000000000}", "1000"),
    ("{kind: present, type: kpi_definitions}", "{kind: metric, type: kpi_definitions, metric: x, min: .nan}", "not finite"),
    ("{kind: present, type: kpi_definitions}", "{kind: metric, type: kpi_definitions, metric: x, max: .inf}", "not finite"),
    ("{kind: present, type: kpi_definitions}", "{kind: metric, type: kpi_definitions, metric: x, min: 1.0e+400}", "not finite"),
    ("{kind: present, type: kpi_definitions}", "{kind: metric, type: kpi_definitions, metric: x, min: 1.0e+300}", "out of range"),
]


@pytest.mark.parametrize(("old", "new", "words"), PACK_NUMBERS, ids=[n.split("{")[-1][:40] for _, n, _ in PACK_NUMBERS])
def test_pack_numbers_are_bounded(tmp_path: Path, old: str, new: str, words: str) -> None:
    pack = copy_pack(tmp_path)
    text = (pack / "pack.yaml").read_text()
    assert old in text
    (pack / "pack.yaml").write_text(text.replace(old, new, 1))
    _, problems = read_pack(pack)
    assert [p.code for p in problems] == ["E004"], problems
    assert words in problems[0].message and problems[0].line == line_of(pack / "pack.yaml", new)


@pytest.mark.parametrize(
    ("expected", "words"),
    [
        ("clauses: 5\n", "clauses must be a mapping of clause or checkpoint ids, not int"),
        ("outcome: [1]\n", "outcome must be a mapping of outcome fields, not list"),
        ("- 1\n", "expected.yaml must be a mapping with outcome: and clauses:, not list"),
        ("clauses: {'5': 3}\n", "clauses.5 must be a mapping of result fields, not int"),
    ],
)
def test_an_expected_yaml_of_the_wrong_shape_fails_its_case(tmp_path: Path, expected: str, words: str) -> None:
    pack = copy_pack(tmp_path)
    case = pack / "cases" / "shape"
    write_manifest(case)
    (case / "expected.yaml").write_text(expected)
    result = run("test", pack)
    assert result.exit_code == 1 and "FAIL mini_pf/shape" in result.stdout and words in result.stdout


@pytest.mark.parametrize(
    ("option", "expr"),
    [("--require", "cccs_op_2003:٦١"), ("--require", "cc_cmm:L٣"), ("--target", "cccs_op_2003:٦١"), ("--target", "cc_cmm:L٣")],
)
def test_requirements_take_ascii_digits_only(tmp_path: Path, option: str, expr: str) -> None:
    command = "evaluate" if option == "--require" else "gaps"
    result = run(command, write_manifest(tmp_path), "--pack", "cc_cmm", "--pack", "cccs_op_2003", option, expr)
    assert result.exit_code == 2
    assert f"cannot read {option} {expr!r}: use PACK:pass, PACK:L<n> or PACK:<score>" in result.stderr


@pytest.mark.parametrize(("command", "option"), [("evaluate", "--require"), ("gaps", "--target")])
def test_l0_is_met_alike_by_require_and_target(tmp_path: Path, command: str, option: str) -> None:
    result = run(command, write_manifest(tmp_path), "--pack", "cc_cmm", option, "cc_cmm:L0")
    assert result.exit_code == 0, result.stderr


def test_a_pack_including_its_own_pack_yaml_gets_no_absurd_suggestion(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "include: [pack.yaml]\n")
    _, problems = read_pack(pack)
    unknown = [p.message for p in problems if p.code == "E003"]
    assert "unknown key 'id': it is not allowed here" in unknown and not any("did you mean 'id'" in m for m in unknown)


@pytest.mark.parametrize("day", ["2999-02-01", "2999-12-31"])
def test_a_plan_near_the_last_date_stays_in_the_calendar(tmp_path: Path, day: str) -> None:
    """Assessed late in 2999, the plan looked ahead to when a monthly series or a certificate
    course could be complete and made evidence items and certificates dated in 3000, which the
    manifest model refuses: a traceback. It now plans up to 2999-12-31 and says the target is not
    reached by then."""
    import json
    import re

    path = write_manifest(tmp_path, set_in(MANIFEST, "assessment.date", day))
    result = run("gaps", path, "--pack", copy_pack(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)["plan"]
    assert max(re.findall(r"\d{4}-\d\d-\d\d", json.dumps(plan["actions"])) or [day]) <= "2999-12-31"
    (target,) = plan["targets"]
    assert target["reached"] is False and "by 2999-12-31" in target["reason"]


@pytest.mark.parametrize("level", ["L3", "L5"])
def test_a_level_that_opens_after_the_last_date_is_not_dated(tmp_path: Path, level: str) -> None:
    """A CC-CMM level held back by operating years until 3000 was planned as of that date: the
    series planned for it were dated in 3000, a traceback (L5)."""
    case = ROOT / "clause_packs" / "cc_cmm" / "cases" / "l3_evidence_one_year_operation" / "manifest.yaml"
    text = case.read_text(encoding="utf-8")
    for old, new in (("2025-01-01", "2998-01-01"), ("2026-06-30", "2999-06-30"), ("2025-12-10", "2998-12-10")):
        text = text.replace(old, new)
    path = tmp_path / "manifest.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("gaps", path, "--pack", "cc_cmm", "--target", f"cc_cmm:{level}")
    assert result.exit_code == 1, result.output
    assert (
        f"✗ cc_cmm:{level}: L3 needs 2 years of operation; the centre has 1 on 2999-06-30; no date can be given" in result.stdout
    )
