"""The ``ccom-rules`` command. Parses options, calls loader → engine → report, maps errors to
exit codes: 0 done, 1 a requirement not met, 2 invalid input or usage.

The commands live in ``cli_*`` modules, each imported only when one of its commands runs (or its
own help is asked for): ``ccom-rules --help`` lists them from :data:`COMMANDS` and imports nothing
but click. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from gettext import gettext as _
from importlib import import_module

import click

from . import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    "batch": (
        "cli_evaluate",
        "batch",
        "Evaluate many manifests: one summary row each (a folder: its *.yaml/*.yml/*.json files and every manifest.yaml "
        "below it). Exit 0 when every manifest was evaluated, 2 when any was invalid.",
    ),
    "cache": (
        "cli_cache",
        "cache",
        "See and clear the compiled-pack cache in your cache folder ($XDG_CACHE_HOME/ccom-rules, else ~/.cache/ccom-rules).",
    ),
    "checklist": (
        "cli_evidence",
        "checklist",
        "Every evidence type the packs need (installed ids or pack folders; default: all installed), with what their rules "
        "ask of it (freshness, continuity, approvals, metric thresholds, certified people) and the clauses it serves in "
        "each pack.",
    ),
    "compare": (
        "cli_crosswalk",
        "compare_cmd",
        "Compare MANIFEST across the standards: themes side by side with their disagreements, the evidence each standard "
        "reuses and what is at stake in each, and the plan steps that move several standards at once.",
    ),
    "crosswalk": (
        "cli_crosswalk",
        "crosswalk",
        "Check crosswalks between packs, and carry findings from one standard to another.",
    ),
    "demo": ("cli_evaluate", "demo", "Evaluate the bundled sample organisation against every installed pack."),
    "evaluate": ("cli_evaluate", "evaluate", "Evaluate MANIFEST against the installed packs."),
    "evidence": ("cli_evidence", "evidence", "Housekeeping for the evidence files a manifest lists."),
    "explain": (
        "cli_packs",
        "explain",
        "Explain a clause (or checkpoint): requirement, checkpoints, evidence, prerequisites.",
    ),
    "export": (
        "cli_evaluate",
        "export",
        "Write the assessor's workbook: a gap register for the client (reason, evidence needed, plan step and phase, empty "
        "owner and due-date columns) and a worksheet of findings for the assessor (C/F-Rates, fractions and statuses, each "
        "cell limited to the values the manifest accepts). Needs the xlsx extra: pip install 'ccom-rules[xlsx]'.",
    ),
    "gaps": (
        "cli_evaluate",
        "gaps",
        "Trace every gap to its root cause and plan a short road to the targets; each evidence gap and action names the "
        "crosswalk themes it touches, with their clauses in each standard.",
    ),
    "import-findings": (
        "cli_evaluate",
        "import_findings",
        "Read a filled assessor worksheet back as findings and write them into a copy of the manifest.",
    ),
    "packs": (
        "cli_packs",
        "packs",
        "List the packs on the pack path (id, version, standard, title, where it comes from).",
    ),
    "report": (
        "cli_evaluate",
        "report",
        "Write a self-contained HTML report for the client: outcomes, root causes, evidence gaps and the remediation plan; "
        "with crosswalks, each theme's statuses across the standards.",
    ),
    "schemas": (
        "cli_packs",
        "schemas",
        "Write the manifest JSON Schema; with --for-packs, one that offers the packs' evidence-type ids as completions "
        "(any other id stays valid).",
    ),
    "test": (
        "cli_packs",
        "test_packs",
        "Run the test cases a pack ships in cases/ (default: every pack on the pack path).",
    ),
    "validate": (
        "cli_packs",
        "validate",
        "Check pack folders, crosswalk folders and manifest files; report every problem with file:line:col.",
    ),
}
"""Every command by name: the module that defines it, its name there, and the first paragraph of
its help (what ``ccom-rules --help`` shortens to one line; a test keeps it equal to the command's own)."""


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands: those of :data:`COMMANDS` are imported on first use, others are kept
    as added. Looks like the dict click keeps (listing, suggestions for a misspelt name)."""

    def __init__(self, table: dict[str, tuple[str, str, str]]) -> None:
        self._table = dict(table)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, attribute, _help = self._table[name]  # KeyError: no such command
            command: click.Command = getattr(import_module(f".{module}", __package__), attribute)
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._table and name not in self._loaded:
            raise KeyError(name)
        self._table.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._table, *self._loaded]))

    def __len__(self) -> int:
        return len(self._table.keys() | self._loaded.keys())

    def listed(self, name: str) -> click.Command:
        """The command as a group's help lists it: itself once imported, else a stand-in with the
        first paragraph of its help (all that the listing reads)."""
        if name in self._loaded or name not in self._table:
            return self[name]
        return click.Command(name, help=self._table[name][2])


class LazyGroup(click.Group):
    """A group whose commands are imported when they run; its help lists them without importing any."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = LazyCommands(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click lists a group's commands, from :meth:`LazyCommands.listed`."""
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        listed = [(name, commands.listed(name)) for name in self.list_commands(ctx)]
        listed = [(name, command) for name, command in listed if not command.hidden]
        if listed:
            limit = formatter.width - 6 - max(len(name) for name, _command in listed)
            rows = [(name, command.get_short_help_str(limit)) for name, command in listed]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


_EXIT_REST: list[bool] = []


def rest_at_exit() -> None:
    """Once per process: when the interpreter exits, the cyclic garbage collector leaves alone
    every object then alive (``gc.freeze`` from an ``atexit`` handler). Its passes over the packs,
    manifest and results while the interpreter shuts down cost about a fifth of ``ccom-rules
    demo``'s CPU time and free nothing the ending process needs; reference counting still frees
    what it frees, and every ``atexit`` handler registered before this one still runs after it."""
    if not _EXIT_REST:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _EXIT_REST.append(True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccom-rules")
def main() -> None:
    """Evaluate contact-centre evidence against CCOM, CC-CMM and CCCS-OP clause packs.

    Exit status: 0 done, 1 a --require not met, 2 invalid input or usage.
    Limits on input files are set by CCOM_RULES_MAX_* variables (docs/security.md).
    """
    from .limits import current

    rest_at_exit()
    try:
        current()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
