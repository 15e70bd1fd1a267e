"""A reader that stops early (``ccom-rules … | head -1``) changes nothing about a command's exit
status, and leaves no traceback behind: a CI step piping the output still sees 2 for invalid
input and 1 for a requirement not met."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JADE = ROOT / "examples" / "jade-river-health" / "manifest.yaml"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _many_errors(tmp_path: Path) -> Path:
    """A manifest with about 9,000 problems: far more text than a pipe holds."""
    lines = ["schema_version: 1", "organisation: {name: X}", "assessment: {date: 2026-01-01}", "evidence:"]
    lines += [f"  - {{id: e{i}, type: nope{i}, bogus: 1}}" for i in range(3000)]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _first_line_then_close(args: list[str], tmp_path: Path, *, both: bool) -> tuple[int, str, str]:
    """Run the command with its output (``both``: and its errors) in a pipe of which one line is
    read before the pipe is closed; the exit status, that line and what went elsewhere (stderr)."""
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ccom_rules", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if both else err,
            cwd=tmp_path,
            env=_env(CCOM_RULES_MAX_PROBLEMS="100000"),
        )
        assert proc.stdout is not None
        first = proc.stdout.readline().decode("utf-8")
        proc.stdout.close()
        code = proc.wait(timeout=120)
    return code, first, errors.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["validate", "evaluate"])
def test_invalid_input_still_exits_2_when_the_reader_goes(tmp_path: Path, command: str) -> None:
    manifest = _many_errors(tmp_path)
    code, first, _ = _first_line_then_close([command, str(manifest)], tmp_path, both=True)
    assert "error E003" in first
    assert code == 2


def test_unmet_requirement_still_exits_1_when_the_reader_goes(tmp_path: Path) -> None:
    args = ["evaluate", str(JADE), "--format", "json", "--require", "cc_cmm:L5"]
    whole = subprocess.run(
        [sys.executable, "-m", "ccom_rules", *args], capture_output=True, cwd=tmp_path, env=_env(), timeout=120
    )
    assert whole.returncode == 1 and len(whole.stdout) > 256 * 1024  # more than any pipe holds
    code, first, errors = _first_line_then_close(args, tmp_path, both=False)
    assert first == "{\n"
    assert code == 1
    assert errors.startswith("requirement not met: cc_cmm")
    assert "Traceback" not in errors and "BrokenPipe" not in errors and "Exception ignored" not in errors


def test_a_met_run_still_exits_0_when_the_reader_goes(tmp_path: Path) -> None:
    code, first, errors = _first_line_then_close(["gaps", str(JADE), "--format", "json"], tmp_path, both=False)
    assert first == "{\n"
    assert code == 0
    assert errors == ""


def test_every_command_prints_through_say() -> None:
    """A command printing with ``click.echo`` directly would end with click's status on a closed
    pipe (1, whatever happened): every print goes through ``cli_common.say``."""
    package = ROOT / "ccom_rules"
    direct = [
        str(path.relative_to(ROOT))
        for path in sorted(package.rglob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "click.echo(" in line and not line.lstrip().startswith(("#", '"""', "``"))
    ]
    assert direct == ["ccom_rules/cli_common.py"]  # the one inside say()
