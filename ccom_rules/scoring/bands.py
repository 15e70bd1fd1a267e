"""weighted_bands: CCCS-OP points per category, a rounded total, and its band."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..model.common import Frozen, Identifier, Text
from ..model.result import BandsOutcome, CategoryScore, DecidedBy
from .base import Board, ClauseExtras


class Band(Frozen):
    id: Identifier
    min: Annotated[int, Field(ge=0)]
    max: Annotated[int, Field(ge=0)]
    title: Text
    meaning: Text | None = None


class StatusFractions(Frozen):
    """The fraction a checkpoint contributes to its sub-item, by status."""

    met: Annotated[float, Field(ge=0, le=1)] = 1.0
    partially_met: Annotated[float, Field(ge=0, le=1)] = 0.5
    not_met: Annotated[float, Field(ge=0, le=1)] = 0.0

    @model_validator(mode="after")
    def _monotone(self) -> StatusFractions:
        if not self.not_met <= self.partially_met <= self.met:
            raise ValueError("fractions must not decrease from not_met to partially_met to met")
        return self


def half_up(value: Fraction) -> int:
    """Round half up: 40.5 → 41, 40.49 → 40."""
    return int((value + Fraction(1, 2)).__floor__())


class WeightedBands(Frozen):
    """Parameters of the weighted_bands model.

    Categories are the top-level clauses with ``points``; their sub-items are the
    clauses with checkpoints below them. A sub-item's fraction is the assessor's,
    or the mean of its checkpoints' fractions by status. A category scores
    points × the mean fraction of its applicable sub-items. When whole categories
    are not applicable, the total is rescaled to ``max_total``. The total is
    rounded half up before the band is read.
    """

    model: Literal["weighted_bands"] = "weighted_bands"
    max_total: Annotated[int, Field(gt=0)] = 100
    rounding: Literal["half_up"] = "half_up"
    fractions: StatusFractions = StatusFractions()
    bands: Annotated[tuple[Band, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _cover(self) -> WeightedBands:
        expected = 0
        for band in sorted(self.bands, key=lambda b: b.min):
            if band.min != expected or band.max < band.min:
                raise ValueError(f"bands must cover 0…{self.max_total} without gaps or overlaps (at {band.id})")
            expected = band.max + 1
        if expected != self.max_total + 1:
            raise ValueError(f"bands must end at {self.max_total}")
        return self

    def band_for(self, score: int) -> Band:
        return next(b for b in self.bands if b.min <= score <= b.max)

    def _fraction(self, board: Board, sub_id: str) -> tuple[Fraction | None, DecidedBy]:
        state = board.clauses[sub_id]
        if state.status == "not_applicable":
            return None, "declaration"
        applicable = [r for r in board.checkpoint_results(sub_id) if r.status != "not_applicable"]
        weights = {"met": self.fractions.met, "partially_met": self.fractions.partially_met}
        derived = (
            sum((Fraction(str(weights.get(r.status, self.fractions.not_met))) for r in applicable), Fraction(0)) / len(applicable)
            if applicable
            else Fraction(0)
        )
        finding = board.findings.get(sub_id)
        if finding is None or finding.fraction is None:
            return derived, "evidence"
        recorded = Fraction(str(finding.fraction))
        if board.manifest.assessment.precedence == "stricter" and derived < recorded:
            return derived, "evidence"
        return recorded, "assessor"

    def score(self, board: Board) -> tuple[BandsOutcome, ClauseExtras]:
        extras: ClauseExtras = {}
        categories = []
        raw = Fraction(0)
        applicable_points = Fraction(0)
        for clause in (p.clause for p in board.index.clauses.values() if p.depth == 0 and p.clause.points):
            points = Fraction(str(clause.points))
            fractions = []
            subs = [(sub, *self._fraction(board, sub.id)) for sub in board.index.leaves_under((clause.id,))]
            # The category's points are shared by its applicable sub-items, so theirs add up to it.
            applicable = sum(1 for _, value, _ in subs if value is not None)
            for sub, value, by in subs:
                sub_points = points / applicable if value is not None else Fraction(0)
                extras[sub.id] = {
                    "fraction": None if value is None else float(round(value, 4)),
                    "points": float(round(sub_points, 4)),
                }
                if value is not None:
                    fractions.append(value)
                    extras[sub.id]["score"] = float(round(value * sub_points, 4))
                    extras[sub.id]["fraction_decided_by"] = by
            mean = sum(fractions, Fraction(0)) / len(fractions) if fractions else None
            cat_score = points * mean if mean is not None else Fraction(0)
            if mean is not None:
                applicable_points += points
                raw += cat_score
            extras[clause.id] = {
                "points": float(points),
                "score": float(round(cat_score, 4)),
                "fraction": None if mean is None else float(round(mean, 4)),
            }
            categories.append(
                CategoryScore(
                    id=clause.id,
                    title=clause.title,
                    points=float(points),
                    fraction=None if mean is None else float(round(mean, 4)),
                    score=float(round(cat_score, 4)),
                )
            )
        if applicable_points and applicable_points != self.max_total:
            raw = raw * self.max_total / applicable_points
        total = min(half_up(raw), self.max_total)
        band = self.band_for(total)
        outcome = BandsOutcome(
            score=total,
            raw_score=float(round(raw, 4)),
            max_total=self.max_total,
            band=band.id,
            band_title=band.title,
            categories=tuple(categories),
        )
        return outcome, extras
