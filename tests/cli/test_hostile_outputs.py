"""Outputs are safe: --out replaces regular files only, atomically, keeping an existing file's
mode; control characters from inputs are shown escaped in text, TTY and --out files, while JSON
stays JSON. Cost is bounded: a file with 200,000 problems is reported briefly and quickly."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path

import pytest

from ccom_rules.safetext import visible

from ..conftest import EXAMPLES
from .hostile_inputs import MANIFEST, copy_pack, run, write_manifest

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs FIFOs, devices and modes")


def evaluate_to(tmp_path: Path, out: Path, *more: str) -> tuple[int, str]:
    pack = tmp_path / "mini_pf" if (tmp_path / "mini_pf").is_dir() else copy_pack(tmp_path)
    result = run("evaluate", write_manifest(tmp_path), "--pack", pack, "--out", out, *more)
    return result.exit_code, result.stderr


@posix_only
def test_out_refuses_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "result.txt"
    os.mkfifo(fifo)
    code, err = evaluate_to(tmp_path, fifo)
    assert code == 2 and "cannot write --out" in err and "it is a FIFO (named pipe); only a regular file is replaced" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_out_refuses_a_device(tmp_path: Path) -> None:
    code, err = evaluate_to(tmp_path, Path("/dev/null"))
    assert code == 2 and "it is a character device; only a regular file is replaced" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_out_refuses_a_socket(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        code, err = evaluate_to(tmp_path, path)
    assert code == 2 and "it is a socket" in err


@posix_only
def test_out_refuses_a_symlink_and_leaves_its_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "result.txt"
    link.symlink_to(target)
    code, err = evaluate_to(tmp_path, link)
    assert code == 2 and "it is a symbolic link; only a regular file is replaced" in err
    assert link.is_symlink() and target.read_text() == "keep me\n"


@posix_only
def test_out_keeps_an_existing_files_mode_and_gives_a_new_one_the_umask_default(tmp_path: Path) -> None:
    existing = tmp_path / "existing.txt"
    existing.write_text("old\n")
    existing.chmod(0o640)
    assert evaluate_to(tmp_path, existing)[0] == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640 and "Test centre" in existing.read_text()
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "sub" / "new.txt"
        assert evaluate_to(tmp_path, fresh)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert not [p for p in fresh.parent.iterdir() if p.name.endswith(".tmp")]


@posix_only
@pytest.mark.parametrize(
    "command",
    [("report",), ("gaps", "--format", "json"), ("export", "--format", "xlsx")],
    ids=["report", "gaps", "export"],
)
def test_every_out_is_written_like_evaluate_out(tmp_path: Path, command: tuple[str, ...]) -> None:
    """report --out (and gaps, export) go through the same atomic writer as evaluate --out: a new
    file gets the umask's usual mode, not 0600; an existing one keeps its own."""
    if command[0] == "export":
        pytest.importorskip("openpyxl")
    pack = copy_pack(tmp_path)
    manifest = write_manifest(tmp_path)
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "out" / "new"
        reference = tmp_path / "out" / "reference.txt"
        assert run(command[0], manifest, "--pack", pack, *command[1:], "--out", fresh).exit_code == 0
        assert run("evaluate", manifest, "--pack", pack, "--out", reference).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode) == 0o644
    fresh.chmod(0o640)
    assert run(command[0], manifest, "--pack", pack, *command[1:], "--out", fresh).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    assert not [p for p in fresh.parent.iterdir() if p.name.endswith(".tmp")]


NASTY = "Evil\x1b]0;owned\x07\x1b[2J centre\r\x9b31m\x00"


def nasty_manifest(tmp_path: Path) -> Path:
    data = copy.deepcopy(MANIFEST)
    data["organisation"]["name"] = NASTY
    return write_manifest(tmp_path, data)


def test_control_characters_from_inputs_are_escaped_in_text_output_and_out_files(tmp_path: Path) -> None:
    path, pack = nasty_manifest(tmp_path), copy_pack(tmp_path)
    for args in (("--format", "text"), ("--format", "text", "--out", tmp_path / "r.txt")):
        result = run("evaluate", path, "--pack", pack, *args)
        text = (tmp_path / "r.txt").read_text() if "--out" in args else result.stdout
        assert "Evil\\x1b]0;owned\\x07\\x1b[2J centre\\x0d\\u009b31m\\x00" in text
        assert not any(c in text for c in "\x1b\x07\r\x9b\x00")


