"""The README's library example is this folder's ``readme_example.py``: it runs, and it passes
``mypy --strict`` (the typed per-model accessors need no casts)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy

import pytest

from ..conftest import ROOT

EXAMPLE = ROOT / "tests" / "typing" / "readme_example.py"


def test_the_readme_shows_this_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block is not None
    assert block.group(1) == EXAMPLE.read_text(encoding="utf-8")


def test_the_example_runs() -> None:
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(EXAMPLE))
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0].isdigit() and lines[1]  # the level, then the band


def test_the_example_type_checks_strictly() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is in the dev extra")
    stdout, stderr, status = api.run(["--strict", str(EXAMPLE)])
    assert status == 0, stdout + stderr
