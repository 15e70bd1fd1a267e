"""The ``ccom-rules`` command. Parses options, calls loader → engine → report, maps errors to
exit codes: 0 done, 1 a requirement not met, 2 invalid input or usage.

Heavy modules are imported inside the commands that need them, so ``--help`` stays quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .cli_run import baseline_option, run_options
from .report.formats import formats_for

if TYPE_CHECKING:
    from .model.manifest import Manifest
    from .model.pack import ClausePack
    from .model.result import Result
    from .packpath import PackPath
    from .problems import Problem
    from .report.subjects import Analysis
    from .requirements import Requirement

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_UNMET, EXIT_INVALID = 0, 1, 2


def echo(message: str = "", **kwargs: Any) -> None:
    """``click.echo`` of text that may hold characters from inputs: control characters escaped."""
    from .safetext import visible

    click.echo(visible(message), **kwargs)


def _print_problems(problems: Sequence[Problem]) -> None:
    """The first ``max_problems`` problems in full (control characters escaped), then the counts."""
    from .limits import current
    from .safetext import visible

    shown = current().max_problems
    for p in problems[:shown]:
        click.echo(visible(str(p)), err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if len(problems) > shown:
        click.echo(f"… and {len(problems) - shown:,} more (set CCOM_RULES_MAX_PROBLEMS to show more)", err=True)
    if errors or warnings:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


def handles_invalid_input(func: F) -> F:
    """Turn :class:`InvalidInput` into its problems on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .problems import InvalidInput

        try:
            return func(*args, **kwargs)
        except InvalidInput as exc:
            _print_problems(exc.problems)
            sys.exit(EXIT_INVALID)

    return wrapper  # type: ignore[return-value]


def _inputs_of(pack_refs: Sequence[str], manifest_path: Path | None, manifest: Manifest | None = None) -> set[Path]:
    """Every file read to make the output: pack files, the manifest and its evidence files."""
    path = pack_path()
    dirs = [*(f.directory for f in path.found()), *(Path(r.partition("@")[2] or r) for r in pack_refs if _is_pack_dir(r))]
    inputs = {p.resolve() for d in dirs for p in d.rglob("*") if p.is_file()}
    if manifest_path is not None:
        inputs.add(manifest_path.resolve())
        if manifest is not None:
            root = manifest_path.parent / manifest.evidence_root
            inputs |= {(root / item.path).resolve() for item in manifest.evidence if item.path is not None}
    return inputs


def format_option(command: str) -> Callable[[F], F]:
    """``--format`` with the choices the format table lists for ``command`` (the first is the default)."""
    choices = formats_for(command)
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True)


def lang_option(func: F) -> F:
    """``--lang``: the reader's language(s) for words, reasons and titles (JSON keeps its English text)."""
    return click.option(
        "--lang",
        type=click.Choice(["en", "zh", "both"]),
        default="en",
        show_default=True,
        help="Language of the words shown: en, zh, or both (English then Chinese). JSON is unchanged.",
    )(func)


def emit(command: str, fmt: str, subject: object, out: Path | None = None, inputs: set[Path] | None = None) -> None:
    """Render ``subject`` in format ``fmt`` of ``command`` and print it or write it to ``out``."""
    from .report.formats import render

    write_output(render(command, fmt, subject), out, inputs or set())


def write_output(text: str | bytes, out: Path | None, inputs: set[Path]) -> None:
    """Print ``text`` or write it to ``out`` atomically; never over an input file, and only over
    a regular file (``safeio.write_atomic``). Control characters from inputs are escaped in text."""
    from .safeio import Refused, resolve, write_atomic
    from .safetext import visible

    if isinstance(text, str):
        text = visible(text)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        if resolve(out) in inputs:
            raise click.UsageError(f"--out {out} is an input file; choose another path")
        write_atomic(out, text.encode("utf-8") if isinstance(text, str) else text)
    except Refused as exc:
        raise click.UsageError(f"cannot write --out {out}: {exc}") from None


def _is_pack_dir(ref: str) -> bool:
    from .loader import PACK_FILE

    return "@" in ref or os.sep in ref or "/" in ref or (Path(ref) / PACK_FILE).is_file()


