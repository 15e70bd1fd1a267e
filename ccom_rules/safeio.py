"""Reading and writing files that an untrusted pull request may have planted.

Only regular files are read, and never more than a limit: a FIFO, a device, a socket or a folder
is refused at once (opened without blocking, then checked), so ``/dev/zero`` or a FIFO named
``manifest.yaml`` cannot hang or exhaust the run. Paths are checked before use (NUL bytes,
over-long names, symlink loops, dangling links). Output goes to regular files only, atomically.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)

MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255


class Refused(Exception):
    """A file that cannot or must not be read or written; the message says why, without the path."""


def path_text_problem(text: str) -> str | None:
    """Why ``text`` cannot name a file on any system we run on, or None."""
    if "\x00" in text:
        return "contains a NUL byte"
    if len(text) <= MAX_NAME_BYTES and (len(text) * 4 <= MAX_NAME_BYTES or text.isascii()):
        return None  # at most 4 bytes a character: neither a name nor the whole can be too long
    return measured_path_problem(text)


def measured_path_problem(text: str) -> str | None:
    """:func:`path_text_problem` without its quick path: the whole and every name measured in
    UTF-8 (``text`` holds no NUL byte)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PATH_BYTES:
        return f"is {size:,} bytes long; the longest path allowed is {MAX_PATH_BYTES:,} bytes"
    longest = max((len(part.encode("utf-8", "surrogatepass")) for part in text.replace("\\", "/").split("/")), default=0)
    if longest > MAX_NAME_BYTES:
        return f"has a name of {longest:,} bytes; the longest file name allowed is {MAX_NAME_BYTES} bytes"
    return None


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return words
    return "not a regular file"


def explain_os_error(path: Path | str, exc: OSError) -> str:
    """Why opening ``path`` failed, in words that do not depend on the platform's wording."""
    if exc.errno == errno.ENOENT:
        try:
            dangling = os.path.islink(path)
        except (OSError, ValueError):
            dangling = False
        return "dangling symbolic link (its target does not exist)" if dangling else "file not found"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENXIO:
        return "is a socket or device, not a regular file"
    if exc.errno == errno.ENOTDIR:
        return "file not found (a part of its path is not a folder)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read the file: {exc.strerror or exc}"


def _open_regular(path: Path | str) -> tuple[int, os.stat_result]:
    """A read-only descriptor of ``path``, which must be a regular file (links are followed)."""
    problem = path_text_problem(os.fspath(path))
    if problem is not None:
        raise Refused(f"the path {problem}")
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    except OSError as exc:
        raise Refused(explain_os_error(path, exc)) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise Refused(explain_os_error(path, exc)) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise Refused(f"is {kind_of(info.st_mode)}, not a regular file")
    return fd, info


def regular_file_problem(path: Path | str) -> str | None:
    """Why ``path`` is not a readable regular file (following links, never blocking), or None."""
    problem = path_text_problem(os.fspath(path))
    if problem is not None:
        return f"the path {problem}"
    try:
        info = os.stat(path)
    except OSError as exc:
        return explain_os_error(path, exc)
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a regular file"
    return None


def read_bounded(path: Path | str, max_bytes: int, how_to_raise: str) -> bytes:
    """The bytes of the regular file ``path``, refusing (``Refused``) anything else or anything
    larger than ``max_bytes``; ``how_to_raise`` ends the size message."""
    fd, info = _open_regular(path)
    try:
        if info.st_size > max_bytes:
            raise Refused(f"the file is {info.st_size:,} bytes, over the {how_to_raise}")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            raise Refused(f"the file is over {max_bytes:,} bytes, the {how_to_raise}")
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(explain_os_error(path, exc)) from None
    finally:
        os.close(fd)


def sha256_regular(path: Path | str) -> str:
    """The sha256 of the regular file ``path``, read in pieces; ``Refused`` for anything else."""
    fd, info = _open_regular(path)
    digest = hashlib.sha256()
    want = min(info.st_size + 1, 1 << 20)  # a small file in one read: fewer bytes than asked is its end
    try:
        while chunk := os.read(fd, want):
            digest.update(chunk)
            if len(chunk) < want:
                break
            want = 1 << 20
    except OSError as exc:
        raise Refused(explain_os_error(path, exc)) from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def resolve(path: Path) -> Path:
    """``path`` made absolute with every symbolic link followed; ``Refused`` for a NUL byte, an
    over-long name or a symlink loop. A missing file resolves to its name, as ``Path.resolve``."""
    problem = path_text_problem(os.fspath(path))
    if problem is not None:
        raise Refused(f"the path {problem}")
    try:
        return path.resolve()
    except RuntimeError:  # Python before 3.13 reports a loop this way
        raise Refused("symbolic link loop") from None
    except OSError as exc:
        raise Refused(explain_os_error(path, exc)) from None


def same_file_key(path: Path) -> Path:
    """:func:`resolve` of ``path`` for telling files apart (is ``--out`` an input?); a path that
    cannot be resolved (a symbolic link loop) stands for itself, made absolute, instead of raising."""
    try:
        return resolve(path)
    except Refused:
        return Path(os.path.abspath(path))


def write_atomic(out: Path, data: bytes) -> None:
    """Replace (or create) the regular file ``out`` with ``data`` in one step.

    Refuses (``Refused``) to replace anything but a regular file: a FIFO, a device, a socket, a
    folder, and a symbolic link (which could point anywhere; name the file it points to instead).
    An existing file keeps its permission bits; a new one gets the usual mode under the umask.
    """
    problem = path_text_problem(os.fspath(out))
    if problem is not None:
        raise Refused(f"the path {problem}")
    mode: int | None = None
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise Refused(explain_os_error(out, exc)) from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"it is {kind_of(info.st_mode)}; only a regular file is replaced")
        mode = stat.S_IMODE(info.st_mode)
    folder = out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(exc.strerror or str(exc)) from None
    tmp = folder / f".{out.name[:200]}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC | _BINARY, 0o666)  # the umask applies
    except OSError as exc:
        raise Refused(exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
        os.replace(tmp, out)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise Refused(exc.strerror or str(exc)) from None
