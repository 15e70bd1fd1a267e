"""``--format sarif`` (validate, evaluate, gaps) and ``--format junit`` (evaluate).

The SARIF is checked against the official SARIF 2.1.0 JSON schema, stored as
``tests/fixtures/sarif-schema-2.1.0.json`` (the OASIS committee specification's
``sarif-schema-2.1.0.json``, unchanged).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ..conftest import TESTS
from .test_cli import CCOM_PASSES, _packs_parsed_once, run  # noqa: F401  (the fixture is autouse)
from .test_ci_runs import CCOM, _variant

SCHEMA = TESTS / "fixtures" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0"
    return log


def test_the_schema_rejects_what_is_not_sarif() -> None:
    """The stored schema is really enforced (a test that could not fail would prove nothing)."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "x"}]}]}
    assert list(_validator().iter_errors(bad))  # a result needs a message
    assert list(_validator().iter_errors({"version": "2.0.0", "runs": []}))


# Drops the last month of the KPI series: CCOM 6.1.c then fails for want of a record.
BROKEN = ("  period: 2026-05\n", "  period: 2024-05\n")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_evaluate_sarif_points_at_the_evidence_and_where_missing_evidence_belongs(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", BROKEN)
    result = run("evaluate", manifest, "--pack", CCOM, "--format", "sarif", "--quiet")
    assert result.exit_code == 0
    log = _sarif(result.stdout)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert results, "a failing checkpoint must give a result"
    by_rule = {r["ruleId"]: r for r in results}
    assert f"{CCOM}/6.1.c" in by_rule
    assert len({r["id"] for r in rules}) == len(rules)
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("m.yaml")
        assert region["startLine"] >= 1
    lines = _lines(manifest)
    kpi = by_rule[f"{CCOM}/6.1.c"]
    assert "6.1.c" in kpi["message"]["text"] and "consecutive monthly kpi_appraisal_result" in kpi["message"]["text"]
    line = kpi["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert lines[line - 1].startswith("- id: kpi_appraisal_result-")  # the newest record the series counted
    # a result for evidence that is absent points at the manifest's evidence: key
    absent = [r for r in results if r["locations"][0].get("message", {}).get("text") == "where the missing evidence belongs"]
    for r in absent:
        assert lines[r["locations"][0]["physicalLocation"]["region"]["startLine"] - 1] == "evidence:"


def test_evaluate_sarif_of_a_passing_manifest_has_no_results() -> None:
    log = _sarif(run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "sarif").stdout)
    assert log["runs"][0]["results"] == []


def test_gaps_sarif_has_a_rule_per_clause(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", BROKEN)
    log = _sarif(run("gaps", manifest, "--pack", CCOM, "--format", "sarif", "--quiet").stdout)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == f"{CCOM}/6.1" and "root cause" in r["message"]["text"] for r in results)
    assert all(r["level"] in ("error", "warning") for r in results)


def test_validate_sarif_locates_problems_at_file_line_column(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", ("  type: drill_plan\n", "  tpye: drill_plan\n"))
    result = run("validate", manifest, "--format", "sarif")
    assert result.exit_code == 2  # still an error
    assert "error E003 unknown key 'tpye'" in result.stderr
    log = _sarif(result.stdout)
    (res,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "E003"]
    region = res["locations"][0]["physicalLocation"]["region"]
    line = _lines(manifest)[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 :].startswith("tpye:")
    assert log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["shortDescription"]["text"] == "unknown key"
    ok = run("validate", CCOM_PASSES, "--format", "sarif")
    assert ok.exit_code == 0 and _sarif(ok.stdout)["runs"][0]["results"] == []


def test_validate_out_without_a_log_format_is_a_usage_error(tmp_path: Path) -> None:
    """``--out`` writes the SARIF log; with the text format the file would silently stay unwritten."""
    out = tmp_path / "problems.sarif"
    result = run("validate", CCOM_PASSES, "--out", out)
    assert result.exit_code == 2
    assert "--out writes a log: give --format sarif with it" in result.stderr
    assert not out.exists()
    assert run("validate", CCOM_PASSES, "--out", out, "--format", "sarif").exit_code == 0
    assert _sarif(out.read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_sarif_is_byte_stable() -> None:
    first = run("evaluate", CCOM_PASSES, "--format", "sarif", "--as-of", "2027-06-30").stdout
    assert first == run("evaluate", CCOM_PASSES, "--format", "sarif", "--as-of", "2027-06-30").stdout
    assert _sarif(first)["runs"][0]["results"]


# ---------------------------------------------------------------------------- junit


def test_junit_has_a_suite_per_pack_and_a_case_per_clause(tmp_path: Path) -> None:
    name = ("  name: Harbour City Customer Service Centre\n", "  name: 'Harbour <City> & \"Co\"'\n")
    manifest = _variant(tmp_path, "m.yaml", BROKEN, name)
    result = run("evaluate", manifest, "--format", "junit", "--quiet")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    assert root.get("name") == 'ccom-rules Harbour <City> & "Co"'  # escaped in the text, read back whole
    suites = {s.get("name", "").split()[0]: s for s in root.findall("testsuite")}
    assert set(suites) == {"cc_cmm", "cccs_op_2003", CCOM}
    plain = json.loads(run("evaluate", manifest, "--format", "json", "--quiet").stdout)
    for pack in plain["packs"]:
        suite = suites[pack["pack"]["id"]]
        cases = suite.findall("testcase")
        assert len(cases) == len(pack["clauses"]) == int(suite.get("tests", "-1"))
        failed = [c for c in pack["clauses"] if c["status"] in ("not_met", "partially_met")]
        assert int(suite.get("failures", "-1")) == len(failed) == len([c for c in cases if c.find("failure") is not None])
    ccom = suites[CCOM]
    case = next(c for c in ccom.findall("testcase") if (c.get("name") or "").startswith("6.1 "))
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "partially_met"
    assert "6.1.c" in (failure.text or "") and "kpi_appraisal_result" in (failure.text or "")
    skipped = [c for c in ccom.findall("testcase") if c.find("skipped") is not None]
    assert int(ccom.get("skipped", "-1")) == len(skipped)


@pytest.mark.parametrize("command", ["gaps", "validate"])
def test_junit_is_offered_by_evaluate_only(command: str) -> None:
    result = run(command, CCOM_PASSES, "--format", "junit")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.stderr
