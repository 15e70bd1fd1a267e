"""``ccom-rules crosswalk lint``: every rule of a crosswalk folder, each broken once, reported as
``file:line:col: error CODE message (at $.path)``, all together, exit 2."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import ccom_rules.loader
from ccom_rules.cli import main
from ccom_rules.crosswalk.load import load_crosswalks, read_crosswalks

from ..conftest import TESTS, real_packs

FIXTURE = TESTS / "fixtures" / "crosswalks"
CMM = "ccom_sj_t_11739--cc_cmm.yaml"
OP = "ccom_sj_t_11739--cccs_op_2003.yaml"
VERSION = {p.id: p.version for p in real_packs()}


@pytest.fixture(autouse=True)
def _packs_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))


def run(*args: str | Path) -> Result:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


def folder(tmp_path: Path, **edits: Callable[[str], str]) -> Path:
    """A copy of the fixture folder with ``file=edit(text)`` applied (file names with - and . as _)."""
    target = tmp_path / "crosswalks"
    shutil.copytree(FIXTURE, target)
    for path in target.iterdir():
        key = path.stem.replace("-", "_").replace(".", "_")
        if key in edits:
            path.write_text(edits[key](path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def test_the_fixture_folder_passes_and_prints_coverage() -> None:
    result = run("crosswalk", "lint", FIXTURE)
    assert result.exit_code == 0, result.stderr
    assert "ok  crosswalk ccom_sj_t_11739--cc_cmm 1.0.0: 5 mappings" in result.stdout
    assert "ccom_sj_t_11739: 2 of 29 clauses mapped, 27 without a counterpart" in result.stdout
    assert result.stdout.rstrip().endswith("3 crosswalks, 7 themes")


def test_each_rule_broken_once_is_reported_with_its_place(tmp_path: Path) -> None:
    def cmm(text: str) -> str:
        text = text.replace("right: '21'\n  relation: intersects", "right: '999'\n  relation: intersects")  # E007 unknown end
        text = text.replace(
            "theme: emergency_management\n  confidence: medium\n  rationale:\n    en: Testing",
            "theme: emergncy\n  confidence: medium\n  rationale:\n    en: Testing",
        )
        text = text.replace("right:\n    id: cc_cmm\n    version: '1.0'", "right:\n    id: cc_cmm\n    version: '2.0'")  # E032
        return text.replace("- clause: '4.1'\n", "- clause: '6.7.1'\n", 1)  # E031 mapped and unmapped; 4.1 now uncovered

    def op(text: str) -> str:
        return text.replace("right: '3.4'\n  relation: equivalent", "right: '3.4'\n  relation: subset").replace(
            "version: '2.0'\n  right:", "version: '2.1'\n  right:"
        )

    def cc_cmm__cccs_op_2003(text: str) -> str:
        return text.replace("id: cc_cmm--cccs_op_2003", "id: cmm--op")

    def themes(text: str) -> str:
        return text + "- id: complaint_management\n  title: {en: Again, zh: 再次}\n"

    target = folder(
        tmp_path,
        ccom_sj_t_11739__cc_cmm=cmm,
        ccom_sj_t_11739__cccs_op_2003=op,
        cc_cmm__cccs_op_2003=cc_cmm__cccs_op_2003,
        themes=themes,
    )
    # a reversed file: the same pair read the other way, with a relation that does not agree
    (target / "cccs_op_2003--ccom_sj_t_11739.yaml").write_text(
        "id: cccs_op_2003--ccom_sj_t_11739\nversion: 1.0.0\ntitle: {en: Reversed, zh: 反向}\n"
        "packs: {left: {id: cccs_op_2003, version: '1.0'}, right: {id: ccom_sj_t_11739, version: '1.0'}}\n"
        "mappings:\n- {left: '3.4', right: 6.4.3, relation: subset, theme: complaint_management, confidence: low,\n"
        "   rationale: {en: Reversed, zh: 反向}, provenance: {authored: test}}\n",
        encoding="utf-8",
    )
    result = run("crosswalk", "lint", target)
    assert result.exit_code == 2
    err = result.stderr
    lines = err.splitlines()
    assert any(
        ":2:5: error E033 crosswalk id 'cmm--op' differs from its file name 'cc_cmm--cccs_op_2003' (at $.id)" in x for x in lines
    ), err
    assert "error E007 right end '999': cc_cmm not a clause of it (at $.mappings[1].right)" in err
    assert "error E007 theme 'emergncy' is not in" in err
    assert (
        f"error E032 written for cc_cmm 2.0, but cc_cmm is {VERSION['cc_cmm']} (another major version) (at $.packs.right.version)"
        in err
    )
    assert (
        "error E031 ccom_sj_t_11739 6.7.1 is mapped, so it cannot also be listed as unmapped (at $.unmapped.left[0].clause)"
        in err
    )
    assert "error E031 ccom_sj_t_11739 clauses neither mapped nor listed under unmapped.left with a reason: 4.1" in err
    assert f"warning W130 written for ccom_sj_t_11739 2.1, but ccom_sj_t_11739 is {VERSION['ccom_sj_t_11739']}" in err
    assert "error E006 theme 'complaint_management' is defined twice (at $.themes[7].id)" in err
    assert (
        "error E030 cccs_op_2003 3.4 subset ccom_sj_t_11739 6.4.3, but" in err
        or "error E030 ccom_sj_t_11739 6.4.3 subset cccs_op_2003 3.4, but" in err
    )
    # file:line:col on every line, sorted by file
    assert all(x.split(":")[1].isdigit() for x in lines[:-1]), err
    assert lines[-1].endswith("warning(s)")


def test_a_broken_yaml_file_and_an_unknown_key_are_reported_together(tmp_path: Path) -> None:
    target = folder(
        tmp_path,
        themes=lambda t: t.replace("themes:", "themes:\n  - [", 1),
        ccom_sj_t_11739__cc_cmm=lambda t: t.replace("confidence: medium", "confidance: medium", 1),
    )
    result = run("crosswalk", "lint", target)
    assert result.exit_code == 2
    assert "themes.yaml:" in result.stderr and "error E001" in result.stderr
    assert "error E003 unknown key 'confidance'; did you mean 'confidence'? (at $.mappings[0].confidance)" in result.stderr


def test_provenance_needs_exactly_one_of_source_or_authored(tmp_path: Path) -> None:
    target = folder(
        tmp_path,
        ccom_sj_t_11739__cc_cmm=lambda t: t.replace("authored: test fixture", "authored: test fixture\n    source: seed 000", 1),
    )
    result = run("crosswalk", "lint", target)
    assert result.exit_code == 2
    assert (
        "error E004 a mapping's provenance names exactly one of 'source' or 'authored' (at $.mappings[0].provenance)"
        in result.stderr
    )


def test_a_duplicate_pair_is_an_error(tmp_path: Path) -> None:
    def dup(text: str) -> str:
        head, _, rest = text.partition("mappings:\n")
        first = rest[: rest.index("- left:", 2)]
        return head + "mappings:\n" + first + rest

    result = run("crosswalk", "lint", folder(tmp_path, ccom_sj_t_11739__cc_cmm=dup))
    assert result.exit_code == 2
    assert "error E006 ccom_sj_t_11739 6.7.1 → cc_cmm 20 is already mapped" in result.stderr


def test_a_minor_version_is_a_warning_that_strict_refuses(tmp_path: Path) -> None:
    target = folder(
        tmp_path, ccom_sj_t_11739__cc_cmm=lambda t: t.replace("id: cc_cmm\n    version: '1.0'", "id: cc_cmm\n    version: '1.3'")
    )
    result = run("crosswalk", "lint", target)
    assert result.exit_code == 0
    assert f"warning W130 written for cc_cmm 1.3, but cc_cmm is {VERSION['cc_cmm']}" in result.stderr
    assert run("crosswalk", "lint", "--strict", target).exit_code == 2


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("crosswalk", "lint", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "error E010 crosswalk folder not found" in result.stderr


def test_loading_keeps_only_crosswalks_joining_the_packs_given() -> None:
    packs = [p for p in real_packs() if p.id in ("ccom_sj_t_11739", "cc_cmm")]
    found = load_crosswalks(FIXTURE, packs)
    assert [c.id for c in found.pairs] == ["ccom_sj_t_11739--cc_cmm"]
    everything, problems = read_crosswalks(FIXTURE, list(real_packs()))
    assert everything is not None and problems == []
    assert len({r.sha256 for r in everything.refs()}) == 3
