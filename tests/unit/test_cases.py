"""Scoring models on the fixture packs, and every installed pack's own test cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccom_rules.cases import case_dirs, run_case
from ccom_rules.loader import installed_pack_dirs, load_pack

from ..conftest import CASES, fixture_pack

FIXTURE_CASES = sorted(p for p in (CASES / "scoring").glob("*/*") if (p / "manifest.yaml").is_file())
PACK_CASES = [(d, c) for d in installed_pack_dirs() for c in case_dirs(d)]


@pytest.mark.parametrize("case", FIXTURE_CASES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURE_CASES])
def test_fixture_case(case: Path) -> None:
    outcome = run_case(case, fixture_pack(case.parent.name))
    assert outcome.passed, "\n".join(outcome.failures)


@pytest.mark.parametrize("pack_dir,case", PACK_CASES, ids=[f"{d.name}/{c.name}" for d, c in PACK_CASES])
def test_installed_pack_case(pack_dir: Path, case: Path) -> None:
    outcome = run_case(case, load_pack(pack_dir))
    assert outcome.passed, "\n".join(outcome.failures)


def test_every_installed_pack_ships_cases() -> None:
    for directory in installed_pack_dirs():
        assert case_dirs(directory), f"{directory.name} ships no test cases"
