"""Small wording helpers shared by the models' summaries."""

from __future__ import annotations

from ..model.result import Status

STATUS_WORDS: dict[Status, str] = {
    "met": "met",
    "partially_met": "partially met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "not_assessed": "not assessed",
}


def more(items: list[str], detail: int) -> list[str]:
    """``items`` capped at ``detail``, with a line saying how many were left out."""
    if len(items) <= detail:
        return items
    return items[:detail] + [f"      … and {len(items) - detail} more (--format json for all)"]
