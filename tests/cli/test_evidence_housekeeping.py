"""``ccom-rules evidence sync`` and ``ccom-rules checklist``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import yaml

from .test_cli import _env, _packs_parsed_once, run  # noqa: F401  (the fixture is autouse)

MANIFEST = """\
# yaml-language-server: $schema=../schemas/evidence-manifest.schema.json
# Our centre: kept by hand, comments matter.
manifest_version: 1
organisation: {{name: X, sourcing: in_house, industry: banking, operations_began: 2010-01-01, seats: 10}}
assessment:
  date: 2026-06-30
evidence_root: evidence
evidence:
# the plan, signed
- id: plan
  type: strategic_plan
  title: Plan
  path: docs/plan.txt   # scanned copy
  date: 2026-01-01
- path: docs/drill.txt
  id: drill
  type: drill_report
  title: Drill
  date: 2026-02-01
- id: policy
  type: security_policy
  title: Policy
  path: docs/policy.txt
  sha256: "{stale}"
  date: 2026-01-01
- {{id: gone, type: drill_report, title: Gone, path: docs/gone.txt, date: 2026-03-01}}
- {{id: flow, type: drill_report, title: Flow, path: docs/flow.txt, date: 2026-03-01}}
"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _repo(tmp_path: Path) -> Path:
    docs = tmp_path / "evidence" / "docs"
    docs.mkdir(parents=True)
    for name in ("plan", "drill", "policy", "flow", "unused"):
        (docs / f"{name}.txt").write_bytes(name.encode())
    (tmp_path / "evidence" / ".hidden").write_text("x")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(MANIFEST.format(stale="0" * 64), encoding="utf-8")
    return manifest


