"""Crosswalk files point their editor at the generated schemas, and the schemas accept them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ROOT, TESTS
from ..unit.test_schemas import SCHEMA_DIR, _schema_line_target, load_yaml, schema_errors

FOLDERS = [TESTS / "fixtures" / "crosswalks", ROOT / "clause_packs" / "crosswalks"]
FILES = sorted(p for d in FOLDERS if d.is_dir() for p in d.glob("*.yaml"))


def _schema(path: Path) -> str:
    return "crosswalk-themes.schema.json" if path.name == "themes.yaml" else "crosswalk.schema.json"


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_crosswalk_files_point_at_their_schema_and_validate(path: Path) -> None:
    assert _schema_line_target(path) == (SCHEMA_DIR / _schema(path)).resolve()
    assert schema_errors(_schema(path), load_yaml(path)) == []


def test_the_schema_rejects_an_unknown_relation() -> None:
    data = load_yaml(TESTS / "fixtures" / "crosswalks" / "ccom_sj_t_11739--cc_cmm.yaml")
    data["mappings"][0]["relation"] = "same"
    assert schema_errors("crosswalk.schema.json", data)
