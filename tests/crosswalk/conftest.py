"""A copy of the Harbour Bank example, made once, for tests that write variants of its manifest
beside its evidence (evidence_root must stay inside the manifest's folder)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import EXAMPLES

HARBOUR = EXAMPLES / "harbour-bank" / "manifest.yaml"
_names = itertools.count()


@pytest.fixture(scope="session")
def harbour_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("examples") / "harbour-bank"
    shutil.copytree(HARBOUR.parent, home)
    return home


@pytest.fixture
def harbour_variant(harbour_home: Path) -> Callable[[Callable[[str], str]], Path]:
    """``harbour_variant(edit)``: a new manifest beside the copied evidence, its text ``edit(text)``."""

    def make(edit: Callable[[str], str]) -> Path:
        path = harbour_home / f"variant-{next(_names)}.yaml"
        path.write_text(edit(HARBOUR.read_text(encoding="utf-8")), encoding="utf-8")
        return path

    return make
