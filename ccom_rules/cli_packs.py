"""The commands for packs and their editors: ``packs`` (with ``show``, ``diff`` and ``new``),
``validate``, ``explain``, ``test`` and ``schemas``.

:mod:`ccom_rules.cli` imports this module only when one of them runs; heavy modules are imported
inside each command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_common import (
    say,
    EXIT_INVALID,
    EXIT_UNMET,
    inputs_of,
    is_pack_dir,
    print_problems,
    echo,
    emit,
    format_option,
    handles_invalid_input,
    pack_path,
    root_option,
    select_packs,
    with_pack_path,
    write_output,
)
from .report.formats import formats_for

if TYPE_CHECKING:
    from .model.pack import ClausePack
    from .packpath import PackPath
    from .problems import Problem


@click.group(invoke_without_command=True)
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


def _pack_folder(ref: str, path: PackPath) -> Path:
    """The folder of a pack given as a folder, ``ID@PATH`` or an id on the pack path."""
    from .packpath import pack_dir_for

    pack_id, at, where = ref.partition("@")
    if at:
        found = pack_dir_for(pack_id, Path(where))
    elif is_pack_dir(ref):
        found = Path(ref).parent if Path(ref).is_file() else Path(ref)
    else:
        found = path.locate(ref)
    if found is None:
        raise click.UsageError(
            f"no pack {ref!r}: give a pack folder, ID@PATH or an id on the pack path ({', '.join(path.ids())})"
        )
    return found


@packs.command("diff")
@with_pack_path
@click.argument("old_ref", metavar="OLD")
@click.argument("new_ref", metavar="NEW")
@click.option(
    "--manifest",
    "manifests",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Evaluate this manifest against both (repeatable; default: the cases of both packs).",
)
@click.option("--check-version", is_flag=True, help="Exit 1 when NEW's version is not bumped enough for the changes since OLD.")
@format_option("packs diff")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the output to FILE (never over an input).")
@handles_invalid_input
def packs_diff(old_ref: str, new_ref: str, manifests: tuple[Path, ...], check_version: bool, fmt: str, out: Path | None) -> None:
    """Compare two versions of a pack (folders, ids or ID@PATH): clauses, checkpoints, evidence
    types and scoring parameters added, removed and changed; the outcomes that change on the
    manifests (or both packs' cases); and whether NEW's version bump is enough."""
    from .cases import case_dirs
    from .loader import load_pack
    from .packdiff import diff_packs

    path = pack_path()
    folders = [_pack_folder(ref, path) for ref in (old_ref, new_ref)]
    old, new = (load_pack(folder, path) for folder in folders)
    if manifests:
        sources = [(str(m), m) for m in manifests]
    else:
        cases = {case.name: case / "manifest.yaml" for folder in folders for case in case_dirs(folder)}
        sources = [(f"case {name}", cases[name]) for name in sorted(cases)]
    diff = diff_packs(old, new, sources)
    from .safeio import same_file_key

    emit("packs diff", fmt, diff, out, inputs_of([str(f) for f in folders], None) | {same_file_key(m) for m in manifests})
    if check_version and not diff.version_ok:
        sys.exit(EXIT_UNMET)


class _StarterModels(click.Choice):  # type: ignore[type-arg]
    """The scoring models with a starter pack (``ScoringModel.STARTER``), listed when first asked
    for: the models are not imported for ``--help`` of the other commands."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        from .scaffold import starter_models

        return starter_models()

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        pass


@packs.command("new")
@click.argument("pack_id")
@click.option("--model", required=True, type=_StarterModels(), help="The scoring model.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder to make (default: ./PACK_ID); never one with files in it.",
)
def packs_new(pack_id: str, model: str, directory: Path | None) -> None:
    """Make a new pack: pack.yaml with one clause, one test case and a README, which pass
    `validate --strict` and `test` as written."""
    from .scaffold import ScaffoldError, new_pack

    folder = directory or Path(pack_id)
    try:
        written = new_pack(pack_id, model, folder)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    for file in written:
        echo(f"wrote {file}")
    echo(f"next: ccom-rules validate --strict {folder} && ccom-rules test {folder}")


@click.command("schemas")
@with_pack_path
@click.option(
    "--for-packs",
    "for_packs",
    is_flag=True,
    help="Offer the evidence-type and pack ids of PACKS (ids or folders) as completions.",
)
@click.argument("pack_refs", nargs=-1, metavar="[PACKS]...")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the schema to FILE (never over an input).")
@handles_invalid_input
def schemas(for_packs: bool, pack_refs: tuple[str, ...], out: Path | None) -> None:
    """Write the manifest JSON Schema; with --for-packs, one that offers the packs' evidence-type
    ids as completions (any other id stays valid)."""
    from .schemas import manifest_schema_for

    if pack_refs and not for_packs:
        raise click.UsageError("packs are given only after --for-packs")
    packs = select_packs(pack_refs) if for_packs else []
    text = manifest_schema_for(packs, out.name if out is not None else "evidence-manifest.schema.json")
    write_output(text, out, inputs_of(pack_refs, None))


@click.command()
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
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the SARIF log to FILE (with --format sarif; never over an input).",
)
def validate(
    paths: tuple[Path, ...], strict: bool, pack_ids: tuple[str, ...], root: Path | None, fmt: str, out: Path | None
) -> None:
    """Check pack folders, crosswalk folders and manifest files; report every problem with file:line:col."""
    if out is not None and fmt == "text":  # the text goes to the terminal: a file named for it would be left unwritten
        raise click.UsageError(f"--out writes a log: give --format {' or '.join(formats_for('validate'))} with it")
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
    print_problems(sort_problems(problems))
    if fmt != "text":
        from .report.subjects import Validation

        from .safeio import same_file_key

        emit("validate", fmt, Validation(sort_problems(problems)), out, {same_file_key(path) for path in paths})
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        sys.exit(EXIT_INVALID)
    for path in paths:
        if fmt == "text":
            echo(f"ok  {checked[path]}")


@click.command()
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


@click.command("test")
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
    say(f"{total - failed} passed, {failed} failed")
    if failed:
        sys.exit(EXIT_UNMET)
