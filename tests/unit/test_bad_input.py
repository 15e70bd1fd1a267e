"""Each kind of bad input is reported at its exact file:line:col, all problems together."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ccom_rules.loader import read_manifest, read_pack

from ..conftest import CASES

BAD = sorted(p for p in (CASES / "bad_input").iterdir() if (p / "target").is_file())


# A symbolic link inside the evidence root that points out of it; made at test time, because
# symlinks do not survive every checkout or archive of the repository.
LINKS = {"path_escape": ("evidence/link", "../outside")}


def _problems(case: Path, scratch: Path | None = None) -> list[str]:
    target = (case / "target").read_text().strip()
    if case.name in LINKS:
        assert scratch is not None
        case = Path(shutil.copytree(case, scratch / case.name))
        link, points_to = LINKS[case.name]
        (case / link).symlink_to(points_to, target_is_directory=True)
    here = os.getcwd()
    os.chdir(case)
    try:
        _, problems = read_pack(target) if target == "pack" else read_manifest(target)
    finally:
        os.chdir(here)
    return [str(p) for p in sorted(problems)]


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_input_reports_exact_locations(case: Path, tmp_path: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    # YAML syntax messages come from the YAML library (libyaml or pure Python): compare their place only.
    def comparable(lines: list[str]) -> list[str]:
        return [line.split(" error E001 ")[0] + " error E001" if " error E001 " in line else line for line in lines]

    assert comparable(_problems(case, tmp_path)) == comparable(expected)


def test_the_inputs_are_left_untouched(tmp_path: Path) -> None:
    before = {p: p.read_bytes() for case in BAD for p in case.rglob("*") if p.is_file() and not p.is_symlink()}
    for case in BAD:
        _problems(case, tmp_path / case.name)
    after = {p: p.read_bytes() for p in before}
    assert before == after
