"""The JSON Schemas in ``schemas/`` are generated from the models, are what every YAML file
points its editor at, and accept every pack, manifest and result the project ships or makes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

import ccom_rules
import ccom_rules.loader
from ccom_rules import evaluate, load_manifest
from ccom_rules.cli import main
from ccom_rules.report.json import render
from ccom_rules.schemas import SCHEMAS, schema_text

from ..conftest import CASES, EXAMPLES, FIXTURE_PACKS, ROOT, real_packs

SCHEMA_DIR = ROOT / "schemas"
PACKS_HOME = ROOT / "clause_packs"
PACK_SCHEMA, FRAGMENT_SCHEMA = "clause-pack.schema.json", "clause-pack-fragment.schema.json"
MANIFEST_SCHEMA, RESULT_SCHEMA = "evidence-manifest.schema.json", "result.schema.json"

_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _pack_files() -> dict[Path, str]:
    """Every file of every shipped pack (installed and fixture) → the schema it must point at."""
    files: dict[Path, str] = {}
    for head in sorted([*PACKS_HOME.glob("*/pack.yaml"), *FIXTURE_PACKS.glob("*/pack.yaml")]):
        files[head] = PACK_SCHEMA
        for rel in yaml.load(head.read_text(encoding="utf-8"), Loader=_SafeLoader).get("include", []):
            files[head.parent / rel] = FRAGMENT_SCHEMA
    return files


def _manifests() -> list[Path]:
    """Every test-case and example manifest."""
    return sorted(
        [
            *PACKS_HOME.glob("*/cases/*/manifest.yaml"),
            *(CASES / "gaps").glob("*/manifest.yaml"),
            *(CASES / "scoring").glob("*/*/manifest.yaml"),
            *EXAMPLES.glob("*/manifest.yaml"),
        ]
    )


PACK_FILES = _pack_files()
MANIFESTS = _manifests()


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json_data(data: Any) -> Any:
    """YAML as JSON would carry it: dates (``yaml.safe_load`` makes ``date`` objects) become ISO text."""
    if isinstance(data, dict):
        return {str(k): as_json_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_json_data(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


def load_yaml(path: Path) -> Any:
    return as_json_data(yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader))


def schema_errors(name: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message[:300]}" for e in validator(name).iter_errors(data)]


# ---------------------------------------------------------------------------- generated, not edited


def test_the_inventory_is_not_empty() -> None:
    assert len([p for p, s in PACK_FILES.items() if s == PACK_SCHEMA]) >= 6
    assert len(MANIFESTS) >= 50


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_equals_the_generated_one(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(name), f"schemas/{name} is stale: run python -m ccom_rules.schemas"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_is_a_valid_2020_12_schema(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == name  # relative: resolved against wherever the file is served from


def test_python_dash_m_schemas_writes_the_same_files(tmp_path: Path) -> None:
    env = dict(os.environ)
    src = str(Path(ccom_rules.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    proc = subprocess.run(
        [sys.executable, "-m", "ccom_rules.schemas", str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SCHEMAS)
    for name in SCHEMAS:
        assert (tmp_path / name).read_bytes() == (SCHEMA_DIR / name).read_bytes(), name


# ---------------------------------------------------------------------------- editors find the schema

_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)$")


def _schema_line_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = _SCHEMA_LINE.match(first)
    assert match, f"{_id(path)}: first line is {first!r}, not '# yaml-language-server: $schema=…'"
    return (path.parent / match["ref"]).resolve()


@pytest.mark.parametrize("path", list(PACK_FILES), ids=[_id(p) for p in PACK_FILES])
def test_pack_files_point_at_their_schema(path: Path) -> None:
    target = _schema_line_target(path)
    assert target.is_file(), f"{_id(path)} points at {target}, which does not exist"
    assert target == (SCHEMA_DIR / PACK_FILES[path]).resolve()


@pytest.mark.parametrize("path", MANIFESTS, ids=[_id(p) for p in MANIFESTS])
def test_manifests_point_at_the_manifest_schema(path: Path) -> None:
    target = _schema_line_target(path)
    assert target.is_file(), f"{_id(path)} points at {target}, which does not exist"
    assert target == (SCHEMA_DIR / MANIFEST_SCHEMA).resolve()


def test_the_example_manifests_are_included() -> None:
    if not (EXAMPLES / "harbour-bank" / "manifest.yaml").is_file():
        pytest.skip("examples/harbour-bank is not there yet")
    assert EXAMPLES / "harbour-bank" / "manifest.yaml" in MANIFESTS


# ---------------------------------------------------------------------------- the schemas accept what we ship


@pytest.mark.parametrize("path", list(PACK_FILES), ids=[_id(p) for p in PACK_FILES])
def test_pack_files_validate(path: Path) -> None:
    assert schema_errors(PACK_FILES[path], load_yaml(path)) == []


def test_manifests_validate() -> None:
    # One test for all of them: the schema is compiled once and a failure names every file.
    failures = {_id(p): errs for p in MANIFESTS if (errs := schema_errors(MANIFEST_SCHEMA, load_yaml(p)))}
    assert failures == {}


def test_evaluate_json_validates_against_the_result_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))  # parsed once per session
    manifest = PACKS_HOME / "ccom_sj_t_11739" / "cases" / "complete-centre-passes" / "manifest.yaml"
    result = CliRunner().invoke(main, ["evaluate", str(manifest), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {p["outcome"]["model"] for p in data["packs"]} == {"pass_fail", "maturity_levels", "weighted_bands"}
    assert schema_errors(RESULT_SCHEMA, data) == []


# ---------------------------------------------------------------------------- and reject what the loader rejects


def _good_manifest() -> dict[str, Any]:
    return load_yaml(CASES / "gaps" / "root_and_blocked" / "manifest.yaml")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda m: m.update(assesment=m.pop("assessment")),
        lambda m: m["organisation"].pop("operations_began"),
        lambda m: m["organisation"].update(sourcing="offshore"),
        lambda m: m["assessment"].update(date="2026-13-01"),
        lambda m: m.update(evidence=[{"id": "x", "type": "t", "title": "T", "date": "2026-01-01", "period": "2026-M1"}]),
        lambda m: m.update(manifest_version=2),
    ],
    ids=["unknown_key", "missing_field", "bad_enum", "bad_date", "bad_period", "bad_version"],
)
def test_manifest_schema_rejects_bad_manifests(mutate: Any) -> None:
    data = _good_manifest()
    assert schema_errors(MANIFEST_SCHEMA, data) == []
    mutate(data)
    assert schema_errors(MANIFEST_SCHEMA, data)


def test_pack_schema_rejects_an_unknown_predicate_kind() -> None:
    data = load_yaml(CASES / "bad_input" / "unknown_predicate_kind" / "pack" / "pack.yaml")
    assert schema_errors(PACK_SCHEMA, data)


def test_result_schema_rejects_an_unknown_outcome_model() -> None:
    packs = [p for p in real_packs() if p.id == "cc_cmm"]
    manifest = PACKS_HOME / "cc_cmm" / "cases" / "l2_exact_thresholds" / "manifest.yaml"
    data = json.loads(render(evaluate(packs, load_manifest(manifest, packs))))
    assert schema_errors(RESULT_SCHEMA, data) == []
    data["packs"][0]["outcome"]["model"] = "stars"
    assert schema_errors(RESULT_SCHEMA, data)
