"""``ccom-rules evidence sync`` and ``ccom-rules checklist``: keeping an evidence repository honest."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import (
    echo,
    say,
    EXIT_UNMET,
    emit,
    format_option,
    handles_invalid_input,
    root_option,
    select_packs,
    with_pack_path,
    write_output,
)


@click.group()
def evidence() -> None:
    """Housekeeping for the evidence files a manifest lists."""


@evidence.command("sync")
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the updated manifest to FILE (never over the manifest)."
)
@click.option("--diff", "as_diff", is_flag=True, help="Print the changes as a unified diff instead.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 unless the manifest and its files agree.")
@root_option
@handles_invalid_input
def sync(manifest: Path, out: Path | None, as_diff: bool, check: bool, root: Path | None) -> None:
    """Fill in missing sha256 values, update changed ones, and list items whose file is gone and
    files under the evidence root that no item names (orphans).

    The manifest keeps its comments, order and layout: only sha256 values change. It is never
    overwritten: give --out for a new file or --diff for a patch (apply it with `patch -p1`
    or `git apply`). The findings print on stderr.
    """
    from .evidence_sync import sync as run

    from .safeio import same_file_key

    if out is not None and same_file_key(out) == same_file_key(manifest):
        raise click.UsageError(f"--out {out} is the manifest itself; choose another path (the manifest is never overwritten)")
    if sum((out is not None, as_diff, check)) > 1:
        raise click.UsageError("give one of --out, --diff and --check")
    report = run(manifest, root, ignore=(out,) if out is not None else ())
    for e in report.added:
        echo(f"sha256 added    {e.item}  {e.path}", err=True)
    for e in report.changed:
        echo(f"sha256 changed  {e.item}  {e.path} (was {(e.old or '')[:12]}…, now {(e.new or '')[:12]}…)", err=True)
    for e in report.missing:
        echo(f"file missing    {e.item}  {e.path} ({manifest}:{e.line})", err=True)
    for rel in report.orphans:
        echo(f"orphan          {rel} (no item names it)", err=True)
    if report.walk_cut:
        say("(stopped looking for orphans after 200,000 files)")
    echo(
        f"{len(report.added)} sha256 added, {len(report.changed)} changed, {len(report.missing)} missing file(s), "
        f"{len(report.orphans)} orphan(s)",
        err=True,
    )
    if as_diff:
        import difflib

        name = manifest.as_posix()
        patch = difflib.unified_diff(
            report.text.splitlines(keepends=True), report.new_text.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        write_output("".join(patch), None, set())
    elif out is not None:  # bytes: written exactly as edited (line breaks included)
        write_output(report.new_text.encode("utf-8"), out, report.inputs)
    if check and not report.in_sync:
        sys.exit(EXIT_UNMET)


@click.command()
@with_pack_path
@click.argument("pack_refs", nargs=-1, metavar="[PACK]...")
@format_option("checklist")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the checklist to FILE.")
@handles_invalid_input
def checklist(pack_refs: tuple[str, ...], fmt: str, out: Path | None) -> None:
    """Every evidence type the packs need (installed ids or pack folders; default: all installed),
    with what their rules ask of it (freshness, continuity, approvals, metric thresholds, certified
    people) and the clauses it serves in each pack."""
    from .checklist import checklist as gather

    packs = select_packs(pack_refs)
    emit("checklist", fmt, gather(packs), out, set())