_PACK_PATH = "ccom_rules.pack_path"


def pack_option(verb: str) -> Callable[[F], F]:
    """``--pack ID|DIR`` (repeatable): the packs a command works on, installed ids or pack folders;
    ``verb`` begins its help ("Evaluate only these packs …")."""
    return click.option(
        "--pack",
        "pack_ids",
        multiple=True,
        metavar="ID|DIR",
        help=f"{verb} only these packs: installed ids or pack folders (repeatable; default: all installed).",
    )


def with_pack_path(func: F) -> F:
    """Add ``--pack-path DIR`` (repeatable): folders searched for packs after the installed ones
    and ``CCOM_RULES_PACK_PATH``."""

    @wraps(func)
    def wrapper(*args: Any, pack_path_dirs: tuple[Path, ...] = (), **kwargs: Any) -> Any:
        meta = click.get_current_context().meta  # shared by a group and its command: both count
        meta[_PACK_PATH] = (*meta.get(_PACK_PATH, ()), *pack_path_dirs)
        return func(*args, **kwargs)

    option = click.option(
        "--pack-path",
        "pack_path_dirs",
        multiple=True,
        metavar="DIR",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        help="Also look for packs in DIR (a pack folder or a folder of them; repeatable), after CCOM_RULES_PACK_PATH.",
    )
    return option(wrapper)  # type: ignore[return-value]


def pack_path() -> PackPath:
    """The pack path of this command: installed packs, ``CCOM_RULES_PACK_PATH``, ``--pack-path``."""
    from .packpath import PackPath

    ctx = click.get_current_context(silent=True)
    return PackPath.from_environment(ctx.meta.get(_PACK_PATH, ()) if ctx is not None else ())


def select_packs(refs: Sequence[str], path: PackPath | None = None) -> list[ClausePack]:
    """The packs named by ``refs`` (every pack on the pack path when empty). A ref is a pack id,
    ``ID@PATH`` (that pack, from PATH, whatever else has the id) or the path of a pack folder, e.g.
    one being edited; a folder or ``ID@PATH`` is an explicit choice, so it takes the place of any
    other pack of its id (also as the base of an overlay). Unknown ids are a usage error."""
    from .loader import load_pack, load_packs
    from .packpath import INSTALLED, pack_dir_for, pack_id_of

    path = path or pack_path()
    folders: list[Path] = []
    ids: list[str] = []
    for ref in refs:
        pack_id, at, where = ref.partition("@")
        if at:
            directory = pack_dir_for(pack_id, Path(where))
            if directory is None:
                raise click.UsageError(f"{ref}: no pack {pack_id!r} in {where}")
            path.choose(pack_id, directory)
            ids.append(pack_id)
        elif _is_pack_dir(ref):
            folder = Path(ref).parent if Path(ref).is_file() else Path(ref)
            folders.append(folder)
            path.choose(pack_id_of(folder), folder)
        else:
            ids.append(ref)
    local = [load_pack(f, path) for f in folders]
    if not refs:
        return load_packs(path)
    known = path.ids()
    unknown = [i for i in ids if i not in known]
    if unknown:
        installed = sorted({f.id for f in path.found() if f.origin == INSTALLED})
        others = [i for i in known if i not in installed]
        more = f"; also on the pack path: {', '.join(others)}" if others else ""
        raise click.UsageError(f"unknown pack {', '.join(unknown)}; installed: {', '.join(installed)}{more}")
    chosen = {p.id: p for p in local}
    for pack in load_packs(path, [i for i in dict.fromkeys(ids) if i not in chosen]):
        chosen.setdefault(pack.id, pack)
    return list(chosen.values())


root_option: Callable[[F], F] = click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Folder the manifest's evidence_root must stay inside (default: the manifest's own folder).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccom-rules")
def main() -> None:
    """Evaluate contact-centre evidence against CCOM, CC-CMM and CCCS-OP clause packs.

    Exit status: 0 done, 1 a --require not met, 2 invalid input or usage.
    Limits on input files are set by CCOM_RULES_MAX_* variables (docs/security.md).
    """
    from .limits import current

    try:
        current()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@main.group(invoke_without_command=True)
