"""The ``ccom-rules`` command, driven through click's CliRunner (and twice as a real process).

Exit status: 0 done, 1 a requirement not met (or a pack case failed), 2 invalid input or usage.
Invalid input never shows a traceback: every problem prints as ``file:line:col: error CODE …``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

import ccom_rules
import ccom_rules.loader
from ccom_rules.cli import main

from ..conftest import CASES, EXAMPLES, FIXTURE_PACKS, ROOT, real_packs

PACK_IDS = ("cc_cmm", "cccs_op_2003", "ccom_sj_t_11739")
PACKS_HOME = ROOT / "clause_packs"

# Manifests that exist whatever else is being built: the packs' own test cases.
CCOM_PASSES = PACKS_HOME / "ccom_sj_t_11739" / "cases" / "complete-centre-passes" / "manifest.yaml"
CMM_L2 = PACKS_HOME / "cc_cmm" / "cases" / "l2_exact_thresholds" / "manifest.yaml"
GAPS_MANIFEST = CASES / "gaps" / "cross_pack_blast_radius" / "manifest.yaml"

BAD = sorted(p for p in (CASES / "bad_input").iterdir() if (p / "target").is_file())
# Made at test time (symlinks do not survive every checkout); see tests/unit/test_bad_input.py.
LINKS = {"path_escape": ("evidence/link", "../outside")}


@pytest.fixture(autouse=True)
def _packs_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reuse the session's parsed packs: the command reads them on every call, the tests need not.

    The two subprocess tests below run the command unpatched.
    """
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))


def _runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: str | Path) -> Result:
    result = _runner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def _usage_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Error:" in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.fixture
def keep() -> Iterator[Callable[..., None]]:
    """``keep(path, ...)``: those files must have the same bytes after the test (restored if not, then failed)."""
    saved: dict[Path, bytes] = {}

    def remember(*paths: Path) -> None:
        for path in paths:
            saved[path] = path.read_bytes()

    yield remember
    broken = [path for path, data in saved.items() if path.read_bytes() != data]
    for path in broken:
        path.write_bytes(saved[path])
    assert not broken, f"input files were overwritten: {broken}"


# ---------------------------------------------------------------------------- entry point


