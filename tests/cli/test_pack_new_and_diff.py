"""``packs new`` scaffolds a pack that passes as written; ``packs diff`` shows changes, their impact
on outcomes, and whether the version says so."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from ccom_rules.cli import main

from ..conftest import EXAMPLES, ROOT, TESTS

CMM = ROOT / "clause_packs" / "cc_cmm"
CCOM = ROOT / "clause_packs" / "ccom_sj_t_11739"
INBOUND = TESTS / "fixtures" / "overlays" / "cc_cmm_inbound"
MINI_PF = TESTS / "fixtures" / "packs" / "mini_pf"
JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


# ---------------------------------------------------------------------------- packs new


@pytest.mark.parametrize("model", ["pass_fail", "maturity_levels", "weighted_bands"])
def test_a_new_pack_validates_strictly_and_its_case_passes(tmp_path: Path, model: str) -> None:
    folder = tmp_path / "acme"
    made = run("packs", "new", "acme_ops", "--model", model, "--dir", folder)
    assert made.exit_code == 0, made.stderr
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "README.md",
        "cases/complete/expected.yaml",
        "cases/complete/manifest.yaml",
        "pack.yaml",
    ]
    assert yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))["scoring"]["model"] == model
    checked = run("validate", "--strict", folder, folder / "cases" / "complete" / "manifest.yaml")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout.startswith("ok  pack acme_ops 0.1.0\n")
    tested = run("test", folder)
    assert tested.exit_code == 0, tested.stdout
    assert tested.stdout == "ok   acme_ops/complete\n1 passed, 0 failed\n"
    assert "ccom-rules validate --strict" in (folder / "README.md").read_text(encoding="utf-8")
    # the expected outcome is not vacuous: without the monthly reports the case fails
    manifest = folder / "cases" / "complete" / "manifest.yaml"
    kept = [line for line in manifest.read_text(encoding="utf-8").splitlines() if "report-" not in line]
    manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert run("test", folder).exit_code == 1


def test_packs_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("packs", "new", "acme", "--model", "pass_fail", "--dir", tmp_path / "busy")
    assert result.exit_code == 2
    assert "exists and is not an empty folder" in result.stderr
    assert (tmp_path / "busy" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["notes.txt"]
    assert run("packs", "new", "not an id", "--model", "pass_fail", "--dir", tmp_path / "x").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("packs", "new", "acme", "--model", "weighted_bands", "--dir", empty).exit_code == 0


# ---------------------------------------------------------------------------- packs diff


def _edited_copy(tmp_path: Path, version: str, edit: dict[str, tuple[str, str]]) -> Path:
    """A copy of cc_cmm with ``version`` and text replacements per file."""
    copy = tmp_path / f"cc_cmm-{version}"
    shutil.copytree(CMM, copy)
    head = copy / "pack.yaml"
    head.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", head.read_text(encoding="utf-8")), encoding="utf-8")
    for rel, (old, new) in edit.items():
        path = copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_diff_of_a_base_and_its_overlay_shows_changes_and_their_impact() -> None:
    result = run("packs", "diff", "cc_cmm", INBOUND, "--manifest", JADE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    diff = json.loads(result.stdout)
    changes = {(c["what"], c["id"], c["change"]): c for c in diff["changes"]}
    assert ("clause", "47", "removed") in changes and ("checkpoint", "47.m1", "removed") in changes
    assert changes[("clause", "164", "changed")]["fields"] == ["requires"]
    level1 = changes[("scoring", "levels[level=1].min_total", "changed")]
    assert (level1["old"], level1["new"], level1["bump"]) == (2250, 2230, "minor")
    (outcome,) = diff["outcomes"]
    assert outcome["source"] == str(JADE)
    assert "total 2085/3400" in outcome["old"] and "total 2075/3380" in outcome["new"]
    assert {"id": "47", "old": outcome["clauses"][0]["old"], "new": "-"} in outcome["clauses"]
    assert diff["version_note"] == "cc_cmm and cc_cmm_inbound are different packs: no version rule applies"
    text = run("packs", "diff", "cc_cmm", INBOUND, "--manifest", JADE)
    assert "  - removed clause 47  [major]" in text.stdout
    assert "  ~ changed scoring levels[level=1].min_total: 2250 → 2230  [minor]" in text.stdout
    assert "outcomes: 1 of 1 manifest(s) change" in text.stdout


def _mini_pf(tmp_path: Path, name: str, version: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the mini_pf fixture at ``version``, its data changed by ``edit``."""
    data = yaml.safe_load((MINI_PF / "pack.yaml").read_text(encoding="utf-8"))
    data["version"] = version
    edit(data)
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _reword(data: dict[str, Any]) -> None:
    data["clauses"][0]["title"]["en"] = "Strategic planning"


