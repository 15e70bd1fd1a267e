"""What the ``ccom-rules`` commands share: choosing packs, the options several commands take,
printing problems and writing output. Heavy modules are imported inside the functions that need
them, so loading a command stays quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .report.formats import formats_for

if TYPE_CHECKING:
    from .model.manifest import Manifest
    from .model.pack import ClausePack
    from .packpath import PackPath
    from .problems import Problem

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_UNMET, EXIT_INVALID = 0, 1, 2


@contextmanager
def kept_until_the_end() -> Iterator[None]:
    """The cyclic garbage collector rests while a command imports its modules, reads its packs
    and manifest and evaluates them, then leaves all that alone (``gc.freeze``) for the rest of
    the command.

    All of it lives until the command ends, and none of it is dropped in cycles (reference
    counting frees what is dropped); the collector's passes while it is made, and again over it
    when later work triggers them, would walk every object of every module, pack, manifest and
    result, several times, for nothing. What the command makes afterwards is collected as usual,
    and when it ends the collector gets back what it left alone (``gc.unfreeze``)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.call_on_close(gc.unfreeze)


def say(message: str | bytes = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo``, except when the stream's reader has gone (``ccom-rules … | head``): the
    rest of the command's output to that stream is then dropped, quietly, and the command still
    ends with its own exit status (2 for invalid input, 1 for a requirement not met), where click
    would end it at once with 1. Every command prints through here."""
    try:
        click.echo(message, err=err, nl=nl)
    except BrokenPipeError:
        _reader_gone(sys.stderr if err else sys.stdout)


def _reader_gone(stream: Any) -> None:
    """Point ``stream``'s file descriptor at the null device: what it still holds, and whatever
    is written to it later, the interpreter's flush at exit included, goes nowhere without error."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """:func:`say` of text that may hold characters from inputs: control characters escaped."""
    from .safetext import visible

    say(visible(message), err=err, nl=nl)


def print_problems(problems: Sequence[Problem]) -> None:
    """The first ``max_problems`` problems in full (control characters escaped), then the counts."""
    from .limits import current
    from .safetext import visible

    shown = current().max_problems
    for p in problems[:shown]:
        say(visible(str(p)), err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if len(problems) > shown:
        say(f"… and {len(problems) - shown:,} more (set CCOM_RULES_MAX_PROBLEMS to show more)", err=True)
    if errors or warnings:
        say(f"{errors} error(s), {warnings} warning(s)", err=True)


def handles_invalid_input(func: F) -> F:
    """Turn :class:`InvalidInput` into its problems on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .problems import InvalidInput

        try:
            return func(*args, **kwargs)
        except InvalidInput as exc:
            print_problems(exc.problems)
            sys.exit(EXIT_INVALID)

    return wrapper  # type: ignore[return-value]


def inputs_of(pack_refs: Sequence[str], manifest_path: Path | None, manifest: Manifest | None = None) -> set[Path]:
    """Every file read to make the output: pack files, the manifest and its evidence files."""
    path = pack_path()
    dirs = [*(f.directory for f in path.found()), *(Path(r.partition("@")[2] or r) for r in pack_refs if is_pack_dir(r))]
    from .safeio import same_file_key

    inputs = {same_file_key(p) for d in dirs for p in d.rglob("*") if p.is_file()}
    if manifest_path is not None:
        inputs.add(same_file_key(manifest_path))
        if manifest is not None:
            root = manifest_path.parent / manifest.evidence_root
            inputs |= {same_file_key(root / item.path) for item in manifest.evidence if item.path is not None}
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


def plan_options(command: str, target_help: str) -> Callable[[F], F]:
    """The options of a command that plans (``gaps``, ``report``), in the order their help lists
    them: ``--target`` (its help in the command's words), ``--format``, ``--lang``, ``--max-actions``."""
    options = (
        click.option("--target", "targets", multiple=True, metavar="T", help=target_help),
        format_option(command),
        lang_option,
        click.option(
            "--max-actions",
            type=click.IntRange(min=0),
            metavar="N",
            help="List at most N of the plan's actions (the summary says how many are not shown).",
        ),
    )

    def apply(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return apply


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
        say(text, nl=False)
        return
    try:
        if resolve(out) in inputs:
            raise click.UsageError(f"--out {out} is an input file; choose another path")
        write_atomic(out, text.encode("utf-8") if isinstance(text, str) else text)
    except Refused as exc:
        raise click.UsageError(f"cannot write --out {out}: {exc}") from None


def is_pack_dir(ref: str) -> bool:
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
        elif is_pack_dir(ref):
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
