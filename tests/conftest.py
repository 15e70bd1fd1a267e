"""Shared fixtures: packs are loaded once per test session, as the engine expects."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import pytest

from ccom_rules import ClausePack, installed_packs, load_pack

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURE_PACKS = TESTS / "fixtures" / "packs"
CASES = TESTS / "cases"
EXAMPLES = ROOT / "examples"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled packs go to a cache folder of this test run's own, never the user's."""
    import os
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ccom-rules-test-cache-")


@cache
def fixture_pack(name: str) -> ClausePack:
    return load_pack(FIXTURE_PACKS / name)


@lru_cache(maxsize=1)
def real_packs() -> tuple[ClausePack, ...]:
    return tuple(installed_packs())


@pytest.fixture(scope="session")
def packs() -> tuple[ClausePack, ...]:
    return real_packs()