def _fewer_drills(data: dict[str, Any]) -> None:
    data["clauses"][1]["children"][2]["checkpoints"][0]["evidence"]["count"] = 2


def _reguide(data: dict[str, Any]) -> None:  # an assessor's guide is wording, not evidence
    data["clauses"][1]["children"][2]["checkpoints"][1]["evidence"]["guide"] = "Ask three agents to walk through the drill."


def _no_drills(data: dict[str, Any]) -> None:
    del data["clauses"][1]["children"][2]
    data["evidence_types"] = [t for t in data["evidence_types"] if t["id"] != "drill_record"]


@pytest.mark.parametrize(
    "version, edit, needed, ok",
    [
        ("1.0.1", _reword, "patch", True),
        ("1.0.0", _reword, "patch", False),
        ("1.0.1", _fewer_drills, "minor", False),
        ("1.1.0", _fewer_drills, "minor", True),
        ("1.1.0", _no_drills, "major", False),
        ("2.0.0", _no_drills, "major", True),
        ("0.9.0", _reword, "patch", False),
        ("1.0.1", _reguide, "patch", True),
    ],
)
def test_version_lint(tmp_path: Path, version: str, edit: Callable[[dict[str, Any]], None], needed: str, ok: bool) -> None:
    new = _mini_pf(tmp_path, "new", version, edit)
    result = run("packs", "diff", MINI_PF, new, "--check-version", "--format", "json")
    diff = json.loads(result.stdout)
    assert (diff["needed"], diff["version_ok"]) == (needed, ok), diff["version_note"]
    assert result.exit_code == (0 if ok else 1)
    without = run("packs", "diff", MINI_PF, new)  # the verdict is in the output; only --check-version sets the status
    assert without.exit_code == 0
    assert without.stdout.splitlines()[-1].endswith(": ok" if ok else ": NOT OK")
    if edit is _no_drills:
        changes = {(c["what"], c["id"], c["change"]) for c in diff["changes"]}
        assert {
            ("clause", "6.8", "removed"),
            ("checkpoint", "6.8.a", "removed"),
            ("evidence type", "drill_record", "removed"),
        } <= changes


def test_diff_runs_the_packs_own_cases_when_no_manifest_is_given(tmp_path: Path) -> None:
    old_version = yaml.safe_load((CMM / "pack.yaml").read_text(encoding="utf-8"))["version"]
    major, minor, _ = old_version.split(".")
    version = f"{major}.{int(minor) + 1}.0"
    new = _edited_copy(tmp_path, version, {"pack.yaml": ("min_total: 2250", "min_total: 2240")})
    result = run("packs", "diff", CMM, new)
    assert result.exit_code == 0, result.stderr
    assert "outcomes: 1 of 14 manifest(s) change" in result.stdout
    assert "  case l1_total_2245" in result.stdout
    verdict = f"{old_version} → {version} is a minor bump; the changes need minor (changed scoring levels[level=1].min_total): ok"
    assert f"version: {verdict}" in result.stdout
    same = _edited_copy(tmp_path / "same", old_version, {"pack.yaml": ("min_total: 2250", "min_total: 2240")})
    kept = run("packs", "diff", CMM, same, "--check-version")
    assert kept.exit_code == 1
    assert f"version: {old_version} → {old_version} keeps the version; the changes need minor" in kept.stdout


def test_scoring_wording_needs_a_patch_and_a_threshold_a_minor_bump(tmp_path: Path) -> None:
    fixture = TESTS / "fixtures" / "packs" / "mini_bands"
    data = yaml.safe_load((fixture / "pack.yaml").read_text(encoding="utf-8"))
    data["version"] = "1.0.1"
    data["scoring"]["bands"][1]["title"]["en"] = "Certified on condition"
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    wording = json.loads(run("packs", "diff", fixture, tmp_path / "wording", "--format", "json").stdout)
    assert [(c["id"], c["bump"]) for c in wording["changes"]] == [("bands[id=conditional].title.en", "patch")]
    assert wording["version_ok"]
    data["scoring"]["bands"][0]["max"], data["scoring"]["bands"][1]["min"] = 45, 46
    (tmp_path / "threshold").mkdir()
    (tmp_path / "threshold" / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("packs", "diff", fixture, tmp_path / "threshold", "--check-version", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["needed"] == "minor"
