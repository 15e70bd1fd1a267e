"""Continuity: the standards' "data must be continuous"."""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field

from ..model.common import Frozen, Identifier, Period, ordinal_of_date, period_end, period_label
from ..i18n import Msg
from ..ranges import Days
from .base import Facts, Outcome, Patch, planned_item
from .run import runner

DEFAULT_WINDOW_DAYS: dict[Period, int] = {"month": 62, "quarter": 123, "year": 400}


@lru_cache(maxsize=1024)  # pure: a few (period, window, date) triples per assessment
def window_ends(granularity: Period, window_days: int, on: date) -> tuple[int, ...]:
    """The ordinals a run may end at, latest first: every period ending no more than
    ``window_days`` before ``on`` (at least the period containing ``on``)."""
    latest = ordinal_of_date(granularity, on)
    earliest_end = on - timedelta(days=window_days)
    ends = []
    end = latest
    while period_end(granularity, end) >= earliest_end:
        ends.append(end)
        end -= 1
    return tuple(ends) or (latest,)  # a window shorter than the current period: only the current one


def best_run(ordinals: list[int], ends: tuple[int, ...], count: int) -> tuple[int, int, int]:
    """The run of ``count`` periods ending at one of ``ends`` (latest first) with the most periods
    among ``ordinals`` (the periods covered, sorted): its last period, and where its covered
    periods start and stop in ``ordinals`` (``ordinals[start:stop]``).

    On a tie the latest window wins: a past period cannot be recorded after the fact, so the gap
    worth reporting (and the one a plan can fill) is the most recent one."""
    best_end = ends[0]
    start, stop = bisect_left(ordinals, best_end - count + 1), bisect_right(ordinals, best_end)
    for end in ends[1:]:
        if stop - start == count:
            break
        first, last = bisect_left(ordinals, end - count + 1), bisect_right(ordinals, end)
        if last - first > stop - start:
            best_end, start, stop = end, first, last
    return best_end, start, stop


def best_window(covered: Iterable[int], ends: tuple[int, ...], count: int) -> tuple[int, list[int]]:
    """:func:`best_run`'s last period, and the periods of its run that are ``covered``, in order."""
    ordinals = sorted(covered)
    best_end, start, stop = best_run(ordinals, ends, count)
    return best_end, ordinals[start:stop]


class Continuous(Frozen):
    """An unbroken run of ``count`` periodic records ending recently.

    The run's last period must end no more than ``window_days`` before the assessment
    date (defaults: 62 days for months, 123 for quarters, 400 for years), so last
    month's report may still be in preparation.
    Passes: twelve monthly KPI reports 2025-07 … 2026-06 assessed on 2026-07-20.
    Fails:  the same without 2025-11: "11 of 12 consecutive monthly kpi_report; 2025-11 missing".
    """

    kind: Literal["continuous"] = "continuous"
    type: Identifier
    period: Period
    count: Annotated[int, Field(strict=True, ge=1, le=240)]
    window_days: Days | None = None

    def evidence_types(self) -> set[str]:
        return {self.type}

    def _window(self, facts: Facts) -> tuple[int, dict[int, str]]:
        """The best window's last period and the periods covered (ordinal → item id)."""
        best_end, _, covered = self._best(facts)
        return best_end, covered

    def _best(self, facts: Facts) -> tuple[int, list[int], dict[int, str]]:
        """The best window's last period, the covered periods of that window in order, and the
        periods covered (ordinal → item id)."""
        window = self.window_days if self.window_days is not None else DEFAULT_WINDOW_DAYS[self.period]
        covered = facts.covered(self.type, self.period)
        best_end, best = best_window(covered, window_ends(self.period, window, facts.on), self.count)
        return best_end, best, covered

    def evaluate(self, facts: Facts) -> Outcome:
        return runner(self)(facts)

    def _planned_end(self, facts: Facts, covered: dict[int, str]) -> int:
        """The first period that can end an unbroken run made only of records kept so far and
        records still to be made: a past period never recorded cannot be recorded later, so the
        run continues the unbroken one that ends just before the current period (``facts.today``'s)
        or, when there is none, starts from the current period."""
        current = ordinal_of_date(self.period, facts.today)
        run = 0
        while current - run - 1 in covered:
            run += 1
        return max(current, current - run + self.count - 1)

    def ready(self, facts: Facts) -> date:
        """The earliest date on which the series can be complete: when its last period has ended."""
        if self.evaluate(facts).satisfied:
            return facts.today
        _, covered = self._window(facts)
        return period_end(self.period, self._planned_end(facts, covered))

    def remedy(self, facts: Facts, only: str | None = None) -> Patch:
        """The records still to be made, from the current period on, for the earliest unbroken run
        that can end within the window on ``facts.on``; each dated on its period's last day.
        Nothing when no such run can be complete by ``facts.on``."""
        if only not in (None, self.type) or self.evaluate(facts).satisfied:
            return Patch()
        _, covered = self._window(facts)
        end = self._planned_end(facts, covered)
        window = self.window_days if self.window_days is not None else DEFAULT_WINDOW_DAYS[self.period]
        while period_end(self.period, end) < facts.on - timedelta(days=window):
            end += 1  # a later run, still unbroken, that is recent enough on facts.on
        if period_end(self.period, end) > facts.on:
            return Patch()
        items = tuple(
            planned_item(self.type, period_end(self.period, o), period=period_label(self.period, o))
            for o in range(end - self.count + 1, end + 1)
            if o not in covered
        )
        return Patch(evidence=items)


_PERIOD_WORDS: dict[str, Msg] = {}


def period_word(period: Period) -> Msg:
    """``Msg("series.month")`` and the like, one object each."""
    word = _PERIOD_WORDS.get(period)
    if word is None:
        word = _PERIOD_WORDS[period] = Msg(f"series.{period}")
    return word
