"""Running evaluate and gaps in CI: warnings by default, --quiet, --strict, --as-of,
--warn-within and the --baseline ratchet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import CCOM_PASSES, _packs_parsed_once, run  # noqa: F401  (the fixture is autouse)

CCOM = "ccom_sj_t_11739"


def _variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """The passing CCOM case manifest with text replacements, written as ``name``."""
    text = CCOM_PASSES.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MISSPELT = ("  type: drill_plan\n", "  type: dril_plan\n")
FUTURE = (
    "- id: drill-plan\n",
    "- id: late-record\n  type: drill_report\n  title: A drill after the visit\n  date: 2026-09-01\n- id: drill-plan\n",
)
# Removes one month of a twelve-month series: CCOM 6.1 is then a nonconformity.
GAP = ("  period: 2025-11\n", "  period: 2025-10\n")  # the first is a kpi_appraisal_result


def _json(stdout: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(stdout)
    return data


# ---------------------------------------------------------------------------- warnings


def test_evaluate_prints_warnings_by_default_with_did_you_mean(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", MISSPELT)
    result = run("evaluate", manifest, "--pack", CCOM)
    assert result.exit_code == 0, result.stderr
    assert "warning W102 evidence type 'dril_plan'" in result.stderr
    assert "did you mean 'drill_plan'?" in result.stderr
    assert "m.yaml:" in result.stderr and "(at $.evidence[" in result.stderr
    assert "PASS" in result.stdout or "FAIL" in result.stdout


def test_quiet_hides_warnings_and_strict_fails_on_them(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", MISSPELT)
    quiet = run("evaluate", manifest, "--pack", CCOM, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    strict = run("evaluate", manifest, "--pack", CCOM, "--strict", "--format", "json")
    assert strict.exit_code == 2
    assert strict.stdout == ""
    assert "warning W102" in strict.stderr
    gaps = run("gaps", manifest, "--pack", CCOM, "--strict")
    assert gaps.exit_code == 2 and "W102" in gaps.stderr


def test_clean_manifest_prints_nothing_on_stderr() -> None:
    result = run("evaluate", CCOM_PASSES, "--pack", CCOM)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_item_dated_after_the_assessment_is_named(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", FUTURE)
    for command in ("evaluate", "gaps", "validate"):
        args = [command, manifest] + (["--pack", CCOM] if command != "validate" else [])
        result = run(*args)
        assert "warning W107 evidence 'late-record' is dated 2026-09-01, after the reference date 2026-06-30" in result.stderr
    # judged as of a later date, the item counts and the warning goes
    later = run("evaluate", manifest, "--pack", CCOM, "--as-of", "2026-10-01")
    assert "W107" not in later.stderr


# ---------------------------------------------------------------------------- --as-of


def test_as_of_is_recorded_only_when_given() -> None:
    plain = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json")
    same_day = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--as-of", "2026-06-30")
    a, b = _json(plain.stdout), _json(same_day.stdout)
    assert "as_of" not in a["manifest"]  # type: ignore[operator]
    assert b["manifest"] == {**a["manifest"], "as_of": "2026-06-30"}  # type: ignore[dict-item]
    assert a["packs"] == b["packs"]


def test_as_of_later_date_judges_freshness_then(tmp_path: Path) -> None:
    result = run(
        "evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--as-of", "2028-01-01", "--require", f"{CCOM}:pass"
    )
    assert result.exit_code == 1
    data = _json(result.stdout)
    manifest = data["manifest"]
    assert manifest["as_of"] == "2028-01-01"  # type: ignore[index]
    assert manifest["assessment_date"] == "2026-06-30"  # type: ignore[index]
    plain = _json(run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json").stdout)
    assert manifest["sha256"] == plain["manifest"]["sha256"]  # type: ignore[index]
    (pack,) = data["packs"]  # type: ignore[misc]
    assert pack["outcome"]["passed"] is False
    assert "is older than" in json.dumps(pack["outcome"]["nonconformities"])
    again = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--as-of", "2028-01-01")
    assert again.stdout == result.stdout  # the date is an input: same bytes


def test_as_of_today_and_bad_dates() -> None:
    today = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--as-of", "today")
    assert today.exit_code == 0
    from datetime import date

    assert _json(today.stdout)["manifest"]["as_of"] == date.today().isoformat()  # type: ignore[index]
    bad = run("evaluate", CCOM_PASSES, "--as-of", "2026-13-01")
    assert bad.exit_code == 2 and "is not a date (YYYY-MM-DD) or 'today'" in bad.stderr


@pytest.mark.parametrize("command", ["evaluate", "gaps"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "3000-01-01", "1899-12-31"])
def test_as_of_outside_the_calendar_of_manifests_is_a_usage_error(command: str, day: str) -> None:
    """9999-12-31 made a monthly series' window reach year 10000 and 0001-01-01 overflowed a date
    subtraction: tracebacks. The dates a manifest may hold bound the reference date too."""
    result = run(command, CCOM_PASSES, "--pack", CCOM, "--as-of", day)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--as-of': {day} is outside 1900-01-01 … 2999-12-31" in result.stderr


def test_gaps_records_as_of() -> None:
    result = run("gaps", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--as-of", "2027-12-31")
    data = _json(result.stdout)
    assert data["as_of"] == "2027-12-31"
    assert data["assessment_date"] == "2026-06-30"
    assert data["gaps"]["roots"]  # type: ignore[index]
    plain = _json(run("gaps", CCOM_PASSES, "--pack", CCOM, "--format", "json").stdout)
    assert "as_of" not in plain


# ---------------------------------------------------------------------------- --warn-within


def test_warn_within_names_what_goes_stale_and_expires(tmp_path: Path) -> None:
    manifest = _variant(tmp_path, "m.yaml", ("    issued: 2024-05-20\n", "    issued: 2024-05-20\n    expires: 2026-08-01\n"))
    none = run("evaluate", manifest, "--pack", CCOM, "--warn-within", "0")
    assert none.stderr == ""
    result = run("evaluate", manifest, "--pack", CCOM, "--warn-within", "120")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert any("warning W109 CEL certificate CEL-2024-0117 of Wang Fang expires on 2026-08-01" in x for x in lines), lines
    stale = [x for x in lines if " W108 " in x]
    assert stale, lines
    assert all(x.startswith(f"{manifest.name}:") or "m.yaml:" in x for x in stale)
    assert all("from 2026-" in x and "needed by ccom_sj_t_11739 " in x for x in stale)
    assert "cannot" not in result.stderr
    bad = run("evaluate", manifest, "--warn-within", "-1")
    assert bad.exit_code == 2


# ---------------------------------------------------------------------------- --baseline


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    out = tmp_path / "baseline.json"
    result = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--format", "json", "--out", out)
    assert result.exit_code == 0
    return out


def test_baseline_unchanged_passes(baseline: Path) -> None:
    result = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--baseline", baseline)
    assert result.exit_code == 0
    assert "0 regression(s), 0 improvement(s)" in result.stderr


def test_baseline_regression_fails_and_improvement_passes(tmp_path: Path, baseline: Path) -> None:
    worse = _variant(tmp_path, "worse.yaml", GAP)
    result = run("evaluate", worse, "--pack", CCOM, "--baseline", baseline, "--quiet")
    assert result.exit_code == 1
    assert "regression: ccom_sj_t_11739: pass → fail" in result.stderr
    assert "regression: ccom_sj_t_11739: new nonconformity 6.1 " in result.stderr
    assert "regression: ccom_sj_t_11739 6.1 " in result.stderr and "met → partially_met" in result.stderr
    # the worse result as the baseline: the passing manifest is an improvement, exit 0
    old = tmp_path / "old.json"
    run("evaluate", worse, "--pack", CCOM, "--format", "json", "--out", old, "--quiet")
    better = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--baseline", old)
    assert better.exit_code == 0
    assert "improvement: ccom_sj_t_11739: fail → pass" in better.stderr
    assert "improvement: ccom_sj_t_11739: nonconformity 6.1 closed" in better.stderr
    assert "0 regression(s)" in better.stderr


def test_baseline_of_another_pack_version_is_not_compared(tmp_path: Path, baseline: Path) -> None:
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["packs"][0]["pack"]["version"] = "0.9.0"
    data["packs"][0]["pack"]["sha256"] = "0" * 64
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    result = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--baseline", other)
    assert result.exit_code == 2
    assert "the baseline evaluated ccom_sj_t_11739 version 0.9.0" in result.stderr
    assert "make a new baseline" in result.stderr
    assert "regression" not in result.stderr and result.stdout == ""


def test_out_never_replaces_the_baseline(tmp_path: Path, baseline: Path) -> None:
    kept = baseline.read_bytes()
    worse = _variant(tmp_path, "worse.yaml", GAP)
    for fmt in ("json", "text"):
        result = run("evaluate", worse, "--pack", CCOM, "--baseline", baseline, "--format", fmt, "--out", baseline)
        assert result.exit_code == 2 and "is an input file" in result.stderr, result.stderr
        assert baseline.read_bytes() == kept


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{not json", "error E001 the baseline is not JSON"),
        ('{"engine_version": "1", "packs": []}', "error E005 missing field 'manifest'"),
        ("[1, 2]", "the baseline must be the JSON of 'ccom-rules evaluate --format json'"),
    ],
)
def test_malformed_baseline_is_a_clear_error(tmp_path: Path, text: str, needle: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    result = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--baseline", bad)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "bad.json:1:" in result.stderr
    missing = run("evaluate", CCOM_PASSES, "--pack", CCOM, "--baseline", tmp_path / "nope.json")
    assert missing.exit_code == 2 and "cannot read the baseline" in missing.stderr
