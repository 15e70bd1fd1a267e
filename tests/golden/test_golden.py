"""The JSON results of the examples and of every pack case stay byte-identical across refactors."""

from __future__ import annotations

import pytest

from .golden import GOLDEN, cases, render


@pytest.mark.parametrize("name", [name for name, _ in cases()])
def test_result_is_byte_identical_to_golden(name: str) -> None:
    want = (GOLDEN / name).read_text(encoding="utf-8")
    got = render(name)
    assert got == want, f"{name} changed; if an issue asks for this outcome, regenerate with python -m tests.golden.golden"
