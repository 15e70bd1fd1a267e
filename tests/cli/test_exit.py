"""A command's process leaves the objects still alive at exit to the operating system: the
collector is frozen from an ``atexit`` handler, registered once, after the handlers before it."""

from __future__ import annotations

import subprocess
import sys


def test_collector_frozen_at_exit_after_a_command() -> None:
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0, 'enabled:', gc.isenabled()))\n"
        "from ccom_rules.cli import main\n"
        "for args in (['packs'], ['demo']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, exc.code\n"
        "print('frozen before exit:', gc.get_freeze_count() > 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = proc.stdout.splitlines()
    assert lines[-2:] == ["frozen before exit: False", "frozen at exit: True enabled: True"]
    assert "Sample organisation: harbour-bank" in proc.stdout


def test_help_and_version_register_nothing() -> None:
    code = (
        "import atexit, sys\nfrom ccom_rules import cli\n"
        "for args in (['--help'], ['--version']):\n"
        "    try:\n        cli.main(args)\n    except SystemExit:\n        pass\n"
        "print('registered:', bool(cli._EXIT_REST))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "registered: False"
