"""Small wording helpers shared by the models' summaries: lines are messages (:class:`Msg`), so
the text renderer can say them in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import Msg
from ..model.result import Status


def status_word(status: Status) -> Msg:
    """A status in words: ``partially met``, ``部分符合``."""
    return Msg(f"status.{status}")


def more(items: list[str], detail: int) -> list[str]:
    """``items`` capped at ``detail``, with a line saying how many were left out."""
    if len(items) <= detail:
        return items
    return items[:detail] + [Msg("text.more", count=len(items) - detail)]


def commas(items: Sequence[str]) -> str:
    """``items`` joined by the language's comma (``a, b``, ``a、b``): a message when there are several."""
    if not items:
        return ""
    joined = items[0]
    for item in items[1:]:
        joined = Msg("list.comma", first=joined, then=item)
    return joined
