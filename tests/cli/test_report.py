"""`ccom-rules report`: the HTML page a consultant hands the client."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import CASES, EXAMPLES
from .test_cli import _usage_error, run


def test_report_shows_outcomes_gaps_and_plan(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", EXAMPLES / "jade-river-health" / "manifest.yaml", "--target", "cc_cmm:L1", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "Jade River Health Patient Service Centre" in page
    assert "FAIL — 21 nonconformities" in page and "level L0 supported" in page and "54/100" in page
    assert "F share in 1.0–4.0 is 32 %, L1 needs 60 %" in page  # what the next level still needs
    assert "Root causes" in page and "Remediation plan" in page
    assert "<code>cc_cmm:L1</code></td><td>yes</td>" in page  # the target, reached by the plan
    # The same inputs give the same page.
    again = tmp_path / "again.html"
    assert run("report", EXAMPLES / "jade-river-health" / "manifest.yaml", "--target", "cc_cmm:L1", "--out", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_report_shows_an_unreached_target_and_still_exits_0(tmp_path: Path) -> None:
    """The page is the deliverable: a target the plan cannot reach is shown in it, and the page is
    written with exit 0 (``gaps`` signals the same target with exit 1)."""
    manifest = EXAMPLES / "harbour-bank" / "manifest.yaml"
    out = tmp_path / "report.html"
    result = run("report", manifest, "--target", "cc_cmm:L3", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<code>cc_cmm:L3</code></td><td>no</td>" in page and "certification is stepwise" in page
    assert run("gaps", manifest, "--target", "cc_cmm:L3").exit_code == 1


def renamed_manifest(tmp_path: Path, name: str) -> Path:
    """A small manifest whose organisation is called ``name`` (YAML-quoted)."""
    source = CASES / "gaps" / "cross_pack_blast_radius" / "manifest.yaml"
    text = source.read_text(encoding="utf-8")
    old = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("name:"))
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(text.replace(old, name, 1), encoding="utf-8")
    return manifest


def test_report_escapes_what_the_manifest_says(tmp_path: Path) -> None:
    """Names and notes come from the manifest: they are shown as text, never run as markup."""
    manifest = renamed_manifest(tmp_path, '"<script>alert(1)</script> & Co"')
    result = run("report", manifest, "--pack", "ccom_sj_t_11739")
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in result.stdout


def test_report_never_overwrites_an_input(tmp_path: Path) -> None:
    manifest = Path(shutil.copy(CASES / "gaps" / "cross_pack_blast_radius" / "manifest.yaml", tmp_path / "manifest.yaml"))
    before = manifest.read_bytes()
    _usage_error(run("report", manifest, "--pack", "ccom_sj_t_11739", "--out", manifest), "is an input file")
    assert manifest.read_bytes() == before
    _usage_error(run("report", EXAMPLES / "harbour-bank" / "manifest.yaml", "--target", "cc_cmm:pass"), "needs a pass_fail pack")


def test_gaps_text_summarises_the_dated_plan_and_limits_actions() -> None:
    """The plan's summary comes first (phases, workstreams, each target's earliest date); --max-actions limits the list."""
    from click.testing import CliRunner

    from ccom_rules.cli import main

    manifest = str(Path(__file__).parents[2] / "examples" / "jade-river-health" / "manifest.yaml")
    result = CliRunner().invoke(main, ["gaps", manifest, "--max-actions", "5"])
    assert result.exit_code == 0, result.output
    plan = result.output[result.output.index("Remediation plan") :]
    assert "By phase:" in plan and "later:" in plan and "By workstream:" in plan
    assert "Earliest date per target: cc_cmm:L1 2026-06-30" in plan
    assert "5 of " in plan and "not shown (--max-actions)" in plan
    listed = [line for line in plan.splitlines() if line[:6].strip().rstrip(".").isdigit()]
    assert len(listed) == 5
    assert "[now]" in plan and "can be done now (2026-06-30)" in plan
