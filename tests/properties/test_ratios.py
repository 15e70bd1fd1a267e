"""Scoring's integer arithmetic gives exactly what Fraction gives."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ccom_rules.scoring.ratios import exact, half_up, ratio, rounded

numerators = st.integers(min_value=-(10**12), max_value=10**12)
denominators = st.integers(min_value=1, max_value=10**9)


@given(numerators, denominators)
def test_rounded_is_fraction_rounding(n: int, d: int) -> None:
    assert rounded(n, d) == float(round(Fraction(n, d), 4))
    assert rounded(n, d, 2) == float(round(Fraction(n, d), 2))


@given(st.integers(min_value=-(10**6), max_value=10**6), st.sampled_from([1, 2, 4, 8, 10, 100, 10**4]))
def test_rounded_ties_go_to_even(n: int, d: int) -> None:
    # Exact ties at the fourth decimal are where half-even and half-up part.
    assert rounded(2 * n + 1, 2 * 10**4) == float(round(Fraction(2 * n + 1, 2 * 10**4), 4))
    assert rounded(n, d) == float(round(Fraction(n, d), 4))


@given(numerators, denominators)
def test_half_up_is_floor_of_half_more(n: int, d: int) -> None:
    assert half_up(n, d) == int((Fraction(n, d) + Fraction(1, 2)).__floor__())


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_ratio_is_the_written_decimal(value: float) -> None:
    n, d = ratio(value)
    assert Fraction(n, d) == exact(value) == Fraction(str(value))


def test_examples() -> None:
    assert half_up(81, 2) == 41 and half_up(4049, 100) == 40
    assert rounded(1, 3) == 0.3333 and rounded(5, 100000) == 0.0 and rounded(15, 100000) == 0.0002
