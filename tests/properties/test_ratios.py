"""Scoring's integer arithmetic gives exactly what Fraction gives."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ccom_rules.scoring.ratios import exact, half_up, ratio, rounded

from ..conftest import real_packs

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


def _raw_by_fractions(scoring, index, tally):  # type: ignore[no-untyped-def]
    """weighted_bands' raw total as Fraction arithmetic states it: each category's points × the
    mean of its sub-items' fractions, rescaled to the maximum when categories are not applicable."""
    raw = applicable = Fraction(0)
    for key, count in tally.items():
        if count and key.endswith("#n"):
            points = exact(index.clauses[key[:-2]].clause.points)
            raw += points * tally[key[:-2]] / count
            applicable += points
    return raw * scoring.max_total / applicable if applicable and applicable != scoring.max_total else raw


@settings(deadline=None)  # the first example reads the packs
@given(st.data())
def test_bands_raw_total_is_fraction_arithmetic(data: st.DataObject) -> None:
    pack = next(p for p in real_packs() if p.scoring.model == "weighted_bands")
    tops = [c for c, placed in pack.index.clauses.items() if placed.depth == 0 and placed.clause.points]
    tally: dict[str, object] = {}
    for top in tops:
        if data.draw(st.booleans()):
            count = data.draw(st.integers(0, 8))
            quarters = data.draw(st.lists(st.integers(0, 4), min_size=count, max_size=count))
            tally[top] = sum((Fraction(q, 4) for q in quarters), Fraction(0))
            tally[f"{top}#n"] = count
    got = pack.scoring.raw(pack.index, tally)  # type: ignore[attr-defined]
    assert got == _raw_by_fractions(pack.scoring, pack.index, tally) and isinstance(got, Fraction)