@with_pack_path
@click.pass_context
@handles_invalid_input
def packs(ctx: click.Context) -> None:
    """List the packs on the pack path (id, version, standard, title, where it comes from)."""
    if ctx.invoked_subcommand is not None:
        return
    from .loader import read_pack
    from .packpath import INSTALLED
    from .problems import InvalidInput

    path = pack_path()
    problems: list[Problem] = []
    for found in sorted(path.found(), key=lambda f: f.id):
        pack, found_problems = read_pack(found.directory, path)
        problems += [p for p in found_problems if p.severity == "error"]
        where = "installed" if found.origin == INSTALLED else found.place
        if pack is None:
            echo(f"{found.id:<18} {'?':<8} {'(invalid: see below)':<26} {'':<40} {where}")
            continue
        echo(f"{pack.id:<18} {pack.version:<8} {pack.standard:<26} {pack.title.en:<40} {where}")
    problems += [path.clash_problem(i) for i in sorted(path.clashes())]
    if problems:
        raise InvalidInput(problems)


@packs.command("show")
@with_pack_path
@click.argument("pack_id")
@format_option("packs show")
@handles_invalid_input
def packs_show(pack_id: str, fmt: str) -> None:
    """Show one pack (an installed id or a pack folder): its scoring model and clause tree."""
    (pack,) = select_packs([pack_id])
    emit("packs show", fmt, pack)


@main.command()
@with_pack_path
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--pack",
    "pack_ids",
    multiple=True,
    metavar="ID|DIR",
    help="Check manifests' references against these packs (default: every installed pack, "
    "with the pack folders given as PATHS in place of the installed ones of the same id).",
)
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", *formats_for("validate")]),
    default="text",
    show_default=True,
    help="sarif: every problem as a SARIF log on stdout (or --out); they still print on stderr.",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the SARIF log to FILE (never over an input).")
def validate(
    paths: tuple[Path, ...], strict: bool, pack_ids: tuple[str, ...], root: Path | None, fmt: str, out: Path | None
) -> None:
    """Check pack folders, crosswalk folders and manifest files; report every problem with file:line:col."""
    from .crosswalk.load import THEMES_FILE, read_crosswalks
    from .loader import PACK_FILE, read_manifest, read_pack
    from .packpath import pack_id_of
    from .problems import InvalidInput, sort_problems

    problems: list[Problem] = []
    checked: dict[Path, str] = {}
    given: dict[str, ClausePack] = {}
    search = pack_path()
    crosswalk_dirs = [p for p in paths if p.is_dir() and not (p / PACK_FILE).exists() and (p / THEMES_FILE).is_file()]
    folders = {
        path: path.parent if path.is_file() else path
        for path in paths
        if (path.is_dir() or path.name == PACK_FILE) and path not in crosswalk_dirs
    }
    for folder in folders.values():  # chosen before any is read: an overlay's base may be one of them
        search.choose(pack_id_of(folder), folder)
    for path in folders:  # packs first: the manifests are checked against them
        pack, found = read_pack(path, search)
        checked[path] = f"pack {pack.id} {pack.version}" if pack else f"pack {path}"
        problems += found
        if pack is not None and not any(p.severity == "error" for p in found):
            given[pack.id] = pack
    if crosswalk_dirs:  # checked against the packs given here, else the installed ones
        try:
            joined = list(({p.id: p for p in select_packs((), search)} | given).values())
        except InvalidInput as exc:
            problems += exc.problems
            joined = list(given.values())
        for path in crosswalk_dirs:
            found_crosswalks, found = read_crosswalks(path, joined)
            count = len(found_crosswalks.pairs) if found_crosswalks else 0
            checked[path] = f"crosswalks {path} ({count} pair files)"
            problems += found
    manifests = [p for p in paths if p not in checked]
    if manifests:
        try:
            if pack_ids:
                packs_for_refs = select_packs(pack_ids)
            else:
                packs_for_refs = list(({p.id: p for p in select_packs((), search)} | given).values())
        except InvalidInput as exc:
            problems += exc.problems
            packs_for_refs = []
        for path in manifests:
            _, found = read_manifest(path, packs_for_refs, root)
            checked[path] = f"manifest {path}"
            problems += found
    elif pack_ids:
        try:
            select_packs(pack_ids)
        except InvalidInput as exc:
            problems += exc.problems
    _print_problems(sort_problems(problems))
    if fmt != "text":
        from .report.subjects import Validation

        emit("validate", fmt, Validation(sort_problems(problems)), out, {path.resolve() for path in paths})
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        sys.exit(EXIT_INVALID)
    for path in paths:
        if fmt == "text":
            echo(f"ok  {checked[path]}")


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