def test_bidirectional_overrides_from_inputs_are_escaped_and_json_keeps_them(tmp_path: Path) -> None:
    """An override reorders what a reader sees ("Harbour \u202eknaB" displays as "Harbour Bank"):
    text shows it as an escape; JSON holds the same name, written as an escape too."""
    name = "Harbour \u202eknaB\u202c \u2066iso\u2069 \u200fmark"
    data = copy.deepcopy(MANIFEST)
    data["organisation"]["name"] = name
    path, pack = write_manifest(tmp_path, data), copy_pack(tmp_path)
    bidi = "\u202e\u202c\u2066\u2069\u200f"
    text = run("evaluate", path, "--pack", pack).stdout
    assert "Harbour \\u202eknaB\\u202c \\u2066iso\\u2069 \\u200fmark" in text
    assert not any(c in text for c in bidi)
    out = run("evaluate", path, "--pack", pack, "--format", "json").stdout
    assert not any(c in out for c in bidi)
    assert json.loads(out)["manifest"]["organisation"] == name


def test_json_output_stays_json_with_the_same_name(tmp_path: Path) -> None:
    result = run("evaluate", nasty_manifest(tmp_path), "--pack", copy_pack(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert not any(c in result.stdout for c in "\x1b\x07\r\x9b\x00")
    assert json.loads(result.stdout)["manifest"]["organisation"] == NASTY


def test_control_characters_in_error_messages_are_escaped(tmp_path: Path) -> None:
    data = copy.deepcopy(MANIFEST)
    data["organisation"]["seats"] = "many"
    path = write_manifest(tmp_path, data).rename(tmp_path / "m\x1b[2J\x07.yaml")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "m\\x1b[2J\\x07.yaml:7:10: error E004" in result.stderr and "\x1b" not in result.stderr


def test_visible_leaves_tab_newline_and_text_alone() -> None:
    assert visible("a\tb\nc 名字 é") == "a\tb\nc 名字 é"
    assert visible("\x7f\x85") == "\\u007f\\u0085"


def test_two_hundred_thousand_problems_are_reported_briefly_and_quickly(tmp_path: Path) -> None:
    path = write_manifest(tmp_path)
    with path.open("a") as fh:
        fh.write("".join(f"unknown_key_{n}: 1\n" for n in range(200_000)))
    result = run("validate", path, "--pack", copy_pack(tmp_path))
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert len(lines) == 102 and lines[-2] == "… and 199,900 more (set CCOM_RULES_MAX_PROBLEMS to show more)"
    assert lines[-1] == "200000 error(s), 0 warning(s)"


def test_control_characters_from_a_baseline_are_escaped_in_its_messages(tmp_path: Path) -> None:
    path, pack = write_manifest(tmp_path), copy_pack(tmp_path)
    good = tmp_path / "good.json"
    assert run("evaluate", path, "--pack", pack, "--format", "json", "--out", good).exit_code == 0
    data = json.loads(good.read_text(encoding="utf-8"))
    data["packs"][0]["outcome"]["nonconformities"][0]["clause"] = (
        NASTY  # closed now: an improvement line (6.1, renamed, is a regression)
    )
    closed = tmp_path / "closed.json"
    closed.write_text(json.dumps(data), encoding="utf-8")
    data["packs"][0]["pack"].update(version=NASTY, sha256="0" * 64)  # another version: a mismatch line, exit 2
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    for baseline, code, said in ((closed, 1, "improvement: mini_pf: nonconformity Evil"), (other, 2, "version Evil")):
        result = run("evaluate", path, "--pack", pack, "--baseline", baseline)
        assert result.exit_code == code and said in result.stderr, result.stderr
        assert "Evil\\x1b]0;owned\\x07" in result.stderr and "centre\\x0d\\u009b31m\\x00" in result.stderr
        assert not any(c in result.stderr for c in "\x1b\x07\r\x9b\x00")


@posix_only
@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("evidence", "sync", "{manifest}", "--out", "{loop}"), 2, "symbolic link loop"),
        (
            ("crosswalk", "apply", "{bank}", "--from", "ccom_sj_t_11739", "--to", "cccs_op_2003", "--out", "{loop}"),
            0,
            "nothing written",
        ),
        (("batch", "{loop}"), 2, "symbolic link loop"),
        (("validate", "{manifest}", "{loop}", "--format", "sarif"), 2, "symbolic link loop"),
    ],
    ids=["sync-out", "crosswalk-out", "batch-input", "validate-input"],
)
def test_a_symbolic_link_loop_given_as_a_path_is_an_error_not_a_crash(
    tmp_path: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    """These commands asked Path.resolve() whether --out is an input, which raises on a loop."""
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "other.yaml")
    (tmp_path / "other.yaml").symlink_to(loop)
    bank = EXAMPLES / "harbour-bank" / "manifest.yaml"
    result = run(*(a.format(manifest=write_manifest(tmp_path), loop=loop, bank=bank) for a in args))
    assert result.exit_code == code, result.output
    assert said in result.stdout + result.stderr
    assert loop.is_symlink()
