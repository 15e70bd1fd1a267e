"""Shared helpers for the hostile-input tests: a small valid manifest and pack, and a runner
that fails on any traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from ccom_rules.cli import main

from ..conftest import FIXTURE_PACKS

MINI_PF = FIXTURE_PACKS / "mini_pf"

MANIFEST = {
    "manifest_version": 1,
    "organisation": {
        "name": "Test centre",
        "sourcing": "in_house",
        "industry": "test",
        "operations_began": "2020-01-06",
        "seats": 10,
    },
    "assessment": {"date": "2026-06-30"},
    "evidence_root": "evidence",
    "evidence": [
        {"id": "plan", "type": "strategic_plan", "title": "Plan", "date": "2026-01-10", "path": "plan.md"},
        {"id": "kpi", "type": "kpi_definitions", "title": "KPIs", "date": "2026-02-01"},
    ],
}


def write_manifest(folder: Path, data: dict[str, object] | None = None, text: str | None = None) -> Path:
    """A manifest in ``folder`` (with its evidence folder and plan.md); YAML ``text`` wins over ``data``."""
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / "evidence" / "plan.md").write_text("plan\n")
    path = folder / "manifest.yaml"
    path.write_text(text if text is not None else yaml.safe_dump(data or MANIFEST, sort_keys=False, allow_unicode=True))
    return path


def copy_pack(folder: Path) -> Path:
    """A writable copy of the mini pass/fail pack."""
    return Path(shutil.copytree(MINI_PF, folder / "mini_pf"))


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run the command; a traceback anywhere is a failure of the test."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, [str(a) for a in args], catch_exceptions=True, env=env)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result
