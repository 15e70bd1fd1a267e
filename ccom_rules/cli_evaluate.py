"""The commands that evaluate manifests: ``evaluate``, ``gaps``, ``report``, ``export``,
``import-findings``, ``demo`` and ``batch``.

:mod:`ccom_rules.cli` imports this module only when one of them runs; heavy modules are imported
inside each command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .cli_common import (
    say,
    EXIT_INVALID,
    EXIT_UNMET,
    inputs_of,
    echo,
    emit,
    format_option,
    kept_until_the_end,
    handles_invalid_input,
    lang_option,
    pack_option,
    plan_options,
    root_option,
    select_packs,
    with_pack_path,
    write_output,
)
from .cli_run import baseline_option, run_options

if TYPE_CHECKING:
    from .crosswalk.load import Crosswalks
    from .model.pack import ClausePack
    from .model.result import Result
    from .report.subjects import Analysis
    from .requirements import Requirement

F = TypeVar("F", bound=Callable[..., Any])


def _check_requirements(result: Result, requires: Sequence[str]) -> list[str]:
    from .requirements import parse_requirement

    unmet = []
    for expr in requires:
        try:
            req = parse_requirement(expr, "--require")
            ok, message = req.check(result.pack(req.pack))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        except KeyError as exc:
            raise click.UsageError(f"--require {expr}: pack {exc.args[0]!r} was not evaluated") from None
        if not ok:
            unmet.append(message)
    return unmet


@click.command()
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@pack_option("Evaluate")
@format_option("evaluate")
@lang_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the output to FILE (never over an input).")
@click.option(
    "--require",
    "requires",
    multiple=True,
    metavar="EXPR",
    help="Exit 1 unless met: PACK:pass, PACK:L<n> (certifiable level), PACK:<score>.",
)
@root_option
@baseline_option
@run_options
@handles_invalid_input
def evaluate(
    manifest: Path,
    pack_ids: tuple[str, ...],
    fmt: str,
    lang: str,
    out: Path | None,
    requires: tuple[str, ...],
    root: Path | None,
    baseline: Path | None,
    **run: Any,
) -> None:
    """Evaluate MANIFEST against the installed packs.

    Prints the manifest's warnings on stderr. With --baseline, exits 1 on regressions.
    """
    with kept_until_the_end():
        from .cli_run import load_for_run, print_comparison, ratchet
        from .report.subjects import Evaluation
        from .timing import evaluate_as_of

        packs = select_packs(pack_ids)
        source = load_for_run(manifest, packs, root, **run)
        loaded = source.manifest
        result = evaluate_as_of(packs, loaded, source.as_of)
    unmet = _check_requirements(result, requires)  # a malformed --require is a usage error: no output
    comparison = ratchet(baseline, result) if baseline is not None else None
    subject = Evaluation(packs, loaded, result, manifest, source.places, lang=lang)
    from .safeio import same_file_key

    read = inputs_of(pack_ids, manifest, loaded) | ({same_file_key(baseline)} if baseline is not None else set())
    emit("evaluate", fmt, subject, out, read)
    for message in unmet:
        say(f"requirement not met: {message}", err=True)
    regressed = comparison is not None and baseline is not None and print_comparison(baseline, comparison)
    if unmet or regressed:
        sys.exit(EXIT_UNMET)


def _targets(packs: Sequence[ClausePack], targets: Sequence[str]) -> list[Requirement]:
    """``--target`` expressions read and checked against the evaluated packs (usage errors)."""
    from .requirements import parse_requirement

    evaluated = {p.id: p.scoring.model for p in packs}
    try:
        reqs = [parse_requirement(t, "--target") for t in targets]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for req in reqs:
        if req.pack not in evaluated:
            raise click.UsageError(f"--target names {req.pack!r}, which is not evaluated ({', '.join(sorted(evaluated))})")
        if (misfit := req.misfit(evaluated[req.pack])) is not None:
            raise click.UsageError(f"--target {req.pack}: {misfit}")
    return reqs


def _analyse(
    manifest: Path,
    pack_ids: Sequence[str],
    targets: Sequence[str],
    root: Path | None = None,
    max_actions: int | None = None,
    lang: str = "en",
    **run: Any,
) -> Analysis:
    """Evaluate, trace the gaps and plan towards ``targets``: what ``gaps`` and ``report`` render.
    ``run``: the options of :func:`~ccom_rules.cli_run.run_options` (all off by default)."""
    with kept_until_the_end():
        from .cli_run import load_for_run
        from .gaps import trace_gaps
        from .planner import plan_remediation
        from .report.subjects import Analysis
        from .timing import evaluate_as_of

        packs = select_packs(pack_ids)
        reqs = _targets(packs, targets)
        options = {"as_of": None, "warn_within": None, "quiet": False, "strict": False, **run}
        source = load_for_run(manifest, packs, root, **options)
        loaded = source.judged
        result = evaluate_as_of(packs, source.manifest, source.as_of)
    report = trace_gaps(packs, loaded, result)
    return Analysis(
        packs, loaded, result, report, plan_remediation(packs, loaded, reqs), source.places, max_actions=max_actions, lang=lang
    )


def _analysis_options(
    command: str, verb: str, *more: Callable[[Any], Any], target_help: str, out_help: str, crosswalks_help: str
) -> Callable[[F], F]:
    """What ``gaps`` and ``report`` take, in the order their help lists it: ``--pack-path``,
    MANIFEST, ``--pack`` (its help beginning with ``verb``), the plan options, ``--out``, ``--root``,
    ``more`` and ``--crosswalks``; invalid input exits 2. The help texts are in the command's words."""
    decorators: tuple[Callable[[Any], Any], ...] = (
        with_pack_path,
        click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False)),
        pack_option(verb),
        plan_options(command, target_help),
        click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help=out_help),
        root_option,
        *more,
        click.option("--crosswalks", "crosswalk_dir", type=click.Path(path_type=Path, file_okay=False), help=crosswalks_help),
        handles_invalid_input,
    )

    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def _emit_analysis(
    command: str,
    across: Callable[[Analysis, Crosswalks], Analysis],
    manifest: Path,
    pack_ids: tuple[str, ...],
    targets: tuple[str, ...],
    fmt: str,
    lang: str,
    max_actions: int | None,
    out: Path | None,
    root: Path | None,
    crosswalk_dir: Path | None,
    **run: Any,
) -> Analysis:
    """The body of ``gaps`` and ``report``: :func:`_analyse`, with what ``across`` adds from the
    crosswalks of ``crosswalk_dir`` that join the packs, rendered in format ``fmt`` of ``command``
    and printed or written to ``out``. Returns what was rendered."""
    from .cli_crosswalk import crosswalks_for

    analysis = _analyse(manifest, pack_ids, targets, root, max_actions, lang, **run)
    crosswalks = crosswalks_for(analysis.packs, crosswalk_dir)
    analysis = across(analysis, crosswalks)
    emit(command, fmt, analysis, out, inputs_of(pack_ids, manifest, analysis.manifest) | set(crosswalks.files))
    return analysis


