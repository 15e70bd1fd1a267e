"""Numbers and dates checked where they enter, so that whatever ``validate`` accepts every command
can compute with: no date arithmetic leaves the calendar, no count makes the planner build a
billion items, no number is infinite, not-a-number or too large to turn into a float.

The types here are used by the pack and manifest models; :func:`number_problems` bounds every
number of a document, whatever field it is in.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
"""Every date in a manifest (and every period's year) lies between these."""

MAX_DAYS = 36_600
"""Ages and windows in packs: a century at most, so a date minus an age stays in the calendar."""

MAX_COURSE_DAYS = 3_660
"""How long a certificate's course may take: a decade at most (a planned certificate is dated by it)."""

MAX_COUNT = 1_000
"""Items or people a predicate may ask for: the planner proposes that many to add."""

MAX_MAGNITUDE = 10**15
"""The largest number, in absolute value, anywhere in a pack or manifest."""


def _a_date_not_a_number(value: Any) -> Any:
    if isinstance(value, (bool, int, float)):
        raise ValueError(f"a date is written YYYY-MM-DD, not as the number {value!r}")
    if isinstance(value, datetime):
        raise ValueError(f"a date is written YYYY-MM-DD, without a time ({value.isoformat()})")
    return value


def _not_true_or_false(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"a number is expected, not {str(value).lower()}")
    return value


def _in_calendar(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"date {value.isoformat()} is outside {EARLIEST.isoformat()} … {LATEST.isoformat()}")
    return value


Day = Annotated[date, BeforeValidator(_a_date_not_a_number), AfterValidator(_in_calendar)]
"""A calendar date between 1900-01-01 and 2999-12-31, written YYYY-MM-DD."""

NotBool = BeforeValidator(_not_true_or_false)
"""For ``Literal`` numbers, which pydantic would otherwise read ``true`` as 1 and ``false`` as 0."""

Days = Annotated[int, Field(strict=True, ge=0, le=MAX_DAYS)]
"""A number of days in a pack (an age, a window)."""

CourseDays = Annotated[
    int,
    Field(
        strict=True,
        ge=0,
        le=MAX_COURSE_DAYS,
        description="Days the scheme's course and examination take; a certificate planned now is issued this long "
        "after the assessment date (default 30).",
    ),
]
"""How many days a certificate's course and examination take (``certified_people.course_days``)."""

Count = Annotated[int, Field(strict=True, ge=1, le=MAX_COUNT)]
"""How many items or people a predicate asks for."""


def check_year(year: int) -> None:
    """Raise ``ValueError`` when a period's year is outside the calendar the engine uses."""
    if not EARLIEST.year <= year <= LATEST.year:
        raise ValueError(f"year {year} is outside {EARLIEST.year}–{LATEST.year}")


def out_of_range(value: Any) -> str | None:
    """Why a number read from a file cannot be used (None when it can, or it is not a number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {value} is not finite (write a number between -1e15 and 1e15)"
    if abs(value) > MAX_MAGNITUDE:
        shown = f"{value:.3g}" if isinstance(value, float) else f"of {len(str(abs(value)))} digits"
        return f"the number {shown} is out of range (at most 1e15 in absolute value)"
    return None


def number_problems(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every number in ``data`` that :func:`out_of_range` refuses, with its path."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, str(k)), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif (why := out_of_range(value)) is not None:
            found.append((path, why))
    return found
