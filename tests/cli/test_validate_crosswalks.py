"""`validate` takes a crosswalk folder beside the pack folders (`ccom-rules validate clause_packs/*`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import ROOT
from .test_cli import run

CROSSWALKS = ROOT / "clause_packs" / "crosswalks"


def test_validate_checks_every_bundled_folder_packs_and_crosswalks_alike() -> None:
    folders = sorted(p for p in (ROOT / "clause_packs").iterdir() if p.is_dir())
    result = run("validate", "--strict", *folders)
    assert result.exit_code == 0, result.output
    assert "ok  crosswalks" in result.stdout and result.stdout.count("ok  pack ") == 3


def test_a_broken_crosswalk_is_reported_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "crosswalks"
    shutil.copytree(CROSSWALKS, folder)
    pair = folder / "ccom_sj_t_11739--cc_cmm.yaml"
    text = pair.read_text(encoding="utf-8")
    first = text.index("  - left: ")
    line = text[:first].count("\n") + 1
    end = text.index("\n", first)
    pair.write_text(text[:first] + '  - left: "99.9"' + text[end:], encoding="utf-8")
    result = run("validate", folder)
    assert result.exit_code == 2
    assert f"ccom_sj_t_11739--cc_cmm.yaml:{line}:" in result.stderr and "99.9" in result.stderr
