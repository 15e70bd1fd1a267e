"""weighted_bands in words: its headline and details, the summary sentence of the report, and
how a score moved between two results."""

from typing import TYPE_CHECKING, Any

from ..i18n import Msg, padded, t
from ..model.result import BandsOutcome, Outcome
from .base import Lang, ScoringModel

if TYPE_CHECKING:
    from .bands import Band
    from .blocks import Block


def bands_outcome(outcome: Outcome) -> BandsOutcome:
    """``outcome``, which a weighted_bands model made."""
    assert isinstance(outcome, BandsOutcome)
    return outcome


_outcome = bands_outcome


class BandsWords(ScoringModel):
    """The words half of :class:`~ccom_rules.scoring.bands.WeightedBands` (its parameters are
    declared there)."""

    if TYPE_CHECKING:
        bands: tuple[Band, ...]
        max_total: int

        def band_for(self, score: int) -> Band: ...

    # --- words -----------------------------------------------------------------------------

    @classmethod
    def headline(cls, outcome: Outcome, lang: Lang = "en") -> str:
        out = _outcome(outcome)
        return t(
            "headline.weighted_bands", lang, score=out.score, max_total=out.max_total, band_title=out.band_title, band=out.band
        )

    @classmethod
    def details(cls, outcome: Outcome, detail: int) -> list[str]:
        out = _outcome(outcome)
        lines: list[str] = [Msg("text.rounding", raw=out.raw_score, score=out.score)]
        for cat in out.categories:
            frac = Msg("word.not_applicable") if cat.fraction is None else f"{cat.fraction:.0%}"
            lines.append(
                Msg("text.category", id=cat.id, title=padded(cat.title, 42), score=cat.score, points=cat.points, fraction=frac)
            )
        return lines

    @classmethod
    def key_values(cls, outcome: Outcome) -> tuple[tuple[str, Any], ...]:
        out = _outcome(outcome)
        return (("score", out.score), ("band", out.band))

    def summary(self, outcome: Outcome) -> str:
        out = _outcome(outcome)
        band = self.band_for(out.score)
        weakest = min((c for c in out.categories if c.fraction is not None), key=lambda c: (c.fraction, c.id), default=None)
        weak = Msg("summary.weakest", category=weakest.title, percent=round(100 * (weakest.fraction or 0))) if weakest else ""
        meaning = band.meaning if band.meaning is not None else ""
        return Msg("summary.bands", score=out.score, max=out.max_total, band=band.title, meaning=meaning, weakest=weak)

    def blocks(self, outcome: Outcome, detail: int) -> "list[Block]":
        """Each category's score and points, and the total's rounding."""
        from .blocks import Line, Table

        out = _outcome(outcome)
        header = tuple(Msg(k) for k in ("report.category", "report.score", "report.points"))
        rows = tuple(((c.id, c.title), f"{c.score:.2f}", f"{c.points:g}") for c in out.categories)
        return [Table(header, rows), Line(Msg("report.rounding", raw=out.raw_score, score=out.score))]

    def good(self, outcome: Outcome) -> bool:
        return _outcome(outcome).band != min(self.bands, key=lambda b: b.min).id

    @classmethod
    def compare(cls, old: Outcome, new: Outcome) -> tuple[list[str], list[str]]:
        was, now = _outcome(old), _outcome(new)
        if was.raw_score == now.raw_score:
            return [], []
        band = f", band {was.band} → {now.band}" if was.band != now.band else ""
        words = f"score {was.score} → {now.score} (raw {was.raw_score:g} → {now.raw_score:g}){band}"
        return ([], [words]) if now.raw_score > was.raw_score else ([words], [])