@main.command()
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
    emit("evaluate", fmt, subject, out, _inputs_of(pack_ids, manifest, loaded))
    for message in unmet:
        click.echo(f"requirement not met: {message}", err=True)
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


@main.command()
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@pack_option("Trace")
@click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="T",
    help="Plan to reach PACK:pass, PACK:L<n> or PACK:<score> (repeatable; default: each pack's next step).",
)
@format_option("gaps")
@lang_option
@click.option(
    "--max-actions",
    type=click.IntRange(min=0),
    metavar="N",
    help="List at most N of the plan's actions (the summary says how many are not shown).",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the output to FILE (never over an input).")
@root_option
@run_options
@click.option(
    "--crosswalks",
    "crosswalk_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Name the crosswalk themes of gaps and actions from DIR (default: the installed crosswalks).",
)
@handles_invalid_input
def gaps(
    manifest: Path,
    pack_ids: tuple[str, ...],
    targets: tuple[str, ...],
    fmt: str,
    lang: str,
    max_actions: int | None,
    out: Path | None,
    root: Path | None,
    crosswalk_dir: Path | None = None,
    **run: Any,
) -> None:
    """Trace every gap to its root cause and plan a short road to the targets; each evidence gap
    and action names the crosswalk themes it touches, with their clauses in each standard.

    Exits 1 when a --target cannot be reached.
    """
    from dataclasses import replace

    from .cli_crosswalk import _crosswalks_for
    from .crosswalk.across import see_across

    analysis = _analyse(manifest, pack_ids, targets, root, max_actions, lang, **run)
    crosswalks = _crosswalks_for(analysis.packs, crosswalk_dir)
    report, plan = see_across(analysis.packs, analysis.manifest, analysis.result, analysis.gaps, analysis.plan, crosswalks)
    analysis = replace(analysis, gaps=report, plan=plan)
    emit("gaps", fmt, analysis, out, _inputs_of(pack_ids, manifest, analysis.manifest) | set(crosswalks.files))
    if any(not t.reached for t in analysis.plan.targets if targets):
        sys.exit(EXIT_UNMET)


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


@main.command()
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@pack_option("Report")
@click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="T",
    help="Plan towards PACK:pass, PACK:L<n> or PACK:<score> (default: each pack's next step).",
)
@format_option("report")
@lang_option
@click.option(
    "--max-actions",
    type=click.IntRange(min=0),
    metavar="N",
    help="List at most N of the plan's actions (the summary says how many are not shown).",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE (never over an input).")
@root_option
@click.option(
    "--crosswalks",
    "crosswalk_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Chart the crosswalk themes across the standards from DIR (default: the installed crosswalks).",
)
@handles_invalid_input
def report(
    manifest: Path,
    pack_ids: tuple[str, ...],
    targets: tuple[str, ...],
    fmt: str,
    lang: str,
    max_actions: int | None,
    out: Path | None,
    root: Path | None,
    crosswalk_dir: Path | None = None,
) -> None:
    """Write a self-contained HTML report for the client: outcomes, root causes, evidence gaps and
    the remediation plan; with crosswalks, each theme's statuses across the standards."""
    from dataclasses import replace

    from .cli_crosswalk import _crosswalks_for
    from .crosswalk.across import theme_statuses

    analysis = _analyse(manifest, pack_ids, targets, root, max_actions, lang)
    crosswalks = _crosswalks_for(analysis.packs, crosswalk_dir)
    analysis = replace(analysis, themes=theme_statuses(analysis.packs, analysis.manifest, analysis.result, crosswalks))
    emit("report", fmt, analysis, out, _inputs_of(pack_ids, manifest, analysis.manifest) | set(crosswalks.files))


@main.command()
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
    emit("export", fmt, analysis, out, _inputs_of(pack_ids, manifest, analysis.manifest))


@main.command("import-findings")
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
    inputs = _inputs_of(pack_ids, manifest, loaded) | {workbook.resolve()}
    write_output(text, out, inputs)
    echo(f"{len(findings)} finding(s) from {workbook} written to {out}\n", err=True)


def _check_new_manifest(text: str, like: Path, packs: Sequence[ClausePack], root: Path | None) -> None:
    """Raise :class:`InvalidInput` unless ``text`` would load as a manifest standing where ``like`` does."""
    from .loader import read_manifest
    from .problems import InvalidInput

    _, problems = read_manifest(like, packs, root, text=text)
    if any(p.severity == "error" for p in problems):
        raise InvalidInput(problems)


@main.command()
@with_pack_path
@click.argument("pack_id")
@click.argument("clause_id")
@handles_invalid_input
def explain(pack_id: str, clause_id: str) -> None:
    """Explain a clause (or checkpoint): requirement, checkpoints, evidence, prerequisites."""
    from .explain import explain as describe

    (pack,) = select_packs([pack_id])
    try:
        echo(describe(pack, clause_id), nl=False)
    except KeyError:
        raise click.UsageError(f"{pack_id} has no clause or checkpoint {clause_id!r}") from None


@main.command()
@with_pack_path
@format_option("demo")
@handles_invalid_input
def demo(fmt: str) -> None:
    """Evaluate the bundled sample organisation against every installed pack."""
    from .engine import evaluate as run
    from .loader import demo_manifest_path, load_manifest
    from .report.subjects import Evaluation

    packs = select_packs(())
    path = demo_manifest_path()
    loaded = load_manifest(path, packs)
    emit("demo", fmt, Evaluation(packs, loaded, run(packs, loaded), path))


@main.command("test")
@with_pack_path
@click.argument("pack_dirs", nargs=-1, type=click.Path(path_type=Path, file_okay=False, exists=True))
@handles_invalid_input
def test_packs(pack_dirs: tuple[Path, ...]) -> None:
    """Run the test cases a pack ships in cases/ (default: every pack on the pack path)."""
    from .cases import case_dirs, run_case
    from .loader import load_pack

    path = pack_path()
    dirs = list(pack_dirs) or path.all_dirs()
    failed = total = 0
    for directory in dirs:
        pack = load_pack(directory, path)
        for case in case_dirs(directory):
            outcome = run_case(case, pack)
            total += 1
            echo(f"{'ok  ' if outcome.passed else 'FAIL'} {pack.id}/{case.name}")
            for failure in outcome.failures:
                echo(f"       {failure}")
            failed += not outcome.passed
    click.echo(f"{total - failed} passed, {failed} failed")
    if failed:
        sys.exit(EXIT_UNMET)


# Commands for pack editors live in their own module; registered here so that they are part of the group.
from .cli_packs import packs_diff, packs_new, schemas  # noqa: E402

packs.add_command(packs_diff, "diff")
packs.add_command(packs_new, "new")
main.add_command(schemas, "schemas")

from .cli_evidence import checklist, evidence  # noqa: E402  (its commands use the helpers above)

main.add_command(evidence)
main.add_command(checklist)

# Commands that read crosswalks live in their own module too.
from .cli_crosswalk import compare_cmd, crosswalk  # noqa: E402

main.add_command(crosswalk, "crosswalk")
main.add_command(compare_cmd, "compare")


@main.command()
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
    emit("batch", fmt, report, out, _inputs_of(pack_ids, None) | {p.resolve() for p in paths})
    invalid = sum(1 for row in rows if not row.evaluated)
    if invalid:
        click.echo(f"{invalid} of {len(rows)} manifests invalid (their problems are in their rows)", err=True)
        sys.exit(EXIT_INVALID)