def test_sync_writes_a_new_manifest_keeping_comments_and_order(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    before = manifest.read_bytes()
    out = tmp_path / "synced.yaml"
    result = run("evidence", "sync", manifest, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert manifest.read_bytes() == before  # never overwritten
    err = result.stderr
    assert "sha256 added    plan  docs/plan.txt" in err
    assert "sha256 added    drill  docs/drill.txt" in err
    assert "sha256 added    flow  docs/flow.txt" in err
    assert "sha256 changed  policy  docs/policy.txt (was 000000000000…" in err
    assert "file missing    gone  docs/gone.txt" in err and "manifest.yaml:26)" in err
    assert "orphan          docs/unused.txt (no item names it)" in err
    assert ".hidden" not in err
    assert "3 sha256 added, 1 changed, 1 missing file(s), 1 orphan(s)" in err
    text = out.read_text(encoding="utf-8")
    # every comment and the order of keys and items are as they were; only sha256 lines differ
    old_lines = [x for x in before.decode().splitlines() if "sha256" not in x and "flow" not in x]
    new_lines = [x for x in text.splitlines() if "sha256" not in x and "flow" not in x]
    assert old_lines == new_lines
    assert "  path: docs/plan.txt   # scanned copy" in text
    data = yaml.safe_load(text)
    got = {e["id"]: e.get("sha256") for e in data["evidence"]}
    assert got == {
        "plan": _sha(b"plan"),
        "drill": _sha(b"drill"),
        "policy": _sha(b"policy"),
        "gone": None,
        "flow": _sha(b"flow"),
    }
    assert [e["id"] for e in data["evidence"]] == ["plan", "drill", "policy", "gone", "flow"]
    # the new manifest now validates but for the missing file, and sync finds nothing more to do
    check = run("evidence", "sync", out, "--check")
    assert check.exit_code == 1  # the file that is gone and the orphan remain
    assert "0 sha256 added, 0 changed, 1 missing file(s), 1 orphan(s)" in check.stderr


def test_sync_refuses_to_overwrite_the_manifest(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    before = manifest.read_bytes()
    result = run("evidence", "sync", manifest, "--out", manifest)
    assert result.exit_code == 2
    assert "is the manifest itself" in result.stderr
    assert manifest.read_bytes() == before
    evidence_file = tmp_path / "evidence" / "docs" / "plan.txt"
    clobber = run("evidence", "sync", manifest, "--out", evidence_file)
    assert clobber.exit_code == 2
    assert evidence_file.read_bytes() == b"plan"


def test_sync_diff_applies_with_git_apply(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "ccom_rules", "evidence", "sync", "manifest.yaml", "--diff"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert result.returncode == 0, result.stderr
    patch = result.stdout
    assert patch.startswith("--- a/manifest.yaml\n+++ b/manifest.yaml\n")
    assert f"+  sha256: {_sha(b'plan')}\n" in patch
    assert f'+  sha256: "{_sha(b"policy")}"\n' in patch
    (tmp_path / "fix.patch").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    after = run("evidence", "sync", manifest, "--check")
    assert "0 sha256 added, 0 changed" in after.stderr


def test_sync_keeps_crlf_line_breaks(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    manifest.write_bytes(manifest.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "synced.yaml"
    assert run("evidence", "sync", manifest, "--out", out).exit_code == 0
    data = out.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert f"  sha256: {_sha(b'plan')}\r\n".encode() in data


def test_sync_stops_on_other_errors(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("  type: strategic_plan\n", "  tpye: strategic_plan\n"))
    result = run("evidence", "sync", manifest, "--diff")
    assert result.exit_code == 2
    assert "E003 unknown key 'tpye'" in result.stderr
    assert result.stdout == ""


def test_sync_reports_a_symbolic_link_loop_as_a_missing_file_not_a_crash(tmp_path: Path) -> None:
    manifest = _repo(tmp_path)
    docs = tmp_path / "evidence" / "docs"
    (docs / "gone.txt").symlink_to("loop.txt")  # an item names it
    (docs / "loop.txt").symlink_to("gone.txt")  # no item names it
    result = run("evidence", "sync", manifest, "--diff")
    assert result.exit_code == 0, result.stderr
    assert "file missing    gone  docs/gone.txt" in result.stderr
    assert "orphan          docs/loop.txt (no item names it)" in result.stderr
    assert "orphan          docs/gone.txt" not in result.stderr
    assert "3 sha256 added, 1 changed, 1 missing file(s), 2 orphan(s)" in result.stderr


# ---------------------------------------------------------------------------- checklist


def test_checklist_markdown_names_types_asks_and_clauses() -> None:
    result = run("checklist", "ccom_sj_t_11739")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Evidence checklist — ccom_sj_t_11739 ")
    assert "## `drill_plan` — " in text
    assert "| ccom_sj_t_11739 | continuous: period month, count 12 | " in text
    assert "## Certified people: `CEL`" in text
    assert "certified_people: min_count 2 | condition cel_facilitators |" in text


def test_checklist_json_and_csv_cover_every_pack() -> None:
    data = json.loads(run("checklist", "--format", "json").stdout)
    assert [p["id"] for p in data["packs"]] == ["cc_cmm", "cccs_op_2003", "ccom_sj_t_11739"]
    by_type = {e["type"]: e for e in data["evidence"]}
    plan = by_type["annual_business_plan"]
    assert {a["pack"] for a in plan["asks"]} >= {"cc_cmm", "cccs_op_2003"}
    fresh = [a for a in plan["asks"] if a["kind"] == "fresh" and a["pack"] == "cc_cmm"]
    assert fresh and fresh[0]["params"] == {"max_age_days": 365} and "4" in fresh[0]["clauses"]
    metrics = [a for e in data["evidence"] for a in e["asks"] if a["kind"] == "metric"]
    assert metrics and all("metric" in a["params"] for a in metrics)
    rows = list(csv.DictReader(io.StringIO(run("checklist", "--format", "csv").stdout)))
    assert {r["evidence_type"] for r in rows} == set(by_type) | {f"people:{p['scheme']}" for p in data["people"]}
    assert all(r["clauses"] for r in rows)


def test_checklist_unknown_pack_is_a_usage_error() -> None:
    result = run("checklist", "no_such_pack")
    assert result.exit_code == 2 and "unknown pack no_such_pack" in result.stderr
