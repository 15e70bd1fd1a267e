"""Same packs, same manifest, same assessment date: the same bytes, whatever else differs —
another run, another process, another hash seed, the order of the manifest's lists, the
layout of the YAML, the day the evaluation runs."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import ccom_rules
from ccom_rules import Result, evaluate, installed_packs, load_manifest, load_pack
from ccom_rules.cli import main
from ccom_rules.loader import PACK_FILE
from ccom_rules.report.json import render

from ..conftest import ROOT, real_packs

PACKS_HOME = ROOT / "clause_packs"
CCOM_PASSES = PACKS_HOME / "ccom_sj_t_11739" / "cases" / "complete-centre-passes" / "manifest.yaml"
CCOM_NOT_APPLICABLE = PACKS_HOME / "ccom_sj_t_11739" / "cases" / "no-partners-declared-not-applicable" / "manifest.yaml"
CMM_L4 = PACKS_HOME / "cc_cmm" / "cases" / "l4_exact_thresholds" / "manifest.yaml"
CMM_L5_EVIDENCE = PACKS_HOME / "cc_cmm" / "cases" / "l5_evidence_four_years" / "manifest.yaml"
CCCS_RECORDS = PACKS_HOME / "cccs_op_2003" / "cases" / "evidence_only_records" / "manifest.yaml"
GAPS_MANIFEST = ROOT / "tests" / "cases" / "gaps" / "cross_pack_blast_radius" / "manifest.yaml"

_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def result_json(manifest: Path, packs: Any = None) -> str:
    packs = list(real_packs()) if packs is None else packs
    return render(evaluate(packs, load_manifest(manifest, packs)))


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)


def write_yaml(path: Path, data: Any, **style: Any) -> Path:
    path.write_text(yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, width=4096, **style), encoding="utf-8")
    return path


def reversed_keys(data: Any) -> Any:
    """The same data with every mapping's keys in reverse order."""
    if isinstance(data, dict):
        return {k: reversed_keys(v) for k, v in reversed(list(data.items()))}
    if isinstance(data, list):
        return [reversed_keys(v) for v in data]
    return data


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    src = str(Path(ccom_rules.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


# ---------------------------------------------------------------------------- same inputs, same bytes


def test_two_in_process_runs_give_identical_bytes() -> None:
    fresh = installed_packs()  # parsed again from the files, not the session's cached objects
    one = result_json(CCOM_PASSES)
    two = result_json(CCOM_PASSES, fresh)
    assert one == two
    assert (
        evaluate(fresh, load_manifest(CCOM_PASSES, fresh)).model_dump_json() == Result.model_validate_json(one).model_dump_json()
    )


def test_another_process_and_hash_seed_give_identical_bytes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ccom_rules", "evaluate", str(CCOM_PASSES), "--format", "json"],
        capture_output=True,
        cwd=tmp_path,
        env=_env(PYTHONHASHSEED="1"),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == result_json(CCOM_PASSES)


def test_gap_analysis_is_the_same_in_another_process(tmp_path: Path) -> None:
    args = ["gaps", str(GAPS_MANIFEST), "--pack", "ccom_sj_t_11739", "--format", "json"]
    in_process = CliRunner().invoke(main, args)
    assert in_process.exit_code == 0, in_process.output
    proc = subprocess.run(
        [sys.executable, "-m", "ccom_rules", *args], capture_output=True, cwd=tmp_path, env=_env(PYTHONHASHSEED="7"), timeout=120
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == in_process.stdout


# ---------------------------------------------------------------------------- the manifest's lists are sets

ORDER_FREE = ("evidence", "people", "findings", "not_applicable", "certified_levels")


@pytest.mark.parametrize("manifest", [CCOM_PASSES, CCOM_NOT_APPLICABLE, CMM_L4], ids=lambda p: p.parent.name)
def test_order_of_evidence_people_and_findings_never_matters(manifest: Path, tmp_path: Path) -> None:
    expected = result_json(manifest)
    data = read_yaml(manifest)
    assert sum(len(data.get(key, [])) for key in ORDER_FREE) > 20
    rnd = random.Random(20260630)
    for n in range(2):
        shuffled = dict(data)
        for key in ORDER_FREE:
            if key in shuffled:
                shuffled[key] = rnd.sample(shuffled[key], len(shuffled[key]))
        assert shuffled != data
        path = write_yaml(tmp_path / f"shuffled{n}.yaml", shuffled, sort_keys=False)
        assert result_json(path) == expected


def test_yaml_layout_of_the_manifest_never_matters(tmp_path: Path) -> None:
    expected = result_json(CCOM_NOT_APPLICABLE)
    data = read_yaml(CCOM_NOT_APPLICABLE)
    sorted_block = write_yaml(tmp_path / "sorted.yaml", data, sort_keys=True, default_flow_style=False)
    reversed_flow = write_yaml(tmp_path / "flow.yaml", reversed_keys(data), sort_keys=False, default_flow_style=True)
    as_json = tmp_path / "manifest.json"
    as_json.write_text(json.dumps(data, default=str, indent=1), encoding="utf-8")
    for path in (sorted_block, reversed_flow, as_json):
        assert result_json(path) == expected, path.name


def test_a_real_change_does_change_the_manifest_hash(tmp_path: Path) -> None:
    data = read_yaml(CCOM_PASSES)
    data["evidence"][0]["title"] += " (revised)"
    changed = json.loads(result_json(write_yaml(tmp_path / "changed.yaml", data, sort_keys=False)))
    assert changed["manifest"]["sha256"] != json.loads(result_json(CCOM_PASSES))["manifest"]["sha256"]


# ---------------------------------------------------------------------------- a pack's identity is its content
# canonical.py: sha256 of sorted-key JSON of the pack's content, "however it is split into files".


def _copy_pack(pack_id: str, to: Path) -> Path:
    return Path(shutil.copytree(PACKS_HOME / pack_id, to / pack_id, ignore=shutil.ignore_patterns("cases")))


def _yaml_files(pack_dir: Path) -> list[Path]:
    head = pack_dir / PACK_FILE
    return [head, *(pack_dir / rel for rel in read_yaml(head).get("include", []))]


@pytest.mark.parametrize("pack_id", ["cc_cmm", "cccs_op_2003", "ccom_sj_t_11739"])
def test_pack_sha256_ignores_yaml_layout_and_key_order(pack_id: str, tmp_path: Path) -> None:
    original = {p.id: p for p in real_packs()}[pack_id]
    styles = {
        "sorted_block": lambda d: (d, {"sort_keys": True, "default_flow_style": False}),
        "reversed_flow": lambda d: (reversed_keys(d), {"sort_keys": False, "default_flow_style": True}),
    }
    for name, style in styles.items():
        pack_dir = _copy_pack(pack_id, tmp_path / name)
        for path in _yaml_files(pack_dir):
            data, options = style(read_yaml(path))
            write_yaml(path, data, **options)
        assert (pack_dir / PACK_FILE).read_bytes() != (PACKS_HOME / pack_id / PACK_FILE).read_bytes()
        assert load_pack(pack_dir).sha256 == original.sha256, name


@pytest.mark.parametrize("pack_id", ["cc_cmm", "ccom_sj_t_11739"])
def test_pack_sha256_ignores_how_the_pack_is_split_into_files(pack_id: str, tmp_path: Path) -> None:
    original = {p.id: p for p in real_packs()}[pack_id]
    pack_dir = _copy_pack(pack_id, tmp_path)
    head = read_yaml(pack_dir / PACK_FILE)
    for rel in head.pop("include"):
        part = read_yaml(pack_dir / rel)
        for key in ("evidence_types", "clauses"):
            head[key] = [*head.get(key, []), *part.get(key, [])]
        (pack_dir / rel).unlink()
    write_yaml(pack_dir / PACK_FILE, head, sort_keys=False)
    merged = load_pack(pack_dir)
    assert merged.include == ()
    assert merged.sha256 == original.sha256


def test_a_real_change_does_change_the_pack_sha256(tmp_path: Path) -> None:
    original = {p.id: p for p in real_packs()}["ccom_sj_t_11739"]
    pack_dir = _copy_pack("ccom_sj_t_11739", tmp_path)
    head = read_yaml(pack_dir / PACK_FILE)
    head["title"]["en"] += "."
    write_yaml(pack_dir / PACK_FILE, head, sort_keys=False)
    assert load_pack(pack_dir).sha256 != original.sha256


# ---------------------------------------------------------------------------- no clock
# The assessment date is the only "today" the engine knows. Moving every date of a manifest by
# 28 years (the Gregorian calendar repeats: same weekdays, same leap days) moves the result's
# date and nothing else. An engine that read the clock would find the same evidence 28 years
# older (or from the future) and decide differently.

SHIFT = 28
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD_TEXT = re.compile(r"^\d{4}(?:-(?:\d{2}|Q[1-4]))?$")


def shifted(data: Any, years: int, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: shifted(v, years, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [shifted(v, years, key) for v in data]
    if isinstance(data, dt.date):
        return data.replace(year=data.year + years)
    if key == "period" and isinstance(data, int):
        return data + years
    if isinstance(data, str) and (_DATE_TEXT.match(data) or (key == "period" and _PERIOD_TEXT.match(data))):
        return f"{int(data[:4]) + years:04d}{data[4:]}"
    return data


def decisions(result: Result) -> dict[str, Any]:
    """Everything an evaluation decides, without the text that quotes dates and periods."""
    out: dict[str, Any] = {}
    for pack in result.packs:
        outcome = pack.outcome.model_dump(mode="json")
        if pack.outcome.model == "pass_fail":
            outcome["nonconformities"] = [(n["clause"], n["status"]) for n in outcome["nonconformities"]]
            outcome["prerequisites"] = [(p["id"], p["held"]) for p in outcome["prerequisites"]]
        if pack.outcome.model == "maturity_levels":
            outcome["next_level_gaps"] = [
                (g["level"], g["condition"], g["met"], g["actual"], g["required"]) for g in outcome["next_level_gaps"]
            ]
        out[pack.pack.id] = outcome
        for clause in pack.clauses:
            out[f"{pack.pack.id} {clause.id}"] = (
                clause.status,
                clause.decided_by,
                clause.c_rate,
                clause.f_rate,
                clause.fraction,
                clause.score,
            )
            for cp in clause.checkpoints:
                out[f"{pack.pack.id} {cp.id}"] = (cp.status, cp.decided_by, cp.evidence)
    return out


@pytest.mark.parametrize("manifest", [CCOM_PASSES, CMM_L5_EVIDENCE, CCCS_RECORDS], ids=lambda p: p.parent.name)
def test_evaluation_reads_no_clock(manifest: Path, tmp_path: Path) -> None:
    packs = list(real_packs())
    base = evaluate(packs, load_manifest(manifest, packs))
    data = read_yaml(manifest)
    for years in (-SHIFT, SHIFT):
        path = write_yaml(tmp_path / f"shifted{years}.yaml", shifted(data, years), sort_keys=False)
        moved = evaluate(packs, load_manifest(path, packs))
        assert moved.manifest.assessment_date == base.manifest.assessment_date.replace(
            year=base.manifest.assessment_date.year + years
        )
        assert json.loads(render(moved))["manifest"]["assessment_date"] == moved.manifest.assessment_date.isoformat()
        assert decisions(moved) == decisions(base)


def test_the_no_clock_check_can_fail(tmp_path: Path) -> None:
    """Moving only the assessment date (not the evidence) does change the decisions."""
    packs = list(real_packs())
    base = evaluate(packs, load_manifest(CCOM_PASSES, packs))
    data = read_yaml(CCOM_PASSES)
    data["assessment"]["date"] = data["assessment"]["date"].replace(year=data["assessment"]["date"].year + 3)
    later = evaluate(packs, load_manifest(write_yaml(tmp_path / "later.yaml", data, sort_keys=False), packs))
    assert decisions(later) != decisions(base)
    assert base.pack("ccom_sj_t_11739").outcome.passed and not later.pack("ccom_sj_t_11739").outcome.passed  # type: ignore[union-attr]


_CLOCK_CALLS = {"today", "now", "utcnow", "time", "time_ns", "localtime", "gmtime", "monotonic", "perf_counter"}


_CLOCK_ALLOWED = {"cli_run.py: date.today()", "cachedir.py: time.time()"}
"""The readings of the clock: ``--as-of today``, asked for by the user, turned into a date by
the command line (and recorded in the result); and the cache folder's housekeeping (which entries
were used lately, which temporary files were left behind), which decides what stays in the cache
folder, never what a result holds."""


def test_no_module_calls_the_clock() -> None:
    """A guard beside the behavioural test: no call such as ``date.today()``, ``datetime.now()``
    or ``time.time()`` anywhere in the package (the CLI included: it has no date defaults), except
    where ``--as-of today`` is read and where the cache folder is tidied."""
    package = Path(ccom_rules.__file__).resolve().parent
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CLOCK_CALLS:
                if isinstance(node.func.value, ast.Name) and node.func.value.id in {"date", "datetime", "dt", "time"}:
                    call = f"{path.relative_to(package)}: {node.func.value.id}.{node.func.attr}()"
                    if call not in _CLOCK_ALLOWED:
                        found.append(call.replace(": ", f":{node.lineno}: ", 1))
            if isinstance(node, ast.ImportFrom) and node.module == "time":
                found.append(f"{path.relative_to(package)}:{node.lineno}: from time import …")
    assert found == []
