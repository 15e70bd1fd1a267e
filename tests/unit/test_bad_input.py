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


def test_findings_that_would_be_ignored_are_warned_about(tmp_path: Path) -> None:
    """A misspelt pack, or a rating or fraction where the pack's scoring never reads one, would
    otherwise be dropped without a word."""
    from ..conftest import real_packs

    path = tmp_path / "manifest.yaml"
    path.write_text(
        "organisation: {name: Typo Centre, sourcing: in_house, industry: retail, operations_began: 2020-01-01, seats: 9}\n"
        "assessment: {date: 2026-06-30}\n"
        "findings:\n"
        "  - {pack: cc_cmn, target: '1', c_rate: 10}\n"
        "  - {pack: ccom_sj_t_11739, target: '6.1', status: met, c_rate: 10}\n"
        "  - {pack: cc_cmm, target: '1', fraction: 0.5}\n",
        encoding="utf-8",
    )
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        manifest, problems = read_manifest("manifest.yaml", real_packs())
    finally:
        os.chdir(here)
    assert manifest is not None and all(p.severity == "warning" for p in problems)
    assert [str(p) for p in sorted(problems)] == [
        "manifest.yaml:4:12: warning W105 no pack 'cc_cmn' is installed or evaluated; did you mean 'cc_cmm'? (at $.findings[0].pack)",
        "manifest.yaml:5:65: warning W106 c_rate is read only on an item of a maturity_levels pack; ccom_sj_t_11739 6.1 is a clause"
        " of a pass_fail pack, so it is ignored (at $.findings[1].c_rate)",
        "manifest.yaml:6:43: warning W106 fraction is read only on a sub-item of a weighted_bands pack; cc_cmm 1 is a clause"
        " of a maturity_levels pack, so it is ignored (at $.findings[2].fraction)",
    ]
