"""The pre-commit hooks in ``.pre-commit-hooks.yaml``, run as pre-commit runs them: the hook's
``entry`` then its ``args``, in a git repository made for the test."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT
from .test_ci_runs import GAP
from .test_cli import CCOM_PASSES, _env

HOOKS = ROOT / ".pre-commit-hooks.yaml"
ARGS = {
    "ccom-rules-validate": ["manifest.yaml"],
    "ccom-rules-evaluate": ["manifest.yaml", "--pack", "ccom_sj_t_11739", "--require", "ccom_sj_t_11739:pass"],
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    )


def _hooks() -> list[dict[str, object]]:
    hooks: list[dict[str, object]] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return hooks


def _run_hooks(repo: Path) -> list[tuple[str, int, str]]:
    """Each hook's exit status and output, as pre-commit would run it (console script first on PATH)."""
    env = _env()
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    out = []
    for hook in _hooks():
        entry = shlex.split(str(hook["entry"]))
        assert entry[0] == "ccom-rules"
        script = shutil.which("ccom-rules", path=env["PATH"])  # the installed console script, as pre-commit runs it
        head = [script] if script is not None else [sys.executable, "-m", "ccom_rules"]
        command = [*head, *entry[1:], *ARGS[str(hook["id"])]]
        proc = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=300, env=env)
        out.append((str(hook["id"]), proc.returncode, proc.stdout + proc.stderr))
    return out


def test_hooks_file_declares_validate_then_evaluate() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["ccom-rules-validate", "ccom-rules-evaluate"]
    for hook in hooks:
        assert hook["language"] == "python" and hook["pass_filenames"] is False and hook["always_run"] is True
    assert str(hooks[1]["entry"]).startswith("ccom-rules evaluate")


def test_hooks_fail_on_a_broken_manifest_and_pass_once_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "evidence-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    good = CCOM_PASSES.read_text(encoding="utf-8")
    manifest = repo / "manifest.yaml"

    manifest.write_text(good.replace("  type: drill_plan\n", "  tpye: drill_plan\n", 1), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a typo")
    (validate, code_v, out_v), (evaluate, code_e, out_e) = _run_hooks(repo)
    assert code_v == 2 and "error E003 unknown key 'tpye'" in out_v, out_v
    assert code_e == 2, out_e

    manifest.write_text(good, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "fixed")
    results = _run_hooks(repo)
    assert [code for _, code, _ in results] == [0, 0], results

    old, new = GAP  # valid, but a month of a required series goes missing: the requirement fails
    manifest.write_text(good.replace(old, new, 1), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "a record lost")
    (_, code_v, _), (_, code_e, out_e) = _run_hooks(repo)
    assert code_v == 0
    assert code_e == 1 and "requirement not met: ccom_sj_t_11739: needs a pass, got fail" in out_e, out_e
