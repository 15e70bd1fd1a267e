"""Options ``evaluate`` and ``gaps`` share for running in CI: the reference date (``--as-of``),
look-ahead warnings (``--warn-within``), what to do with warnings (``--quiet``, ``--strict``),
and the ratchet (``--baseline``). The clock is read here, never in the engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .records import record

if TYPE_CHECKING:
    from .model.manifest import Manifest
    from .model.pack import ClausePack
    from .model.result import Result
    from .places import ManifestPlaces
    from .ratchet import Comparison
    from .yamlsource import Document

F = TypeVar("F", bound=Callable[..., Any])

MAX_WARN_DAYS = 3660
"""The farthest ``--warn-within`` looks ahead (ten years)."""


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    if value == "today":
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or 'today'") from None
    from .ranges import EARLIEST, LATEST

    if not EARLIEST <= day <= LATEST:  # as for the dates in a manifest: date arithmetic stays in the calendar
        raise click.BadParameter(
            f"{value} is outside {EARLIEST.isoformat()} … {LATEST.isoformat()}, the dates a manifest may hold"
        )
    return day


def run_options(func: F) -> F:
    """``--as-of``, ``--warn-within``, ``--quiet`` and ``--strict``."""
    for option in reversed(
        (
            click.option(
                "--as-of",
                "as_of",
                metavar="DATE|today",
                callback=_as_of,
                help="Judge freshness, continuity and certificates on this date instead of the assessment date "
                "(recorded in the result).",
            ),
            click.option(
                "--warn-within",
                type=click.IntRange(0, MAX_WARN_DAYS),
                metavar="DAYS",
                help="Warn about evidence that goes stale and certificates that expire within DAYS.",
            ),
            click.option("--quiet", "-q", is_flag=True, help="Do not print the manifest's warnings."),
            click.option("--strict", is_flag=True, help="Treat the manifest's warnings as errors (exit 2)."),
        )
    ):
        func = option(func)
    return func


def baseline_option(func: F) -> F:
    """``--baseline``: exit 1 only for regressions against an earlier JSON result."""
    return click.option(
        "--baseline",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="RESULT.json",
        help="Compare with an earlier 'evaluate --format json' result: exit 1 on regressions, list improvements.",
    )(func)


@record
class Loaded:
    """A manifest read for a run."""

    manifest: Manifest
    """As written."""
    judged: Manifest
    """As judged: with the ``--as-of`` date in place of the assessment date."""
    doc: Document
    as_of: date | None

    @property
    def places(self) -> ManifestPlaces:
        """Where the manifest's items and findings are (worked out only if asked for)."""
        from .places import ManifestPlaces

        return ManifestPlaces(self.doc, self.manifest)


def load_for_run(
    path: Path,
    packs: Sequence[ClausePack],
    root: Path | None,
    as_of: date | None,
    warn_within: int | None,
    quiet: bool,
    strict: bool,
) -> Loaded:
    """Read the manifest, stop on its errors (raising :class:`InvalidInput`), print its warnings
    on stderr (none with ``quiet``; with ``strict`` they stop the run as errors would)."""
    from .cli_common import print_problems
    from .loader import read_manifest_source
    from .problems import InvalidInput, sort_problems
    from .timing import as_of as shifted
    from .timing import lapsing

    manifest, problems, doc = read_manifest_source(path, packs, root, on=as_of)
    if manifest is None or any(p.severity == "error" for p in problems):
        raise InvalidInput(problems)
    judged = manifest if as_of is None else shifted(manifest, as_of)
    if warn_within is not None:
        problems += lapsing(packs, judged, doc, warn_within)
    if strict and problems:
        raise InvalidInput(problems)
    if not quiet:
        print_problems(sort_problems(problems))
    return Loaded(manifest, judged, doc, as_of)


def ratchet(baseline: Path, result: Result) -> Comparison:
    """Compare ``result`` with the baseline file. A baseline made with another version of an
    evaluated pack stops the run (exit 2) before any output: comparing its clauses would be blind."""
    import sys

    from .cli_common import echo
    from .ratchet import compare, mismatched_packs, read_baseline

    old = read_baseline(baseline)
    mismatches = mismatched_packs(old, result)
    if mismatches:
        for line in mismatches:
            echo(f"{baseline}: error: {line}", err=True)
        sys.exit(2)
    return compare(old, result)


def print_comparison(baseline: Path, comparison: Comparison) -> bool:
    """Print the changes on stderr (control characters from the baseline or the packs escaped);
    returns whether anything regressed."""
    from .cli_common import echo

    for line in comparison.notes:
        echo(f"note: {line}", err=True)
    for line in comparison.regressions:
        echo(f"regression: {line}", err=True)
    for line in comparison.improvements:
        echo(f"improvement: {line}", err=True)
    echo(
        f"against {baseline}: {len(comparison.regressions)} regression(s), {len(comparison.improvements)} improvement(s)",
        err=True,
    )
    return bool(comparison.regressions)
