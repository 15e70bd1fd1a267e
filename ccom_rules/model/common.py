"""Building blocks shared by packs, manifests and results."""

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Literal, SupportsIndex, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from .construct import bare, fields_set, set_private

M = TypeVar("M", bound=BaseModel)


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown keys are errors (typos surface). A model's
    validator and serializer are built when first used (``defer_build``): a command pays only for
    the models it validates or dumps, not for every model it imports.

    Modules that define models do without ``from __future__ import annotations``: their field
    annotations are objects when the class is made, so pydantic need not compile and evaluate
    each one's text (a fifth of what defining a model costs, paid by every command); names known
    only later or only to the type checker are written in quotes."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        """Pickled as its class, its fields and the names given (one set shared by every model
        given the same names), read back without a ``__setstate__`` call or a set of its own per
        model: the compiled-pack cache holds thousands of models. ``copy`` keeps pydantic's way."""
        given = fields_set(tuple(sorted(self.__pydantic_fields_set__)))
        private = self.__pydantic_private__
        if private is not None:
            return (_unpickled_with_private, (type(self), self.__dict__, given, private))
        return (bare, (type(self), self.__dict__, given))


def _unpickled_with_private(cls: type[M], data: dict[str, Any], given: set[str], private: dict[str, Any]) -> M:
    made = bare(cls, data, given)
    set_private(made, private)
    return made


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=80),
]
"""Ids of packs, clauses, checkpoints, evidence types and evidence items."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Text(Frozen):
    """A short text in English and Chinese."""

    en: NonEmpty
    zh: NonEmpty

    def __str__(self) -> str:
        return self.en


Period = Literal["month", "quarter", "year"]

AssessmentMethod = Literal["document", "record_series", "interview", "observation", "sample"]

Aspect = Literal["method", "execution", "approach", "deployment", "results"]

_PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")


@lru_cache(maxsize=4096)  # pure, immutable results; called for every item of every series
def parse_period(text: str) -> tuple[Period, int, int]:
    """Parse ``2025``, ``2025-Q3`` or ``2025-07`` into (granularity, year, index).

    The index is the month (1-12), the quarter (1-4) or 1 for a year.
    Raises ``ValueError`` for anything else.
    """
    match = _PERIOD_RE.fullmatch(text)  # ASCII digits only, and no trailing newline
    if not match:
        raise ValueError(f"period {text!r} is not YYYY, YYYY-Qn or YYYY-MM")
    year, month, quarter = match.groups()
    if month:
        return "month", int(year), int(month)
    if quarter:
        return "quarter", int(year), int(quarter)
    return "year", int(year), 1


def _check_period(text: str) -> str:
    from ..ranges import check_year

    check_year(parse_period(text)[1])
    return text


PeriodText = Annotated[str, AfterValidator(_check_period), WithJsonSchema({"type": "string", "pattern": _PERIOD_RE.pattern})]
"""``YYYY``, ``YYYY-Qn`` or ``YYYY-MM``."""


@lru_cache(maxsize=4096)  # pure, immutable results; called for every item of every series
def period_label(granularity: Period, ordinal: int) -> str:
    """Inverse of :func:`period_ordinal`: the label of a period ordinal."""
    if granularity == "month":
        year, index = divmod(ordinal, 12)
        return f"{year:04d}-{index + 1:02d}"
    if granularity == "quarter":
        year, index = divmod(ordinal, 4)
        return f"{year:04d}-Q{index + 1}"
    return f"{ordinal:04d}"


def period_ordinal(granularity: Period, year: int, index: int) -> int:
    """A counter that increases by one from one period to the next."""
    if granularity == "month":
        return year * 12 + index - 1
    if granularity == "quarter":
        return year * 4 + index - 1
    return year


def ordinal_of_date(granularity: Period, day: date) -> int:
    """The ordinal of the period containing ``day``."""
    if granularity == "month":
        return period_ordinal("month", day.year, day.month)
    if granularity == "quarter":
        return period_ordinal("quarter", day.year, (day.month - 1) // 3 + 1)
    return day.year


@lru_cache(maxsize=4096)  # pure, immutable results; called for every item of every series
def period_end(granularity: Period, ordinal: int) -> date:
    """The last day of a period."""
    nxt = ordinal + 1
    if granularity == "month":
        year, index = divmod(nxt, 12)
        start = date(year, index + 1, 1)
    elif granularity == "quarter":
        year, index = divmod(nxt, 4)
        start = date(year, index * 3 + 1, 1)
    else:
        start = date(nxt, 1, 1)
    return date.fromordinal(start.toordinal() - 1)


Percent = Annotated[int, Field(ge=0, le=100)]
