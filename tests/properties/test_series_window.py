"""A series' best window, counted by bisecting the sorted periods covered, is the one found by
counting every period of every window: the most periods covered, the latest on a tie."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ccom_rules.predicates.series import best_run, best_window


def _counted_afresh(covered: set[int], ends: tuple[int, ...], count: int) -> tuple[int, list[int]]:
    best_end, best = ends[0], [o for o in range(ends[0] - count + 1, ends[0] + 1) if o in covered]
    for end in ends[1:]:
        if len(best) == count:
            break
        present = [o for o in range(end - count + 1, end + 1) if o in covered]
        if len(present) > len(best):
            best_end, best = end, present
    return best_end, best


@given(
    covered=st.sets(st.integers(0, 40)),
    latest=st.integers(0, 45),
    steps=st.lists(st.integers(1, 3), max_size=6),
    count=st.integers(1, 15),
)
def test_sliding_count_equals_counting_afresh(covered: set[int], latest: int, steps: list[int], count: int) -> None:
    ends = [latest]
    for step in steps:  # mostly consecutive periods, as window_ends gives them, sometimes not
        ends.append(ends[-1] - step)
    expected = _counted_afresh(covered, tuple(ends), count)
    assert best_window(covered, tuple(ends), count) == expected
    ordinals = sorted(covered)
    best_end, start, stop = best_run(ordinals, tuple(ends), count)
    assert (best_end, ordinals[start:stop]) == expected
