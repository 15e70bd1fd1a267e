"""The command group imports a command's module only when it runs: ``ccom-rules --help`` lists the
commands from a table in ``ccom_rules.cli``, which must say what each command's own help says."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from ccom_rules.cli import COMMANDS, LazyCommands, main


def _first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n")[0].split())


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_table_says_what_the_command_says(name: str) -> None:
    command = main.commands[name]
    assert command.name == name
    assert command.help is not None and command.short_help is None and not command.hidden and not command.deprecated
    assert COMMANDS[name][2] == _first_paragraph(command.help)
    stand_in = click.Command(name, help=COMMANDS[name][2])
    for limit in (10, 25, 45, 60, 80, 120, 400):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_every_command_is_in_the_table() -> None:
    assert set(main.commands) == set(COMMANDS)
    assert main.list_commands(click.Context(main)) == sorted(COMMANDS)


def test_help_lists_every_command_importing_none() -> None:
    code = (
        "import sys; from ccom_rules.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ccom_rules.cli_', 'ccom_rules.report', 'pathlib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")
    for name in COMMANDS:
        assert f"\n  {name} " in out


def test_help_is_the_same_once_commands_are_loaded() -> None:
    """The listing from the table and from the imported commands is the same text at any width."""
    load_all = "from ccom_rules.cli import COMMANDS, main\nfor name in COMMANDS: main.commands[name]\n"
    for width in (50, 80, 120):
        env = {**os.environ, "COLUMNS": str(width)}
        outputs = [
            subprocess.run(
                [sys.executable, "-c", f"{prelude}from ccom_rules.cli import main; main(prog_name='ccom-rules')", "--help"],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            for prelude in ("", load_all)
        ]
        assert outputs[0] == outputs[1]
        assert "Commands:\n  batch  " in outputs[0]


def test_a_misspelt_command_gets_suggestions() -> None:
    result = CliRunner().invoke(main, ["evaluat"])
    assert result.exit_code == 2
    assert "No such command 'evaluat'. (Did you mean one of: 'evaluate', 'validate'?)" in result.output


def test_a_command_added_later_runs_and_is_listed() -> None:
    group = click.Group("g")
    group.commands = LazyCommands({})
    group.add_command(click.Command("extra", help="An extra command.", callback=lambda: click.echo("ran")))
    runner = CliRunner()
    assert runner.invoke(group, ["extra"]).output == "ran\n"
    assert "extra  An extra command." in runner.invoke(group, ["--help"]).output
    del group.commands["extra"]
    assert list(group.commands) == [] and len(group.commands) == 0