def _see_across(analysis: Analysis, crosswalks: Crosswalks) -> Analysis:
    """``analysis`` with each evidence gap and action naming the crosswalk themes it touches."""
    from .crosswalk.across import see_across

    report, plan = see_across(analysis.packs, analysis.manifest, analysis.result, analysis.gaps, analysis.plan, crosswalks)
    return replace(analysis, gaps=report, plan=plan)


def _chart_themes(analysis: Analysis, crosswalks: Crosswalks) -> Analysis:
    """``analysis`` with each crosswalk theme's statuses across the standards."""
    from .crosswalk.across import theme_statuses

    return replace(analysis, themes=theme_statuses(analysis.packs, analysis.manifest, analysis.result, crosswalks))


@click.command()
@_analysis_options(
    "gaps",
    "Trace",
    run_options,
    target_help="Plan to reach PACK:pass, PACK:L<n> or PACK:<score> (repeatable; default: each pack's next step).",
    out_help="Write the output to FILE (never over an input).",
    crosswalks_help="Name the crosswalk themes of gaps and actions from DIR (default: the installed crosswalks).",
)
def gaps(targets: tuple[str, ...], **options: Any) -> None:
    """Trace every gap to its root cause and plan a short road to the targets; each evidence gap
    and action names the crosswalk themes it touches, with their clauses in each standard.

    Exits 1 when a --target cannot be reached.
    """
    analysis = _emit_analysis("gaps", _see_across, targets=targets, **options)
    if targets and any(not t.reached for t in analysis.plan.targets):
        sys.exit(EXIT_UNMET)


@click.command()
@_analysis_options(
    "report",
    "Report",
    target_help="Plan towards PACK:pass, PACK:L<n> or PACK:<score> (repeatable; default: each pack's next step).",
    out_help="Write the report to FILE (never over an input).",
    crosswalks_help="Chart the crosswalk themes across the standards from DIR (default: the installed crosswalks).",
)
def report(**options: Any) -> None:
    """Write a self-contained HTML report for the client: outcomes, root causes, evidence gaps and
    the remediation plan; with crosswalks, each theme's statuses across the standards."""
    _emit_analysis("report", _chart_themes, **options)


@click.command()
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--pack", "pack_ids", multiple=True, metavar="ID|DIR", help="Export only these packs (repeatable; default: all).")
@click.option(
    "--target", "targets", multiple=True, metavar="T", help="Plan towards these targets (default: each pack's next step)."
)
@format_option("export")
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The workbook to write (never an input)."
)
@root_option
@handles_invalid_input
def export(manifest: Path, pack_ids: tuple[str, ...], targets: tuple[str, ...], fmt: str, out: Path, root: Path | None) -> None:
    """Write the assessor's workbook: a gap register for the client (reason, evidence needed, plan
    step and phase, empty owner and due-date columns) and a worksheet of findings for the assessor
    (C/F-Rates, fractions and statuses, each cell limited to the values the manifest accepts).
    Needs the xlsx extra: pip install 'ccom-rules[xlsx]'."""
    analysis = _analyse(manifest, pack_ids, targets, root)
    emit("export", fmt, analysis, out, inputs_of(pack_ids, manifest, analysis.manifest))


