"""The commands for pack editors: ``packs diff``, ``packs new`` and ``schemas``.

They are registered on the ``ccom-rules`` group by :mod:`ccom_rules.cli`; heavy modules are
imported inside each command, so ``--help`` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli import (
    EXIT_UNMET,
    _inputs_of,
    _is_pack_dir,
    echo,
    emit,
    format_option,
    handles_invalid_input,
    pack_path,
    select_packs,
    with_pack_path,
    write_output,
)

if TYPE_CHECKING:
    from .packpath import PackPath


def _pack_folder(ref: str, path: PackPath) -> Path:
    """The folder of a pack given as a folder, ``ID@PATH`` or an id on the pack path."""
    from .packpath import pack_dir_for

    pack_id, at, where = ref.partition("@")
    if at:
        found = pack_dir_for(pack_id, Path(where))
    elif _is_pack_dir(ref):
        found = Path(ref).parent if Path(ref).is_file() else Path(ref)
    else:
        found = path.locate(ref)
    if found is None:
        raise click.UsageError(
            f"no pack {ref!r}: give a pack folder, ID@PATH or an id on the pack path ({', '.join(path.ids())})"
        )
    return found


@click.command("diff")
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
    emit("packs diff", fmt, diff, out, _inputs_of([str(f) for f in folders], None) | {m.resolve() for m in manifests})
    if check_version and not diff.version_ok:
        sys.exit(EXIT_UNMET)


@click.command("new")
@click.argument("pack_id")
@click.option(
    "--model", required=True, type=click.Choice(["pass_fail", "maturity_levels", "weighted_bands"]), help="The scoring model."
)
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
    write_output(text, out, _inputs_of(pack_refs, None))
