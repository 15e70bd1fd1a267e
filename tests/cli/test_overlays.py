"""Overlays: a pack that extends another, tailored by remove, patch, add and scoring overrides."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from ccom_rules import load_manifest, load_pack
from ccom_rules.cli import main
from ccom_rules.engine import evaluate

from ..conftest import EXAMPLES, ROOT, TESTS

INBOUND = TESTS / "fixtures" / "overlays" / "cc_cmm_inbound"
CMM = ROOT / "clause_packs" / "cc_cmm"
JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"
L5_CASE = INBOUND / "cases" / "l5_exact_thresholds" / "manifest.yaml"
CMM_VERSION = yaml.safe_load((CMM / "pack.yaml").read_text(encoding="utf-8"))["version"]


def line_of(path: Path, text: str, nth: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the ``nth`` occurrence of ``text`` in ``path``."""
    found = [(n, line.index(text) + 1) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return found[nth - 1]


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def write_overlay(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


HEAD = 'id: tailored\nversion: 1.0.0\nextends: {pack: cc_cmm, version: "^1.0"}\n'


def test_the_overlay_reads_the_base_findings_and_its_cases_pass() -> None:
    checked = run("validate", "--strict", INBOUND)
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout == "ok  pack cc_cmm_inbound 1.0.0\n"
    tested = run("test", INBOUND)
    assert tested.exit_code == 0, tested.stdout
    assert tested.stdout.endswith("3 passed, 0 failed\n")


def test_jade_river_health_under_the_overlay_and_the_base() -> None:
    result = run("evaluate", JADE, "--pack", "cc_cmm", "--pack", INBOUND, "--format", "json")
    assert result.exit_code == 0, result.stderr
    packs = {p["pack"]["id"]: p for p in json.loads(result.stdout)["packs"]}
    base, overlay = packs["cc_cmm"], packs["cc_cmm_inbound"]
    # the base's result has no overlay fields: results of packs that are not overlays are unchanged
    assert set(base["pack"]) == {"id", "version", "sha256", "standard", "title"}
    base_pack = load_pack(CMM)
    assert overlay["pack"]["base"] == {"id": "cc_cmm", "version": CMM_VERSION, "sha256": base_pack.sha256}
    (layer,) = overlay["pack"]["overlays"]
    assert layer["id"] == "cc_cmm_inbound" and layer["version"] == "1.0.0" and len(layer["sha256"]) == 64
    assert overlay["pack"]["sha256"] not in (layer["sha256"], base_pack.sha256)  # the resolved whole
    by_id = {c["id"]: c for c in base["clauses"]}
    mine = {c["id"]: c for c in overlay["clauses"]}
    assert set(by_id) - set(mine) == {"47"}
    # every cc_cmm finding is read by the overlay: the same ratings, decided by the same hands
    fields = ("status", "decided_by", "c_rate", "f_rate", "c_decided_by", "f_decided_by")
    assert [k for k in mine if any(mine[k][f] != by_id[k][f] for f in fields)] == []
    assert [c["checkpoints"] for c in mine.values()] == [by_id[k]["checkpoints"] for k in mine]
    findings = [f for f in yaml.safe_load(JADE.read_text(encoding="utf-8"))["findings"] if f["pack"] == "cc_cmm"]
    assessed = {cp["id"] for c in mine.values() for cp in c["checkpoints"] if cp["decided_by"] == "assessor"}
    assert len(findings) >= 10 and {f["target"] for f in findings} <= assessed | {
        c for c in mine if mine[c]["decided_by"] == "assessor"
    }
    item_47 = by_id["47"]["c_rate"] + by_id["47"]["f_rate"]
    assert overlay["outcome"]["total"] == base["outcome"]["total"] - item_47
    assert overlay["outcome"]["max_total"] == base["outcome"]["max_total"] - 20


def test_not_applicable_declarations_for_the_base_apply_to_the_overlay(tmp_path: Path) -> None:
    data = yaml.safe_load(L5_CASE.read_text(encoding="utf-8"))
    data["not_applicable"] = [{"pack": "cc_cmm", "target": "5.4", "reason": "no lifecycle programmes"}]
    data["findings"].append({"pack": "cc_cmm", "target": "47.m1", "status": "met"})  # about a removed checkpoint: ignored
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    overlay = load_pack(INBOUND)
    loaded = load_manifest(manifest, [overlay])
    result = evaluate([overlay], loaded).pack("cc_cmm_inbound")
    clauses = {c.id: c for c in result.clauses}
    assert clauses["5.4"].status == "not_applicable" and clauses["164"].decided_by == "declaration"
    # the manifest's own identity is unchanged by applying its entries to the overlay
    assert evaluate([overlay], loaded).manifest.sha256 == evaluate([load_pack(CMM)], loaded).manifest.sha256


def test_a_requires_that_points_at_a_removed_clause_is_an_error(tmp_path: Path) -> None:
    pack = write_overlay(tmp_path / "o", HEAD + 'remove: ["47"]\n')
    result = run("validate", pack)
    assert result.exit_code == 2
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"{pack / 'pack.yaml'}:4:10: error E007 removing '47' leaves clause '164' requiring it (")
    requires = line_of(CMM / "clauses" / "5-innovation-improvement.yaml", 'requires: ["163", "47"]')[0]
    assert f"clause_packs/cc_cmm/clauses/5-innovation-improvement.yaml:{requires}:" in line
    assert line.endswith("patch that clause's requires too (at $.remove[0])")


def test_version_constraints_name_the_version_found(tmp_path: Path) -> None:
    for constraint, ok in (
        ("^1.0", True),
        ("~1.0", True),
        (">=1.0,<2", True),
        (CMM_VERSION, True),
        ("^2.0", False),
        ("<1", False),
    ):
        pack = write_overlay(
            tmp_path / constraint.replace("<", "lt").replace(">", "gt").replace(",", "_"), HEAD.replace("^1.0", constraint)
        )
        result = run("validate", pack)
        assert (result.exit_code == 0) == ok, (constraint, result.stderr)
        if not ok:
            assert f"error E022 the base pack cc_cmm is version {CMM_VERSION} (" in result.stderr
            assert f"which does not satisfy {constraint!r} (at $.extends.version)" in result.stderr
    bad = write_overlay(tmp_path / "bad", HEAD.replace("^1.0", "^one"))
    assert "is not a version constraint" in run("validate", bad).stderr


def test_overlays_of_overlays_work_and_cycles_are_refused(tmp_path: Path) -> None:
    shutil.copytree(INBOUND, tmp_path / "shelf" / "cc_cmm_inbound")
    top = write_overlay(
        tmp_path / "shelf" / "strict",
        """id: cc_cmm_inbound_strict
version: 1.0.0
extends: {pack: cc_cmm_inbound, version: "1.0"}
scoring:
  levels:
    - {level: 1, core_c_percent: 90}
evidence_types:
  - {id: callback_log, title: {en: Callback log, zh: 回拨日志}}
add:
  - parent: "2.1.2"
    clauses:
      - id: 47b
        title: {en: Inbound callbacks, zh: 呼入回拨}
        provenance: {kind: authored, heading: "2.1.2 Business processes"}
        checkpoints:
          - {id: 47b.m1, aspect: method, statement: {en: A procedure., zh: 规程。}, evidence: {kind: present, type: process_document}}
          - {id: 47b.e1, aspect: execution, statement: {en: A log., zh: 日志。}, evidence: {kind: present, type: callback_log}}
patch:
  - checkpoint: 48.m1
    statement: {en: Complaints follow the written procedure., zh: 投诉按书面规程处理。}
""",
    )
    shelf = tmp_path / "shelf"
    result = run("evaluate", L5_CASE, "--pack", "cc_cmm_inbound_strict", "--pack-path", shelf, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (pack,) = json.loads(result.stdout)["packs"]
    assert [o["id"] for o in pack["pack"]["overlays"]] == ["cc_cmm_inbound", "cc_cmm_inbound_strict"]
    assert pack["pack"]["base"]["id"] == "cc_cmm"
    assert pack["outcome"]["core"]["items"] == 150 and pack["outcome"]["previous_level"] == 4
    explained = run("explain", "cc_cmm_inbound_strict", "164", "--pack-path", shelf)
    assert f"changed by the overlay: requires ({shelf / 'cc_cmm_inbound' / 'pack.yaml'}:12:15)" in explained.stdout
    assert f"pack: cc_cmm_inbound_strict 1.0.0, an overlay of cc_cmm_inbound 1.0.0 on cc_cmm {CMM_VERSION}" in explained.stdout
    added = run("explain", "cc_cmm_inbound_strict", "47b", "--pack-path", shelf)
    assert f"written at: {top / 'pack.yaml'}:12:9" in added.stdout
    write_overlay(tmp_path / "c1", "id: c1\nversion: 1.0.0\nextends: {pack: c2}\n")
    write_overlay(tmp_path / "c2", "id: c2\nversion: 1.0.0\nextends: {pack: c1}\n")
    cyc = run("validate", tmp_path / "c1", "--pack-path", tmp_path / "c2", "--pack-path", tmp_path / "c1")
    assert cyc.exit_code == 2
    assert "error E022 overlays extend each other in a cycle: c1 → c2 → c1 (at $.extends.pack)" in cyc.stderr


def test_every_mistake_points_at_the_file_that_made_it(tmp_path: Path) -> None:
    pack = write_overlay(
        tmp_path / "o",
        HEAD
        + """remove: ["nope", "4.1"]
patch:
  - clause: 12.m1
    title: {en: x, zh: y}
  - clause: "13"
    statement: {en: x, zh: y}
  - clause: "14"
    requires: ["zzz"]
  - checkpoint: 14.m1
    evidence: {kind: present, type: no_such_type}
add:
  - parent: "99.9"
    clauses: []
    checkpoints: [{id: q, statement: {en: x, zh: y}, evidence: {kind: present, type: x}}]
scoring:
  levels:
    - {level: 1, min_total: 5000}
""",
    )
    result = run("validate", pack)
    assert result.exit_code == 2
    err = result.stderr
    head = str(pack / "pack.yaml")
    assert f"{head}:8:5: error E004 statement is not a field of a clause (at $.patch[1])" in err
    # once the fields are right, the rest is checked, each where it was written
    text = (pack / "pack.yaml").read_text(encoding="utf-8").replace('  - clause: "13"\n    statement: {en: x, zh: y}\n', "")
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    err = run("validate", pack).stderr
    assert f"{head}:4:10: error E007 remove 'nope' names no clause, checkpoint or evidence type of cc_cmm (at $.remove[0])" in err
    assert f"{head}:4:18: error E007 removing '4.1' (and '" in err  # a section and its items: who still requires them
    # the references left dangling are fixed: the rest is checked
    text = (pack / "pack.yaml").read_text(encoding="utf-8").replace('"4.1"]', '"nope"]')
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    err = run("validate", pack).stderr
    assert "error E007 cc_cmm has no clause '12.m1'; it is a checkpoint: write 'checkpoint: 12.m1' (at $.patch[0].clause)" in err
    assert f"{head}:9:16: error E007 clause '14' requires unknown clause 'zzz' (at $.patch[1].requires[0])" in err
    assert "error E007 unknown evidence type 'no_such_type' (not in the pack's catalogue) (at $.patch[2].evidence.type)" in err
    assert "error E007 parent '99.9' is not a clause of cc_cmm (at $.add[0].parent)" in err
    assert "unreachable (at $.scoring.levels[0].min_total)" in err and f"{head}:18:29:" in err
    # the consequence in the base's scoring is reported in the base's file
    line, column = line_of(CMM / "pack.yaml", "min_total:", 2)
    where = f"clause_packs/cc_cmm/pack.yaml:{line}:{column + len('min_total: ')}"
    assert f"{where}: error E012 L2 needs fewer points than L1 (at $.scoring.levels[1].min_total)" in err


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: cc_cmm\nversion: 1.0.0\nextends: {pack: cc_cmm}\n", "an overlay needs an id of its own, not its base's ('cc_cmm')"),
        ("id: x\nversion: 1.0.0\nextends: {pack: cc_cmn}\n", "the base pack 'cc_cmn' is not on the pack path (found: cc_cmm, "),
        (HEAD + "scoring: {model: pass_fail}\n", "an overlay keeps its base's scoring model (maturity_levels)"),
        (HEAD + 'remove: ["47", "47"]\n', "'47' is removed twice"),
    ],
)
def test_overlay_errors(tmp_path: Path, text: str, message: str) -> None:
    result = run("validate", write_overlay(tmp_path / "o", text))
    assert result.exit_code == 2 and message in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("levels", "said"),
    [
        ("[{level: 4, min_total: 3180}, {level: 4, min_total: 3360}]", "E006 level 4 is given twice (first in entry 1)"),
        ("[{level: [1], min_total: 2230}]", "E004 Input should be a valid integer (at $.scoring.levels[0].level)"),
        ("[{level: {a: 1}, min_total: 2230}]", "E004 Input should be a valid integer (at $.scoring.levels[0].level)"),
    ],
    ids=["twice", "list", "mapping"],
)
def test_scoring_entries_of_an_overlay_are_checked_not_merged_blindly(tmp_path: Path, levels: str, said: str) -> None:
    """The same level twice silently kept the second; a list or a mapping as a level made
    merging the scoring raise TypeError (a traceback)."""
    folder = write_overlay(tmp_path / "tailored", HEAD + f"scoring:\n  levels: {levels}\n")
    result = run("validate", folder)
    assert result.exit_code == 2
    assert said in result.stderr, result.stderr
    assert "pack.yaml:5:" in result.stderr
