"""The table of output formats: the CLI offers exactly what it lists, and each row renders."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from ccom_rules.cli import main
from ccom_rules.report.formats import FORMATS, format_for, formats_for

COMMANDS = {
    "evaluate": ("evaluate",),
    "demo": ("demo",),
    "gaps": ("gaps",),
    "report": ("report",),
    "packs show": ("packs", "show"),
}


def _choices(path: tuple[str, ...]) -> list[str]:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    (option,) = [p for p in command.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_choices_come_from_the_table(command: str) -> None:
    assert _choices(COMMANDS[command]) == formats_for(command)


def test_defaults_and_rows() -> None:
    assert formats_for("evaluate")[:2] == ["text", "json"]
    assert formats_for("gaps")[:4] == ["text", "json", "dot", "mermaid"] and "sarif" in formats_for("gaps")
    assert "md" in formats_for("gaps") and "md" in formats_for("evaluate")
    assert formats_for("report") == ["html"]
    assert formats_for("demo")[0] == "text"
    for row in FORMATS:
        assert callable(row.load()), row
    with pytest.raises(KeyError, match="choose from text, json"):
        format_for("evaluate", "nope")


def test_help_imports_no_renderer() -> None:
    """The table names renderers as strings: ``--help`` imports neither jinja2 nor networkx."""
    code = "import sys; from ccom_rules.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n" + (
        "print(sorted(m for m in ('jinja2', 'networkx', 'pydantic', 'ccom_rules.report.html') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")