@click.command("import-findings")
@with_pack_path
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--manifest",
    "manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The manifest the worksheet was exported from (read, never changed).",
)
@click.option("--pack", "pack_ids", multiple=True, metavar="ID|DIR", help="The packs the worksheet names (default: all).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The new manifest to write: the original with the worksheet's findings.",
)
@root_option
@handles_invalid_input
def import_findings(workbook: Path, manifest: Path, pack_ids: tuple[str, ...], out: Path, root: Path | None) -> None:
    """Read a filled assessor worksheet back as findings and write them into a copy of the manifest.

    Each finding replaces one recorded for the same clause, or is added; comments and order of
    the manifest are kept. Problems name the sheet and cell; the new manifest is checked before it
    is written, and the original is never touched."""
    from .loader import load_manifest
    from .manifest_text import with_findings
    from .problems import InvalidInput
    from .workbook.read import read_findings

    if out.absolute().parent.resolve() != manifest.absolute().parent.resolve():
        raise click.UsageError(f"write --out beside {manifest.name}: its evidence paths are relative to {manifest.parent}")
    packs = select_packs(pack_ids)
    loaded = load_manifest(manifest, packs, root)
    findings, problems = read_findings(workbook, packs)
    if problems:
        raise InvalidInput(problems)
    text = with_findings(manifest.read_text(encoding="utf-8"), [(f, f"from {workbook.name}") for f in findings])
    _check_new_manifest(text, manifest, packs, root)
    from .safeio import same_file_key

    inputs = inputs_of(pack_ids, manifest, loaded) | {same_file_key(workbook)}
    write_output(text, out, inputs)
    echo(f"{len(findings)} finding(s) from {workbook} written to {out}\n", err=True)


def _check_new_manifest(text: str, like: Path, packs: Sequence[ClausePack], root: Path | None) -> None:
    """Raise :class:`InvalidInput` unless ``text`` would load as a manifest standing where ``like`` does."""
    from .loader import read_manifest
    from .problems import InvalidInput

    _, problems = read_manifest(like, packs, root, text=text)
    if any(p.severity == "error" for p in problems):
        raise InvalidInput(problems)


@click.command()
@with_pack_path
@format_option("demo")
@handles_invalid_input
def demo(fmt: str) -> None:
    """Evaluate the bundled sample organisation against every installed pack."""
    with kept_until_the_end():
        from .engine import evaluate as run
        from .loader import demo_manifest_path, load_manifest
        from .report.subjects import Evaluation

        packs = select_packs(())
        path = demo_manifest_path()
        loaded = load_manifest(path, packs)
        result = run(packs, loaded)
    emit("demo", fmt, Evaluation(packs, loaded, result, path))


def _evidence_around(out: Path, paths: Sequence[Path], packs: Sequence[ClausePack], root: Path | None) -> set[Path]:
    """The evidence files, read by the batch, among which ``out`` could be: those of each manifest
    whose evidence may lie around ``out`` (inside ``root``, else inside the manifest's folder); the
    other manifests are not read again."""
    from .loader import read_manifest
    from .safeio import same_file_key

    target = same_file_key(out)
    found: set[Path] = set()
    for path in paths:
        if same_file_key(root if root is not None else path.parent) in target.parents:
            manifest, _ = read_manifest(path, packs, root)
            if manifest is not None:
                found |= inputs_of((), path, manifest)
    return found


@click.command()
@with_pack_path
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MANIFEST|DIR...")
@pack_option("Evaluate")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes (0: one per CPU).")
@format_option("batch")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the rows to FILE (never over an input).")
@root_option
@handles_invalid_input
def batch(targets: tuple[Path, ...], pack_ids: tuple[str, ...], jobs: int, fmt: str, out: Path | None, root: Path | None) -> None:
    """Evaluate many manifests: one summary row each (a folder: its *.yaml/*.yml/*.json files and
    every manifest.yaml below it). Exit 0 when every manifest was evaluated, 2 when any was invalid."""
    from .batch import BatchReport, evaluate_many, manifest_paths

    packs = select_packs(pack_ids)
    paths = manifest_paths(targets)
    rows = evaluate_many(packs, paths, jobs=jobs, root=root)
    report = BatchReport(__version__, tuple(p.id for p in packs), tuple(rows))
    from .safeio import same_file_key

    read = inputs_of(pack_ids, None) | {same_file_key(p) for p in paths}
    emit("batch", fmt, report, out, read | (_evidence_around(out, paths, packs, root) if out is not None else set()))
    invalid = sum(1 for row in rows if not row.evaluated)
    if invalid:
        say(f"{invalid} of {len(rows)} manifests invalid (their problems are in their rows)", err=True)
        sys.exit(EXIT_INVALID)
