"""Paths are confined: NUL bytes, over-long names, symlink loops and dangling links are E009/E010
at their line; ``evidence_root`` stays inside the manifest's folder or the ``--root`` folder."""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from ccom_rules.loader import read_manifest, read_pack

from .hostile_inputs import MANIFEST, copy_pack, run, write_manifest

links_only = pytest.mark.skipif(os.name != "posix", reason="needs symbolic links")


def manifest_with(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MANIFEST)
    for key, value in changes.items():
        if key == "path":
            data["evidence"][0]["path"] = value
        else:
            data[key] = value
    return data


def problems_of(path: Path, root: Path | None = None) -> list[tuple[str, int, str]]:
    _, problems = read_manifest(path, None, root)
    return [(p.code, p.line, p.message) for p in problems]


@pytest.mark.parametrize(
    ("field", "value", "code", "words"),
    [
        ("path", "plans/a\x00b.md", "E009", "path contains a NUL byte"),
        ("evidence_root", "evid\x00ence", "E009", "evidence_root contains a NUL byte"),
        ("path", "x" * 5000, "E009", "the longest path allowed is 4,096 bytes"),
        ("path", "a/" + "y" * 300, "E009", "the longest file name allowed is 255 bytes"),
        ("evidence_root", "/", "E009", "evidence_root '/' leads outside the manifest's folder"),
        ("evidence_root", "../../..", "E009", "evidence_root '../../..' leads outside the manifest's folder"),
    ],
    ids=["nul-path", "nul-root", "long-path", "long-name", "root-slash", "root-up"],
)
def test_unsafe_paths_are_refused_at_their_line(tmp_path: Path, field: str, value: str, code: str, words: str) -> None:
    path = write_manifest(tmp_path, manifest_with(**{field: value}))
    found = problems_of(path)
    assert len(found) == 1 and found[0][0] == code and words in found[0][2], found
    line = next(
        n
        for n, text in enumerate(path.read_text().splitlines(), 1)
        if text.lstrip().startswith(f"{field}:") or f" {field}:" in text
    )
    assert found[0][1] == line


def test_an_evidence_root_outside_never_shows_a_hash_of_what_is_there(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    folder = tmp_path / "repo"
    folder.mkdir()
    data = manifest_with(evidence_root="..", path="secret.txt")
    data["evidence"][0]["sha256"] = "0" * 64
    result = run("validate", write_manifest(folder, data))
    assert result.exit_code == 2
    assert "E009 evidence_root '..' leads outside the manifest's folder" in result.stderr
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in result.stderr and "E011" not in result.stderr


def test_root_widens_the_confinement_and_only_that_far(tmp_path: Path) -> None:
    shared = tmp_path / "shared-evidence"
    shared.mkdir()
    (shared / "plan.md").write_text("plan\n")
    folder = tmp_path / "repo" / "centre"
    folder.mkdir(parents=True)
    path = write_manifest(folder, manifest_with(evidence_root="../../shared-evidence"))
    assert [c for c, _, _ in problems_of(path)] == ["E009"]
    assert problems_of(path, tmp_path) == []
    assert [c for c, _, m in problems_of(path, tmp_path / "repo") if "the --root folder" in m] == ["E009"]
    result = run("validate", path, "--root", tmp_path, "--pack", copy_pack(tmp_path))
    assert result.exit_code == 0, result.stderr


@links_only
@pytest.mark.parametrize("what", ["manifest", "evidence path", "evidence_root", "pack.yaml", "include"])
def test_a_symlink_loop_is_a_problem_not_a_traceback(tmp_path: Path, what: str) -> None:
    pack = copy_pack(tmp_path)
    if what in ("pack.yaml", "include"):
        name = "pack.yaml" if what == "pack.yaml" else "more.yaml"
        if what == "pack.yaml":
            (pack / "pack.yaml").unlink()
        else:
            (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "include: [more.yaml]\n")
        (pack / "loop").symlink_to(name)
        (pack / name).symlink_to("loop")
        _, problems = read_pack(pack)
        assert [p.code for p in problems] == ["E010"] and "symbolic link loop" in problems[0].message
        return
    if what == "manifest":
        (tmp_path / "a.yaml").symlink_to("b.yaml")
        (tmp_path / "b.yaml").symlink_to("a.yaml")
        result = run("validate", tmp_path / "a.yaml", "--pack", pack)
        assert result.exit_code == 2 and "a.yaml:1:1: error E010 symbolic link loop" in result.stderr
        return
    data = manifest_with(evidence_root="loop") if what == "evidence_root" else manifest_with(path="loop/plan.md")
    path = write_manifest(tmp_path, data)
    target = tmp_path / "loop" if what == "evidence_root" else tmp_path / "evidence" / "loop"
    target.symlink_to(target.name)
    found = problems_of(path)
    assert [(c, "symbolic link loop" in m) for c, _, m in found] == [("E010", True)], found


@links_only
def test_a_dangling_link_is_named_as_itself(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").symlink_to("nowhere/else.yaml")
    result = run("validate", tmp_path / "manifest.yaml", "--pack", copy_pack(tmp_path))
    assert result.exit_code == 2
    assert "manifest.yaml:1:1: error E010 dangling symbolic link (its target does not exist)" in result.stderr
    assert "else.yaml" not in result.stderr
    path = write_manifest(tmp_path / "m", manifest_with(path="gone.md"))
    (tmp_path / "m" / "evidence" / "gone.md").symlink_to("missing.md")
    assert [c for c, _, m in problems_of(path) if "dangling symbolic link" in m] == ["E010"]


@links_only
def test_an_evidence_file_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    data = manifest_with(path="pipe.md")
    data["evidence"][0]["sha256"] = "0" * 64
    path = write_manifest(tmp_path, data)
    os.mkfifo(tmp_path / "evidence" / "pipe.md")
    assert [(c, "is a FIFO (named pipe), not a regular file" in m) for c, _, m in problems_of(path)] == [("E010", True)]


def test_include_paths_are_checked_before_use(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    head = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(head + 'include: ["a\\0b.yaml", "' + "z" * 5000 + '.yaml"]\n')
    _, problems = read_pack(pack)
    assert [(p.code, p.json_path) for p in problems] == [("E009", "$.include[0]"), ("E009", "$.include[1]")]
    assert "NUL byte" in problems[0].message and "4,096 bytes" in problems[1].message
