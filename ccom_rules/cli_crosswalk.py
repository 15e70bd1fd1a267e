"""The commands that read crosswalks: ``crosswalk lint``, ``crosswalk apply`` and ``compare``.

They are registered on the ``ccom-rules`` group by :mod:`ccom_rules.cli`; heavy modules are
imported inside each command, so ``--help`` stays quick.
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
    inputs_of,
    print_problems,
    echo,
    emit,
    format_option,
    handles_invalid_input,
    lang_option,
    pack_option,
    root_option,
    select_packs,
    with_pack_path,
    write_output,
)

if TYPE_CHECKING:
    from .crosswalk.load import Crosswalks
    from .model.pack import ClausePack


def crosswalks_for(packs: Sequence[ClausePack], directory: Path | None) -> Crosswalks:
    """The crosswalks of ``directory`` (default: the installed ones) joining ``packs``; their
    warnings printed."""
    from .crosswalk.load import load_crosswalks

    crosswalks = load_crosswalks(directory, packs)
    print_problems(crosswalks.warnings)
    return crosswalks


@click.group()
def crosswalk() -> None:
    """Check crosswalks between packs, and carry findings from one standard to another."""


@crosswalk.command("lint")
@with_pack_path
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--pack", "pack_ids", multiple=True, metavar="ID|DIR", help="Check against these packs (default: every installed pack)."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@handles_invalid_input
def crosswalk_lint(directory: Path | None, pack_ids: tuple[str, ...], strict: bool) -> None:
    """Check a crosswalk folder (default: the installed one) against the packs it joins, and
    print each pack's coverage."""
    from .crosswalk.lint import assessed_clauses
    from .crosswalk.load import installed_crosswalks_dir, read_crosswalks

    packs = select_packs(pack_ids)
    folder = directory if directory is not None else installed_crosswalks_dir()
    found, problems = read_crosswalks(folder, packs)
    print_problems(problems)
    if found is None or (strict and problems):
        sys.exit(EXIT_INVALID)
    by_id = {p.id: p for p in packs}
    for cw in found.pairs:
        echo(f"ok  crosswalk {cw.id} {cw.version}: {len(cw.mappings)} mappings")
        for side in ("left", "right"):
            pack = by_id[getattr(cw.packs, side).id]
            assessed = assessed_clauses(pack)
            mapped = {getattr(m, side) for m in cw.mappings} & set(assessed)
            unmapped = len(getattr(cw.unmapped, side))
            echo(f"      {pack.id}: {len(mapped)} of {len(assessed)} clauses mapped, {unmapped} without a counterpart")
    say(f"{len(found.pairs)} crosswalks, {len(found.themes)} themes")


_CROSSWALKS_OPTION = click.option(
    "--crosswalks",
    "crosswalk_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Read the crosswalks from DIR (default: the installed ones).",
)


@click.command("compare")
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@pack_option("Compare")
@_CROSSWALKS_OPTION
@format_option("compare")
@lang_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the output to FILE (never over an input).")
@root_option
@handles_invalid_input
def compare_cmd(
    manifest: Path,
    pack_ids: tuple[str, ...],
    crosswalk_dir: Path | None,
    fmt: str,
    lang: str,
    out: Path | None,
    root: Path | None,
) -> None:
    """Compare MANIFEST across the standards: themes side by side with their disagreements,
    the evidence each standard reuses and what is at stake in each, and the plan steps that
    move several standards at once."""
    from .crosswalk.compare import compare
    from .loader import load_manifest
    from .report.subjects import Compared

    packs = select_packs(pack_ids)
    crosswalks = crosswalks_for(packs, crosswalk_dir)
    loaded = load_manifest(manifest, packs, root)
    subject = Compared(compare(packs, loaded, crosswalks), packs, lang)
    emit("compare", fmt, subject, out, inputs_of(pack_ids, manifest, loaded) | set(crosswalks.files))


@crosswalk.command("apply")
@with_pack_path
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "source", required=True, metavar="PACK", help="The standard whose recorded findings are carried.")
@click.option("--to", "target", required=True, metavar="PACK", help="The standard to propose findings for.")
@click.option(
    "--out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Write the manifest with the proposals to FILE."
)
@_CROSSWALKS_OPTION
@root_option
@handles_invalid_input
def crosswalk_apply(manifest: Path, source: str, target: str, out: Path, crosswalk_dir: Path | None, root: Path | None) -> None:
    """Propose findings for --to from MANIFEST's findings for --from, along equivalent and
    superset mappings, each labelled with the finding and mapping it came from. They are
    written with the rest of MANIFEST, unchanged, to a new file for the assessor to review;
    findings already recorded for --to are kept, and differing proposals are reported."""
    from .crosswalk.apply import carry
    from .manifest_text import with_findings
    from .loader import load_manifest, reference_problems
    from .model.manifest import Manifest
    from .problems import InvalidInput
    from .validation import validate
    from .yamlsource import parse

    if source == target:
        raise click.UsageError("--from and --to name the same pack")
    packs = select_packs(())
    known = {p.id for p in packs}
    for option, pack_id in (("--from", source), ("--to", target)):
        if pack_id not in known:
            raise click.UsageError(f"{option} {pack_id}: no such pack; installed: {', '.join(sorted(known))}")
    crosswalks = crosswalks_for(packs, crosswalk_dir)
    if not any({c.packs.left.id, c.packs.right.id} == {source, target} for c in crosswalks.pairs):
        raise click.UsageError(f"no crosswalk joins {source} and {target}")
    loaded = load_manifest(manifest, packs, root)
    inputs = inputs_of((), manifest, loaded) | set(crosswalks.files)
    from .safeio import same_file_key

    if same_file_key(out) in inputs:
        raise click.UsageError(f"--out {out} is an input file; choose another path")
    carried = carry(packs, loaded, crosswalks, source, target)
    for line in carried.not_carried:
        echo(f"not carried: {line}", err=True)
    for conflict in carried.conflicts:
        echo(f"conflict: {conflict.message}", err=True)
    if not carried.proposals:
        say(f"no findings to propose for {target}; nothing written")
        return
    text = with_findings(
        manifest.read_text(encoding="utf-8"),
        [(p.finding, "from " + "; ".join(map(str, p.origins))) for p in carried.proposals],
        header="proposed by ccom-rules crosswalk apply: review each one before relying on it",
    )
    doc, problems = parse(text, str(out))
    checked, found = validate(Manifest, doc) if not problems else (None, [])
    problems += found + (reference_problems(checked, doc, packs) if checked is not None else [])
    if any(p.severity == "error" for p in problems):
        raise InvalidInput(problems)
    write_output(text, out, inputs)
    if out.resolve().parent != manifest.resolve().parent and any(item.path for item in loaded.evidence):
        echo(f"note: evidence paths are relative to the manifest's folder; keep {out} beside {manifest} to evaluate it", err=True)
    echo(f"{len(carried.proposals)} finding(s) proposed for {target} from {source}, written to {out} for review:")
    for p in carried.proposals:
        echo(f"  {p}")
    if carried.conflicts:
        say(f"{len(carried.conflicts)} conflict(s) left as recorded (see above)")
