"""Messages a pack editor meets, and the manifest schema made for given packs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from ccom_rules.cli import main

from ..conftest import EXAMPLES, FIXTURE_PACKS


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_key_of_another_scoring_model_says_which_model_it_belongs_to(tmp_path: Path) -> None:
    pack = tmp_path / "mini_bands"
    shutil.copytree(FIXTURE_PACKS / "mini_bands", pack)
    head = pack / "pack.yaml"
    head.write_text(
        head.read_text(encoding="utf-8").replace(
            "  model: weighted_bands\n", "  model: weighted_bands\n  prerequisites: []\n  stepwise: true\n  bnads: []\n"
        ),
        encoding="utf-8",
    )
    code, _, err = _run("validate", str(pack))
    assert code == 2
    assert (
        "error E003 unknown key 'prerequisites' for the weighted_bands scoring model; it belongs to the pass_fail model "
        "(at $.scoring.prerequisites)" in err
    )
    assert "unknown key 'stepwise' for the weighted_bands scoring model; it belongs to the maturity_levels model" in err
    assert "unknown key 'bnads'; did you mean 'bands'?" in err
    assert "did you mean 'prerequisites'" not in err


def test_schemas_for_packs_offers_their_evidence_types_without_closing_the_list(tmp_path: Path) -> None:
    out = tmp_path / "manifest.schema.json"
    code, _, err = _run("schemas", "--for-packs", "cc_cmm", str(FIXTURE_PACKS / "mini_pf"), "--out", str(out))
    assert code == 0, err
    schema = json.loads(out.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "manifest.schema.json"
    prop = schema["$defs"]["EvidenceItem"]["properties"]["type"]
    assert {"strategic_plan", "drill_record"} <= set(prop["examples"])
    assert {"const": "strategic_plan", "description": "cc_cmm, mini_pf: " + _title("strategic_plan")} in prop["anyOf"]
    assert prop["anyOf"][-1] == {"type": "string"}
    assert "cc_cmm" in schema["$defs"]["Finding"]["properties"]["pack"]["examples"]
    validator = Draft202012Validator(schema)
    manifest = yaml.safe_load((EXAMPLES / "harbour-bank" / "manifest.yaml").read_text(encoding="utf-8"))
    manifest = json.loads(json.dumps(manifest, default=str))
    assert not list(validator.iter_errors(manifest))
    manifest["evidence"][0]["type"] = "a_type_of_a_pack_not_listed"  # still valid: examples, not a closed list
    assert not list(validator.iter_errors(manifest))
    manifest["evidence"][0]["type"] = "not an id"
    assert list(validator.iter_errors(manifest))


def _title(type_id: str) -> str:
    from ccom_rules import installed_packs

    (pack,) = [p for p in installed_packs() if p.id == "cc_cmm"]
    return pack.index.evidence_types[type_id].title.en


def test_schemas_refuses_packs_without_for_packs() -> None:
    code, _, err = _run("schemas", "cc_cmm")
    assert code == 2 and "--for-packs" in err