def _env() -> dict[str, str]:
    """Run the same ccom_rules the tests import, whether installed or from the source tree."""
    env = dict(os.environ)
    src = str(Path(ccom_rules.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def test_python_dash_m_help(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ccom_rules", "--help"], capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout
    for command in ("packs", "validate", "evaluate", "explain", "gaps", "demo", "test"):
        assert f"  {command}" in proc.stdout
    assert "Exit status: 0 done, 1 a --require not met, 2 invalid input or usage." in proc.stdout


def test_python_dash_m_packs_unpatched(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ccom_rules", "packs"], capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[0] for line in proc.stdout.splitlines()] == list(PACK_IDS)


def test_console_script_points_at_the_click_group() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["ccom-rules"] == "ccom_rules.cli:main"
    assert isinstance(main, click.Group)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert ccom_rules.__version__ in result.stdout


def test_no_command_shows_usage() -> None:
    result = run()
    assert result.exit_code in (0, 2)  # click's choice differs between versions
    assert "Usage:" in result.stdout + result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    _usage_error(run("evaluat", str(CMM_L2)))


# ---------------------------------------------------------------------------- packs


def test_packs_lists_the_three_packs_with_version() -> None:
    result = run("packs")
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == list(PACK_IDS)
    by_id = {p.id: p for p in real_packs()}
    for row in rows:
        assert row[1] == by_id[row[0]].version
    assert "SJ/T 11739-2019" in result.stdout


def test_packs_show_text() -> None:
    result = run("packs", "show", "ccom_sj_t_11739")
    assert result.exit_code == 0
    pack = {p.id: p for p in real_packs()}["ccom_sj_t_11739"]
    assert result.stdout.startswith(f"ccom_sj_t_11739 {pack.version}")
    assert f"sha256: {pack.sha256}" in result.stdout
    assert "scoring: pass_fail" in result.stdout
    assert "6.7.2 " in result.stdout


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_packs_show_json(pack_id: str) -> None:
    result = run("packs", "show", pack_id, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    pack = {p.id: p for p in real_packs()}[pack_id]
    assert data["id"] == pack_id
    assert data["version"] == pack.version
    assert data["scoring"]["model"] == pack.scoring.model
    assert len(data["clauses"]) == len(pack.clauses)


@pytest.mark.parametrize(
    "args",
    [("packs", "show", "no_such_pack"), ("packs", "show", "no_such_pack", "--format", "json"), ("explain", "no_such_pack", "1")],
)
def test_unknown_pack_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = run(*args)
    _usage_error(result, "unknown pack no_such_pack", "installed: cc_cmm, cccs_op_2003, ccom_sj_t_11739")
    assert result.stdout == ""


# ---------------------------------------------------------------------------- validate


def test_validate_good_packs() -> None:
    result = run("validate", *(PACKS_HOME / p for p in PACK_IDS))
    assert result.exit_code == 0, result.stderr
    by_id = {p.id: p for p in real_packs()}
    assert result.stdout.splitlines() == [f"ok  pack {p} {by_id[p].version}" for p in PACK_IDS]


def test_validate_pack_file_and_good_manifests() -> None:
    result = run("validate", PACKS_HOME / "cc_cmm" / "pack.yaml", CMM_L2, CCOM_PASSES)
    assert result.exit_code == 0, result.stderr
    version = ccom_rules.load_pack(PACKS_HOME / "cc_cmm").version
    assert result.stdout.splitlines() == [f"ok  pack cc_cmm {version}", f"ok  manifest {CMM_L2}", f"ok  manifest {CCOM_PASSES}"]


def _comparable(lines: list[str]) -> list[str]:
    # YAML syntax messages come from the YAML library (libyaml or pure Python): compare their place only.
    return [line.split(" error E001 ")[0] + " error E001" if " error E001 " in line else line for line in lines]


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_validate_bad_input(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = Path(shutil.copytree(case, tmp_path / case.name))
    if case.name in LINKS:
        link, points_to = LINKS[case.name]
        (work / link).symlink_to(points_to, target_is_directory=True)
    monkeypatch.chdir(work)
    target = (work / "target").read_text().strip()
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()

    result = run("validate", target)

    assert result.exit_code == 2
    assert not result.stdout.startswith("ok")
    errors = [line for line in result.stderr.splitlines() if ": error " in line]
    assert _comparable(errors) == _comparable(expected)
    assert f"{len(expected)} error(s)" in result.stderr


def test_validate_reports_every_file_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "bad_input")
    result = run("validate", "unknown_key/pack", "manifest_many_errors/manifest.yaml", "cycle/pack")
    assert result.exit_code == 2
    codes = {line.split(": error ")[1].split()[0] for line in result.stderr.splitlines() if ": error " in line}
    assert {"E003", "E005", "E004", "E008"} <= codes
    assert result.stderr.index("cycle/pack/pack.yaml") < result.stderr.index("manifest_many_errors/manifest.yaml")


def test_validate_missing_file() -> None:
    result = run("validate", "no/such/manifest.yaml")
    assert result.exit_code == 2
    assert "no/such/manifest.yaml:1:1: error E010 file not found" in result.stderr


def test_validate_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    data = yaml.safe_load(CMM_L2.read_text(encoding="utf-8"))
    data["evidence"] = [{"id": "x", "type": "no_pack_knows_this_type", "title": "Odd", "date": "2026-01-01"}]
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    relaxed = run("validate", manifest)
    assert relaxed.exit_code == 0
    assert "warning W102" in relaxed.stderr

    strict = run("validate", "--strict", manifest)
    assert strict.exit_code == 2
    assert "warning W102" in strict.stderr


# ---------------------------------------------------------------------------- evaluate


def test_evaluate_text() -> None:
    result = run("evaluate", CCOM_PASSES)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith("assessed 2026-06-30")
    for pack_id in PACK_IDS:
        assert f"■ {pack_id} " in result.stdout
    assert "PASS —" in result.stdout


def test_evaluate_json_keys() -> None:
    result = run("evaluate", CMM_L2, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert result.stdout.endswith("}\n")
    assert data["engine_version"] == ccom_rules.__version__
    assert len(data["manifest"]["sha256"]) == 64
    assert data["manifest"]["assessment_date"] == "2026-06-30"
    assert [p["pack"]["id"] for p in data["packs"]] == list(PACK_IDS)
    by_id = {p.id: p for p in real_packs()}
    for item in data["packs"]:
        ref = item["pack"]
        assert ref["version"] == by_id[ref["id"]].version
        assert ref["sha256"] == by_id[ref["id"]].sha256
        assert item["clauses"]
    outcomes = {p["pack"]["id"]: p["outcome"] for p in data["packs"]}
    assert outcomes["ccom_sj_t_11739"]["model"] == "pass_fail"
    assert outcomes["ccom_sj_t_11739"]["passed"] is False
    assert outcomes["cc_cmm"]["model"] == "maturity_levels"
    assert (outcomes["cc_cmm"]["level"], outcomes["cc_cmm"]["certifiable_level"]) == (2, 2)
    assert outcomes["cccs_op_2003"]["model"] == "weighted_bands"
    assert isinstance(outcomes["cccs_op_2003"]["score"], int)
    assert isinstance(outcomes["cccs_op_2003"]["band"], str)


def test_evaluate_pack_filter() -> None:
    result = run("evaluate", CMM_L2, "--format", "json", "--pack", "cc_cmm", "--pack", "cc_cmm")
    assert result.exit_code == 0
    assert [p["pack"]["id"] for p in json.loads(result.stdout)["packs"]] == ["cc_cmm"]

    two = run("evaluate", CMM_L2, "--pack", "cccs_op_2003", "--pack", "cc_cmm")
    assert two.exit_code == 0
    assert "■ cccs_op_2003 " in two.stdout and "■ cc_cmm " in two.stdout and "ccom_sj_t_11739" not in two.stdout
    assert two.stdout.index("cccs_op_2003") < two.stdout.index("■ cc_cmm")

    _usage_error(run("evaluate", CMM_L2, "--pack", "nope"), "unknown pack nope")


def test_evaluate_out_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "result.json"
    result = run("evaluate", CMM_L2, "--format", "json", "--out", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == run("evaluate", CMM_L2, "--format", "json").stdout
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]  # no temporary file left behind

    again = run("evaluate", CMM_L2, "--out", out)  # an earlier output is not an input: replaced
    assert again.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("Riverside Service Centre")


def test_evaluate_out_never_over_the_manifest(tmp_path: Path, keep: Callable[..., None]) -> None:
    manifest = Path(shutil.copy(CMM_L2, tmp_path / "manifest.yaml"))
    keep(manifest)
    for spelled in (manifest, tmp_path / "." / "manifest.yaml", tmp_path / "x" / ".." / "manifest.yaml"):
        _usage_error(run("evaluate", manifest, "--out", spelled), "is an input file")


def test_evaluate_out_never_over_a_pack_file(keep: Callable[..., None]) -> None:
    for target in (PACKS_HOME / "cc_cmm" / "pack.yaml", PACKS_HOME / "ccom_sj_t_11739" / "evidence-types.yaml"):
        keep(target)
        _usage_error(run("evaluate", CMM_L2, "--format", "json", "--out", target), "is an input file")


def test_evaluate_out_never_over_an_evidence_file(tmp_path: Path, keep: Callable[..., None]) -> None:
    (tmp_path / "evidence").mkdir()
    plan = tmp_path / "evidence" / "plan.md"
    plan.write_text("# Strategic plan\n", encoding="utf-8")
    data = yaml.safe_load(CMM_L2.read_text(encoding="utf-8"))
    data["evidence_root"] = "evidence"
    data["evidence"] = [{"id": "sp", "type": "strategic_plan", "title": "Plan", "date": "2026-01-10", "path": "plan.md"}]
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    keep(plan)
    _usage_error(run("evaluate", manifest, "--out", plan), "is an input file")


def test_evaluate_out_unwritable_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    _usage_error(run("evaluate", CMM_L2, "--out", tmp_path / "a_file" / "result.json"), "cannot write --out")
    assert [p.name for p in tmp_path.iterdir()] == ["a_file"]


def test_readme_tour_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's tour command, as written (the output goes to a scratch folder)."""
    if not (EXAMPLES / "harbour-bank" / "manifest.yaml").is_file():
        pytest.skip("examples/harbour-bank is not there yet")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("ccom-rules evaluate examples/harbour-bank/manifest.yaml --format json")
    command = readme[start : readme.index("\n", readme.index("--require", start))].replace("\\\n", " ")
    args = command.split("#")[0].split()[1:]
    assert args[args.index("--out") + 1] == "result.json"
    monkeypatch.chdir(ROOT)
    args[args.index("--out") + 1] = str(tmp_path / "result.json")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert args.count("--require") == 3
    data = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert data["manifest"]["organisation"].startswith("Harbour Bank")


def test_evaluate_require_met() -> None:
    result = run("evaluate", CCOM_PASSES, "--require", "ccom_sj_t_11739:pass")
    assert result.exit_code == 0, result.stderr
    assert "requirement not met" not in result.stderr

    levels = run("evaluate", CMM_L2, "--pack", "cc_cmm", "--require", "cc_cmm:L2", "--require", "cc_cmm:l1")
    assert levels.exit_code == 0, levels.stderr


def test_evaluate_require_not_met() -> None:
    result = run("evaluate", CMM_L2, "--require", "cc_cmm:L2", "--require", "cc_cmm:L3", "--require", "ccom_sj_t_11739:pass")
    assert result.exit_code == 1
    assert "■ cc_cmm" in result.stdout  # the report is still given
    unmet = [line for line in result.stderr.splitlines() if line.startswith("requirement not met:")]
    assert len(unmet) == 2
    assert "cc_cmm: needs L3, certifiable L2" in unmet[0]
    assert "ccom_sj_t_11739: needs a pass, got fail" in unmet[1]


def test_evaluate_require_score() -> None:
    data = json.loads(run("evaluate", CMM_L2, "--format", "json", "--pack", "cccs_op_2003").stdout)
    score = data["packs"][0]["outcome"]["score"]
    assert run("evaluate", CMM_L2, "--pack", "cccs_op_2003", "--require", f"cccs_op_2003:{score}").exit_code == 0
    assert run("evaluate", CMM_L2, "--pack", "cccs_op_2003", "--require", f"cccs_op_2003:{score + 1}").exit_code == 1


@pytest.mark.parametrize(
    "expr, message",
    [
        ("cc_cmm", "cannot read --require 'cc_cmm'"),
        ("cc_cmm:gold", "cannot read --require 'cc_cmm:gold'"),
        ("cc_cmm:pass", "':pass' needs a pass_fail pack"),
        ("cccs_op_2003:L2", "':L<n>' needs a maturity_levels pack"),
        ("cc_cmm:61", "':<score>' needs a weighted_bands pack"),
        ("nope:pass", "pack 'nope' was not evaluated"),
        ("ccom_sj_t_11739:pass", "pack 'ccom_sj_t_11739' was not evaluated"),
    ],
)
def test_evaluate_malformed_require(expr: str, message: str, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run("evaluate", CMM_L2, "--pack", "cc_cmm", "--pack", "cccs_op_2003", "--require", expr, "--out", out)
    _usage_error(result, message)
    assert not out.exists(), "a usage error writes no output"


def test_evaluate_invalid_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "bad_input" / "manifest_many_errors")
    result = run("evaluate", "manifest.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "manifest.yaml:6:1: error E003 unknown key 'assesment'; did you mean 'assessment'? (at $.assesment)" in result.stderr
    assert "10 error(s), 0 warning(s)" in result.stderr


def test_evaluate_missing_manifest(tmp_path: Path) -> None:
    result = run("evaluate", tmp_path / "absent.yaml")
    assert result.exit_code == 2
    assert "error E010 file not found" in result.stderr


def test_evaluate_unknown_finding_target(tmp_path: Path) -> None:
    data = yaml.safe_load(CMM_L2.read_text(encoding="utf-8"))
    data["findings"] = [*data["findings"], {"pack": "cc_cmm", "target": "999", "c_rate": 10}]
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("evaluate", manifest)
    assert result.exit_code == 2
    assert "error E007 cc_cmm has no clause or checkpoint '999'" in result.stderr


# ---------------------------------------------------------------------------- explain


def test_explain_clause() -> None:
    result = run("explain", "ccom_sj_t_11739", "6.7.2")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("ccom_sj_t_11739 6.7.2 — ")
    assert "Requirement: " in text
    assert "Prerequisites:\n  6.7.1 " in text
    assert "Checkpoints:\n  6.7.2.a " in text
    assert "[drill_record]" in text  # the evidence each checkpoint needs


def test_explain_checkpoint_and_parent() -> None:
    checkpoint = run("explain", "ccom_sj_t_11739", "6.7.2.a")
    assert checkpoint.exit_code == 0
    assert checkpoint.stdout.startswith("ccom_sj_t_11739 checkpoint 6.7.2.a of clause 6.7.2")

    parent = run("explain", "ccom_sj_t_11739", "6.7")
    assert parent.exit_code == 0
    assert "Sub-clauses:" in parent.stdout and "  6.7.2 " in parent.stdout


@pytest.mark.parametrize("pack_id, clause", [("ccom_sj_t_11739", "99.9"), ("cc_cmm", "6.7.2"), ("cccs_op_2003", "")])
def test_explain_unknown_clause(pack_id: str, clause: str) -> None:
    result = run("explain", pack_id, clause)
    _usage_error(result, f"{pack_id} has no clause or checkpoint {clause!r}")


# ---------------------------------------------------------------------------- gaps


def test_gaps_text() -> None:
    result = run("gaps", GAPS_MANIFEST, "--pack", "ccom_sj_t_11739")
    assert result.exit_code == 0
    text = result.stdout
    for heading in ("Root causes (", "Blocked (", "Evidence blast radius", "Targets", "Remediation plan ("):
        assert heading in text
    assert "ccom_sj_t_11739:pass" in text


def test_gaps_json() -> None:
    result = run("gaps", GAPS_MANIFEST, "--pack", "ccom_sj_t_11739", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"engine_version", "manifest_sha256", "assessment_date", "gaps", "plan"}
    assert data["assessment_date"] == "2026-06-30"
    assert data["gaps"]["packs"] == ["ccom_sj_t_11739"]
    assert data["gaps"]["roots"]
    assert {gap["pack"] for gap in data["gaps"]["roots"]} == {"ccom_sj_t_11739"}
    assert [t["target"] for t in data["plan"]["targets"]] == ["ccom_sj_t_11739:pass"]
    evaluated = json.loads(run("evaluate", GAPS_MANIFEST, "--format", "json").stdout)
    assert data["manifest_sha256"] == evaluated["manifest"]["sha256"]


def test_gaps_dot() -> None:
    result = run("gaps", GAPS_MANIFEST, "--format", "dot")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("digraph gaps {\n") and text.endswith("}\n")
    assert " -> " in text
    assert text.count("{") == text.count("}")


def test_gaps_mermaid() -> None:
    result = run("gaps", GAPS_MANIFEST, "--format", "mermaid")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "flowchart LR"
    assert any("-->" in line or "-.->" in line for line in lines)


def test_gaps_target_reached_and_unreachable() -> None:
    already = run("gaps", GAPS_MANIFEST, "--pack", "cccs_op_2003", "--target", "cccs_op_2003:5", "--format", "json")
    assert already.exit_code == 0
    (status,) = json.loads(already.stdout)["plan"]["targets"]
    assert status["target"] == "cccs_op_2003:5" and status["reached"] and status["reason"] == "already met"

    stepwise = run("gaps", GAPS_MANIFEST, "--pack", "cc_cmm", "--target", "cc_cmm:L5")
    assert stepwise.exit_code == 1
    assert "✗ cc_cmm:L5: certification is stepwise" in stepwise.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("--target", "cc_cmm"), "cannot read --target 'cc_cmm'"),
        (("--pack", "cc_cmm", "--target", "ccom_sj_t_11739:pass"), "--target names 'ccom_sj_t_11739', which is not evaluated"),
        (("--format", "svg"), "'svg' is not one of"),
        (("--target", "cc_cmm:pass"), "--target cc_cmm: cc_cmm is scored maturity_levels; ':pass' needs a pass_fail pack"),
    ],
)
def test_gaps_usage_errors(args: tuple[str, ...], message: str) -> None:
    _usage_error(run("gaps", GAPS_MANIFEST, *args), message)


def test_gaps_out(tmp_path: Path, keep: Callable[..., None]) -> None:
    out = tmp_path / "gaps.dot"
    assert run("gaps", GAPS_MANIFEST, "--format", "dot", "--out", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("digraph gaps {")
    manifest = Path(shutil.copy(GAPS_MANIFEST, tmp_path / "manifest.yaml"))
    keep(manifest)
    _usage_error(run("gaps", manifest, "--format", "mermaid", "--out", manifest), "is an input file")


# ---------------------------------------------------------------------------- demo and test


def test_demo() -> None:
    if not (EXAMPLES / "harbour-bank" / "manifest.yaml").is_file():
        pytest.skip("examples/harbour-bank is not there yet")
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    assert "harbour-bank" in result.stdout
    for pack_id in PACK_IDS:
        assert f"■ {pack_id} " in result.stdout
    as_json = run("demo", "--format", "json")
    assert as_json.exit_code == 0
    assert [p["pack"]["id"] for p in json.loads(as_json.stdout)["packs"]] == list(PACK_IDS)


def test_demo_evaluate_and_gaps_leave_the_collector_as_they_found_it() -> None:
    """They rest the cyclic collector while reading and evaluating their inputs and leave all that alone
    afterwards: when they end, the collector runs again over everything (nothing stays frozen)."""
    import gc

    manifest = EXAMPLES / "harbour-bank" / "manifest.yaml"
    for args in (("demo",), ("evaluate", manifest), ("evaluate", manifest, "--pack", "nope"), ("gaps", manifest)):
        assert gc.isenabled() and gc.get_freeze_count() == 0
        result = run(*args)
        assert result.exit_code == (2 if "nope" in args else 0), result.stderr
        assert gc.isenabled() and gc.get_freeze_count() == 0, args


def test_test_runs_the_packs_cases() -> None:
    result = run("test")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    cases = sorted(p for p in PACKS_HOME.glob("*/cases/*") if (p / "manifest.yaml").is_file())
    assert lines[-1] == f"{len(cases)} passed, 0 failed"
    assert {line.split()[1] for line in lines[:-1] if line.startswith("ok")} == {
        f"{c.parent.parent.name}/{c.name}" for c in cases
    }


def test_test_reports_a_failing_case(tmp_path: Path) -> None:
    pack_dir = Path(shutil.copytree(FIXTURE_PACKS / "mini_pf", tmp_path / "mini_pf"))
    for name, passed in (("passes", "true"), ("one_cel", "true")):
        case = pack_dir / "cases" / name
        case.mkdir(parents=True)
        shutil.copy(CASES / "scoring" / "mini_pf" / name / "manifest.yaml", case / "manifest.yaml")
        (case / "expected.yaml").write_text(f"outcome:\n  passed: {passed}\n", encoding="utf-8")
    result = run("test", pack_dir)
    assert result.exit_code == 1
    assert "ok   mini_pf/passes" in result.stdout
    assert "FAIL mini_pf/one_cel" in result.stdout
    assert "outcome.passed: expected True, got False" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed"


def test_test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    _usage_error(run("test", tmp_path / "absent"))


# ---------------------------------------------------------------------------- packs under edit


def test_packs_under_edit_are_used_by_path(tmp_path: Path) -> None:
    """An editor evaluates and validates against the pack folder they are changing, not the
    installed copy: `--pack DIR`, and pack folders given to `validate` beside a manifest."""
    pack = Path(shutil.copytree(FIXTURE_PACKS / "mini_pf", tmp_path / "mini_pf"))
    manifest = CASES / "scoring" / "mini_pf" / "passes" / "manifest.yaml"

    evaluated = run("evaluate", manifest, "--pack", pack, "--format", "json", "--require", "mini_pf:pass")
    assert evaluated.exit_code == 0, evaluated.output
    assert [p["pack"]["id"] for p in json.loads(evaluated.stdout)["packs"]] == ["mini_pf"]
    _usage_error(run("evaluate", manifest, "--pack", pack, "--out", pack / "pack.yaml"), "is an input file")

    # Checked against the folder given: its clause ids are known, so no warning or error.
    checked = run("validate", pack, manifest)
    assert checked.exit_code == 0, checked.output
    assert "ok  pack mini_pf 1.0.0" in checked.stdout and "E007" not in checked.output

    # A finding naming a clause the edited pack no longer has is reported against it.
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(text.replace('id: "6.8"', 'id: "6.9"').replace('"6.8.', '"6.9.'), encoding="utf-8")
    stale = tmp_path / "manifest.yaml"
    stale.write_text(
        manifest.read_text(encoding="utf-8") + "not_applicable:\n- {pack: mini_pf, target: '6.8', reason: no drills}\n",
        encoding="utf-8",
    )
    broken = run("validate", pack, stale)
    assert broken.exit_code == 2
    assert "E007 mini_pf has no clause or checkpoint '6.8'" in broken.output


def test_validate_reports_an_unknown_pack_id_without_manifests() -> None:
    _usage_error(run("validate", FIXTURE_PACKS / "mini_pf", "--pack", "no_such_pack"), "unknown pack no_such_pack")


def test_gaps_drawings_still_answer_for_targets() -> None:
    """A drawing carries no plan, but an unreachable --target still exits 1."""
    demo = EXAMPLES / "harbour-bank" / "manifest.yaml"
    blocked = run("gaps", demo, "--format", "mermaid", "--target", "cc_cmm:L3")
    assert blocked.exit_code == 1 and blocked.stdout.startswith("flowchart")
    assert run("gaps", demo, "--format", "dot", "--target", "cccs_op_2003:81").exit_code == 0
