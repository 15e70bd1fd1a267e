"""Reading is bounded: alias bombs, recursive aliases, huge files, FIFOs and devices are refused
quickly with a problem that names the limit, wherever the YAML comes from."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ccom_rules.loader import read_manifest, read_pack
from ccom_rules.yamlsource import parse

from .hostile_inputs import copy_pack, run, write_manifest

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def alias_bomb(levels: int = 9) -> str:
    """Under a kilobyte; 10**levels strings if expanded."""
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * 10) + "]"]
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\npeople: *a{levels}\n"


def test_an_alias_bomb_is_refused_at_once_in_a_manifest(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, text=alias_bomb())
    assert path.stat().st_size < 1024
    result = run("validate", path, "--pack", copy_pack(tmp_path))  # before: minutes and gigabytes
    assert result.exit_code == 2
    assert "manifest.yaml:4:5: error E001 aliases expand this file of 32 nodes" in result.stderr
    assert "CCOM_RULES_MAX_ALIAS_RATIO" in result.stderr


@pytest.mark.parametrize("where", ["pack.yaml", "included", "expected.yaml"])
def test_an_alias_bomb_is_refused_in_packs_includes_and_cases(tmp_path: Path, where: str) -> None:
    pack = copy_pack(tmp_path)
    if where == "pack.yaml":
        (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + alias_bomb())
        _, problems = read_pack(pack)
        assert [p.code for p in problems] == ["E001"] and problems[0].file.endswith("pack.yaml")
    elif where == "included":
        (pack / "more.yaml").write_text(alias_bomb())
        (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "include: [more.yaml]\n")
        _, problems = read_pack(pack)
        assert [(p.code, Path(p.file).name, p.line) for p in problems] == [("E001", "more.yaml", 4)]
    else:
        case = pack / "cases" / "bomb"
        write_manifest(case)
        (case / "expected.yaml").write_text(alias_bomb())
        result = run("test", pack)
        assert result.exit_code == 1
        assert "FAIL mini_pf/bomb" in result.stdout and "E001 aliases expand" in result.stdout


def test_an_anchor_used_inside_itself_is_refused(tmp_path: Path) -> None:
    doc, problems = parse("people: &p [*p]\n", "m.yaml")
    assert [str(p) for p in problems] == [
        "m.yaml:1:9: error E001 an alias refers to the anchor it is inside: the data would be infinite (at $)"
    ]
    path = write_manifest(tmp_path, text="organisation: &o {name: *o}\n")
    _, problems = read_manifest(path)
    assert [(p.code, p.line) for p in problems] == [("E001", 1)]


def test_a_few_shared_anchors_still_read(tmp_path: Path) -> None:
    text = "a: &x {by: Li Na, date: 2026-01-01}\nb: [*x, *x, *x]\n"
    doc, problems = parse(text, "m.yaml")
    assert problems == [] and doc.data["b"][2] == {"by": "Li Na", "date": doc.data["a"]["date"]}


def test_the_node_limit_names_itself_and_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "x: [" + ",".join(["1"] * 3000) + "]\n"
    monkeypatch.setenv("CCOM_RULES_MAX_NODES", "2000")
    _, problems = parse(text, "m.yaml")
    assert [p.code for p in problems] == ["E001"]
    assert "more than 2,000 YAML nodes (limit max_nodes = 2,000; set CCOM_RULES_MAX_NODES to raise it)" in problems[0].message
    monkeypatch.setenv("CCOM_RULES_MAX_NODES", "5000")
    assert parse(text, "m.yaml")[1] == []


def test_a_50_mb_manifest_is_refused_by_its_size_quickly(tmp_path: Path) -> None:
    path = write_manifest(tmp_path)
    with path.open("a") as fh:
        fh.write("people: []\nfindings: []\n")
        block = "# " + "x" * 1022 + "\n"
        fh.write(block * (50 * 1024))
    assert path.stat().st_size > 50 * 1024 * 1024
    result = run("validate", path, "--pack", copy_pack(tmp_path))  # refused before it is parsed
    assert result.exit_code == 2
    assert "manifest.yaml:1:1: error E010 the file is 52,4" in result.stderr
    assert "over the limit max_file_bytes = 8,388,608; set CCOM_RULES_MAX_FILE_BYTES to raise it" in result.stderr


def test_a_malformed_limit_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", write_manifest(tmp_path), env={"CCOM_RULES_MAX_NODES": "lots"})
    assert result.exit_code == 2 and "CCOM_RULES_MAX_NODES='lots' is not a positive whole number" in result.stderr


@fifo_only
@pytest.mark.parametrize("where", ["manifest", "pack.yaml", "include", "case manifest"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, where: str) -> None:
    pack = copy_pack(tmp_path)
    if where == "manifest":
        os.mkfifo(tmp_path / "manifest.yaml")
        result = run("validate", tmp_path / "manifest.yaml", "--pack", pack)
        assert result.exit_code == 2
        assert "manifest.yaml:1:1: error E010 is a FIFO (named pipe), not a regular file" in result.stderr
    elif where == "pack.yaml":
        (pack / "pack.yaml").unlink()
        os.mkfifo(pack / "pack.yaml")
        result = run("validate", pack)
        assert result.exit_code == 2 and "pack.yaml:1:1: error E010 is a FIFO (named pipe), not a regular file" in result.stderr
    elif where == "include":
        os.mkfifo(pack / "more.yaml")
        (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "include: [more.yaml]\n")
        result = run("validate", pack)
        assert result.exit_code == 2
        assert "error E010 included file 'more.yaml': is a FIFO (named pipe), not a regular file" in result.stderr
    else:
        case = pack / "cases" / "piped"
        case.mkdir(parents=True)
        os.mkfifo(case / "manifest.yaml")
        (case / "expected.yaml").write_text("outcome: {passed: false}\n")
        result = run("test", pack)
        assert result.exit_code == 1  # reported as a failing case, never skipped without a word
        assert "FAIL mini_pf/piped" in result.stdout and "is a FIFO (named pipe)" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_at_once(tmp_path: Path) -> None:
    result = run("validate", "/dev/zero", "--pack", copy_pack(tmp_path))
    assert result.exit_code == 2
    assert "/dev/zero:1:1: error E010 is a character device, not a regular file" in result.stderr


def test_a_folder_named_as_a_case_manifest_fails_the_case(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "cases" / "folder" / "manifest.yaml").mkdir(parents=True)
    result = run("test", pack)
    assert result.exit_code == 1 and "FAIL mini_pf/folder" in result.stdout and "is a folder" in result.stdout


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("a: 1\nb: x\x00y\n", 2, 5, "a NUL byte is not allowed"),
        ("a: 1\nname: 名字\x1b[31m\n", 2, 9, "the control character U+001B is not allowed"),
        ("a: 1\nb:\n  c: " + "9" * 5000 + "\n", 3, 6, "a number of 5,000 characters: at most"),
    ],
    ids=["nul", "escape", "huge-int"],
)
def test_unreadable_characters_and_huge_numbers_are_reported_where_they_are(text: str, line: int, col: int, words: str) -> None:
    if "9" * 5000 in text and not hasattr(sys, "get_int_max_str_digits"):
        pytest.skip("this Python converts integers of any length")
    _, problems = parse(text, "m.yaml")
    assert [(p.line, p.column) for p in problems] == [(line, col)]
    assert words in problems[0].message
