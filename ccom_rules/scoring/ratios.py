"""Exact arithmetic on plain integers: a rational is a numerator and a positive denominator.

Scoring sums and divides decimals a pack or manifest wrote (points ``12.5``, fractions ``0.5``).
``fractions.Fraction`` does that exactly but normalises on every step; scoring instead carries
numerators over shared denominators and reduces once, giving the same values: :func:`rounded`
equals ``float(round(Fraction(n, d), places))`` and :func:`half_up` equals rounding
``Fraction(n, d)`` half up, for every ``n`` and ``d > 0``.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

Ratio = tuple[int, int]
"""A rational ``(numerator, denominator)``, denominator positive, not necessarily reduced."""


@lru_cache(maxsize=4096)
def exact(value: float) -> Fraction:
    """The decimal a pack or manifest wrote (``0.5``, ``12.5``) as an exact fraction: ``str`` of a
    float gives back the shortest decimal that reads as it."""
    return Fraction(str(value))


@lru_cache(maxsize=4096)
def ratio(value: float) -> Ratio:
    """:func:`exact` of ``value`` as a reduced ``(numerator, denominator)``."""
    fraction = exact(value)
    return fraction.numerator, fraction.denominator


def rounded(numerator: int, denominator: int, places: int = 4) -> float:
    """``float(round(Fraction(numerator, denominator), places))``: rounded half to even at
    ``places`` decimals (as ``Fraction.__round__``), then the nearest float."""
    shift = 10**places
    whole, rest = divmod(numerator * shift, denominator)
    twice = rest * 2
    if twice > denominator or (twice == denominator and whole % 2 == 1):
        whole += 1
    result: float = whole / shift  # true division of integers is correctly rounded, as Fraction.__float__
    return result


def half_up(numerator: int, denominator: int) -> int:
    """Round half up: 81/2 → 41, 4049/100 → 40 (``floor(n/d + 1/2)``)."""
    return (2 * numerator + denominator) // (2 * denominator)
