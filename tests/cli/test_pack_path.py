"""The pack path: installed packs, then CCOM_RULES_PACK_PATH, then --pack-path; never silent shadowing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ccom_rules.cli import main
from ccom_rules.packpath import ENV_VAR, PackPath

from ..conftest import FIXTURE_PACKS, ROOT

CMM_CASE = ROOT / "clause_packs" / "cc_cmm" / "cases" / "l2_exact_thresholds" / "manifest.yaml"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """A folder of packs: two fixture packs."""
    for name in ("mini_pf", "mini_bands"):
        shutil.copytree(FIXTURE_PACKS / name, tmp_path / "shelf" / name)
    return tmp_path / "shelf"


def test_packs_lists_where_each_pack_comes_from(shelf: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_PACKS / "mini_levels", tmp_path / "one" / "mini_levels")
    result = run("packs", "--pack-path", tmp_path / "one" / "mini_levels", env={ENV_VAR: str(shelf)})
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert sorted(rows) == ["cc_cmm", "cccs_op_2003", "ccom_sj_t_11739", "mini_bands", "mini_levels", "mini_pf"]
    assert rows["cc_cmm"].endswith(" installed")
    assert rows["mini_pf"].endswith(f"{shelf / 'mini_pf'} ({ENV_VAR})")
    assert rows["mini_levels"].endswith(f"{tmp_path / 'one' / 'mini_levels'} (--pack-path)")


def test_packs_on_the_path_are_evaluated_tested_and_explained_by_id(shelf: Path) -> None:
    env = {ENV_VAR: str(shelf)}
    assert run("explain", "mini_pf", "5", env=env).exit_code == 0
    assert run("explain", "mini_pf", "5").exit_code == 2  # not on the path without the variable
    shown = run("packs", "show", "mini_bands", "--pack-path", shelf)
    assert shown.exit_code == 0 and shown.stdout.startswith("mini_bands 1.0.0")
    tested = run("test", "--pack-path", shelf)
    assert tested.exit_code == 0, tested.stdout
    assert "ok   mini_pf/" in tested.stdout or "0 failed" in tested.stdout


def test_two_packs_with_one_id_are_an_error_naming_both_places(tmp_path: Path) -> None:
    copy = tmp_path / "mine" / "cc_cmm"
    shutil.copytree(ROOT / "clause_packs" / "cc_cmm", copy)
    env = {ENV_VAR: str(tmp_path / "mine")}
    for args in (("evaluate", CMM_CASE), ("evaluate", CMM_CASE, "--pack", "cc_cmm"), ("packs",), ("test",)):
        result = run(*args, env=env)
        assert result.exit_code == 2, args
        assert "error E021 pack id 'cc_cmm' is found twice on the pack path:" in result.stderr
        assert f"{ROOT / 'clause_packs' / 'cc_cmm'} (installed) and {copy} ({ENV_VAR})" in result.stderr
        assert f"--pack cc_cmm@{copy}" in result.stderr
    # chosen explicitly: a folder, or ID@PATH (a pack folder or a folder of packs)
    for ref in (str(copy), f"cc_cmm@{copy}", f"cc_cmm@{tmp_path / 'mine'}", f"cc_cmm@{ROOT / 'clause_packs'}"):
        result = run("evaluate", CMM_CASE, "--pack", ref, env=env)
        assert result.exit_code == 0, (ref, result.stderr)
        assert "level L2" in result.stdout
    assert run("evaluate", CMM_CASE, "--pack", f"cc_cmm@{tmp_path}", env=env).exit_code == 2  # no such pack there
    assert run("validate", copy, CMM_CASE, env=env).exit_code == 0  # the folder being validated is the choice
    overlay = shutil.copytree(ROOT / "tests" / "fixtures" / "overlays" / "cc_cmm_inbound", tmp_path / "cc_cmm_inbound")
    assert run("validate", overlay, env=env).exit_code == 2  # its base, cc_cmm, is in two places
    both = run("validate", overlay, copy, env=env)  # the copy given beside it is its base, whatever the order
    assert both.exit_code == 0, both.stderr


def test_the_pack_path_in_the_library(shelf: Path) -> None:
    path = PackPath.from_environment([shelf], environ={})
    assert path.ids() == ["cc_cmm", "cccs_op_2003", "ccom_sj_t_11739", "mini_bands", "mini_pf"]
    assert path.locate("mini_pf") == shelf / "mini_pf"
    assert path.locate("nothing") is None
    assert not path.clashes()
