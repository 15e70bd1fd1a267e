"""The quick paths of the evidence-file checks say exactly what the general ones say: a path's
text checked for its length, its parts split by hand, and a resolved file checked to be below the
evidence root."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from ccom_rules.evidence_checks import _Below, _parts
from ccom_rules.safeio import measured_path_problem, path_text_problem


def _by_bytes(text: str) -> str | None:
    """The check without a quick path: every name and the whole measured in UTF-8."""
    return "contains a NUL byte" if "\x00" in text else measured_path_problem(text)


_CHARS = st.sampled_from(["a", "/", "\\", "é", "汉", "😀", "\ud800", "\x00", "."])


@given(st.lists(_CHARS, max_size=300).map("".join))
def test_path_text_problem_is_the_byte_count(text: str) -> None:
    assert path_text_problem(text) == _by_bytes(text)


@given(st.lists(st.sampled_from(["a", "/", ".", "..", "\\", ":", "é"]), max_size=12).map("".join))
def test_a_paths_parts_split_by_hand_are_pure_posix_paths(text: str) -> None:
    assert _parts(text) == PurePosixPath(text).parts


def test_path_text_problem_at_the_limits() -> None:
    for n in (63, 64, 65, 254, 255, 256, 4096, 4097):
        for char in ("a", "é", "汉", "😀"):
            for text in (char * n, "d/" + char * n, (char * 200 + "/") * (n // 200 + 1)):
                assert path_text_problem(text) == _by_bytes(text), (char, n)


def test_below_holds_as_is_relative_to(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "rootless").mkdir()
    (root / "out").symlink_to(tmp_path / "rootless")
    below = _Below(root)
    for rel in ("sub/file.pdf", "file.pdf", "sub/../file.pdf", "../rootless/x", "out/x", "sub/../../root/x"):
        target = below.resolve(PurePosixPath(rel).parts)
        assert target == str((root / rel).resolve())
        assert below.holds(target) == Path(target).is_relative_to(root), rel
    top = _Below(Path("/"))
    assert top.holds("/anything") and top.holds("/")
