"""weighted_bands: CCCS-OP points per category, a rounded total, and its band."""

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from math import gcd
from operator import itemgetter
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..i18n import Msg
from ..model.common import Frozen, Identifier, Text
from ..model.construct import construct
from ..model.result import BandsOutcome, CategoryScore, ClauseResult, DecidedBy, Outcome
from ..problems import Problem
from .ratios import Ratio, exact, ratio, rounded
from .ratios import half_up as half_up_ratio
from .bands_words import BandsWords
from .bands_words import bands_outcome as _outcome
from .starter import Starter
from .base import AtStake, Board, ClauseExtras, GainWords, Raised, RaiseFinding, Tally, Unit
from ..model.manifest import FindingStatus

if TYPE_CHECKING:
    from ..model.pack import Clause, ClausePack, PackIndex, Placed
    from ..model.result import PackResult
    from .blocks import Figure
    from ..yamlsource import Document


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
    def _monotone(self) -> "StatusFractions":
        if not self.not_met <= self.partially_met <= self.met:
            raise ValueError("fractions must not decrease from not_met to partially_met to met")
        return self


_DERIVED: dict[StatusFractions, dict[Any, Ratio]] = {}
"""Per status fractions, a sub-item's derived fraction by its checkpoints' statuses (in order; one
alone as it is): a table of :meth:`WeightedBands._derived`, filled as combinations are met."""

_NOT_APPLICABLE: dict[str, Any] = {"fraction": None, "points": 0.0}
_FIELDS: dict[tuple[Any, ...], dict[str, Any]] = {}
"""The scoring fields of a sub-item, or of a category, by the exact values they are worked out
from (read, never changed): one dict for each, given again, so the engine knows a clause result
made of it as one it has made before (see ``ccom_rules.engine.KEPT_PER_RESULT``)."""


def _bounded(table: dict[tuple[Any, ...], dict[str, Any]], fields: dict[str, Any]) -> dict[str, Any]:
    """``fields``, after emptying ``table`` when it is full (a bound for long runs over many manifests)."""
    if len(table) >= 8_192:
        table.clear()
    return fields


_FRACTION_OF: dict[StatusFractions, dict[tuple[str, ...], Fraction]] = {}
"""Per status fractions, :meth:`WeightedBands.fraction_of`'s derived fraction by the statuses of a
sub-item's checkpoints (in order), filled as combinations are met."""


def half_up(value: Fraction) -> int:
    """Round half up: 40.5 → 41, 40.49 → 40."""
    return int((value + Fraction(1, 2)).__floor__())


class WeightedBands(BandsWords):
    """Parameters of the weighted_bands model.

    Categories are the top-level clauses with ``points``; their sub-items are the
    clauses with checkpoints below them. A sub-item's fraction is the assessor's,
    or the mean of its checkpoints' fractions by status. A category scores
    points × the mean fraction of its applicable sub-items. When whole categories
    are not applicable, the total is rescaled to ``max_total``. The total is
    rounded half up before the band is read.
    Targets: ``PACK:<score>`` (0 to ``max_total``). Its distance is the raw points short of
    the target less one half (the total is rounded half up).
    """

    model: Literal["weighted_bands"] = "weighted_bands"
    OUTCOME: ClassVar[type[Outcome]] = BandsOutcome
    TARGET_FORM: ClassVar[str] = "':<score>'"
    STARTER: ClassVar[Starter | None] = Starter(
        scoring=(
            "scoring:\n  model: weighted_bands\n  max_total: 100\n  bands:\n"
            "    - {id: not_certified, min: 0, max: 59, title: {en: Not certified, zh: 不予认证}}\n"
            "    - {id: certified, min: 60, max: 100, title: {en: Certified, zh: 通过认证}}\n"
        ),
        clause="1.1",
        checkpoints=("1.1.a", "1.1.b"),
        aspects=("approach", "deployment"),
        section="    points: 100\n",
        expected='outcome:\n  score: 100\n  band: certified\nclauses:\n  "1.1": {status: met}\n',
    )
    TARGET_HELP: ClassVar[str] = "PACK:<score>"
    ASPECTS: ClassVar[frozenset[str] | None] = frozenset({"approach", "deployment", "results"})
    FINDING_FIELDS: ClassVar[Mapping[str, str]] = {"fraction": "a sub-item of a weighted_bands pack"}
    max_total: Annotated[int, Field(gt=0)] = 100
    rounding: Literal["half_up"] = "half_up"
    fractions: StatusFractions = StatusFractions.model_construct()  # its defaults, without building its validator
    bands: Annotated[tuple[Band, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _cover(self) -> "WeightedBands":
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

    def fraction_of(self, board: Board, sub_id: str) -> tuple[Fraction | None, DecidedBy]:
        """A sub-item's fraction (None when not applicable) and who decided it."""
        state = board.clauses[sub_id]
        if state.status == "not_applicable":
            return None, "declaration"
        statuses = tuple(r.status for r in board.checkpoint_results(sub_id))
        table = _FRACTION_OF.get(self.fractions)
        if table is None:
            table = _FRACTION_OF[self.fractions] = {}
        derived = table.get(statuses)
        if derived is None:  # the mean of the status fractions, as a Fraction (one object per combination)
            derived = table[statuses] = Fraction(*self._derived(statuses))
        finding = board.findings.get(sub_id)
        if finding is None or finding.fraction is None:
            return derived, "evidence"
        recorded = Fraction(*ratio(finding.fraction))
        if board.manifest.assessment.precedence == "stricter" and derived < recorded:
            return derived, "evidence"
        return recorded, "assessor"

    def _layout(self, index: "PackIndex") -> "tuple[tuple[Clause, Ratio, tuple[tuple[str, Any], ...]], ...]":
        """Each category (top-level clause with points): the clause, its points as a ratio, and
        its sub-items with a getter of their checkpoints' statuses (``itemgetter`` of their ids:
        one status alone, else a tuple); built once per pack index."""
        key = ("weighted_bands", id(self))
        found = index.memo.get(key)
        if found is None or found[0] is not self:
            layout = tuple(
                (
                    placed.clause,
                    ratio(placed.clause.points),
                    tuple(
                        (sub.id, itemgetter(*(cp.id for cp in sub.checkpoints)))
                        for sub in index.leaves_under((placed.clause.id,))
                    ),
                )
                for placed in index.clauses.values()
                if placed.depth == 0 and placed.clause.points
            )
            found = index.memo[key] = (self, layout)
        return found[1]

    def _derived(self, statuses: Any) -> Ratio:
        """A sub-item's fraction derived from its checkpoints' ``statuses`` (one alone as it is):
        the mean of their status fractions, not-applicable ones left out (0 when none is left)."""
        if type(statuses) is str:
            statuses = (statuses,)
        met = statuses.count("met")
        partial = statuses.count("partially_met")
        applicable = len(statuses) - statuses.count("not_applicable")
        if not applicable:
            return 0, 1
        (met_n, met_d), (part_n, part_d), (none_n, none_d) = (
            ratio(self.fractions.met),
            ratio(self.fractions.partially_met),
            ratio(self.fractions.not_met),
        )
        unit = met_d * part_d * none_d  # status fractions over one denominator
        w_met, w_part, w_none = met_n * part_d * none_d, part_n * met_d * none_d, none_n * met_d * part_d
        return met * w_met + partial * w_part + (applicable - met - partial) * w_none, unit * applicable

    def score(self, board: Board) -> tuple[BandsOutcome, ClauseExtras]:
        # Exact arithmetic on integers (see ``ratios``): the same values as with Fraction.
        stricter = board.manifest.assessment.precedence == "stricter"
        statuses, states, findings = board.checkpoint_statuses(), board.clauses, board.findings
        derived = _DERIVED.get(self.fractions)  # a sub-item's fraction by its checkpoints' statuses
        if derived is None:
            derived = _DERIVED[self.fractions] = {}
        extras: ClauseExtras = {}
        categories = []
        raw_n, raw_d = 0, 1
        app_n, app_d = 0, 1
        for clause, (p_n, p_d), subs in self._layout(board.index):
            values: list[tuple[str, Ratio, DecidedBy]] = []
            for sub_id, get in subs:
                if states[sub_id].status == "not_applicable":
                    extras[sub_id] = _NOT_APPLICABLE
                    continue
                key = get(statuses)
                value = derived.get(key)
                if value is None:
                    value = derived[key] = self._derived(key)
                by: DecidedBy = "evidence"
                finding = findings.get(sub_id)
                if finding is not None and finding.fraction is not None:
                    r_n, r_d = ratio(finding.fraction)
                    if not (stricter and value[0] * r_d < r_n * value[1]):
                        value, by = (r_n, r_d), "assessor"
                values.append((sub_id, value, by))
            # The category's points are shared by its applicable sub-items, so theirs add up to it.
            count = len(values)
            sum_n, sum_d = 0, 1
            if count:
                points = rounded(p_n, p_d * count)
            for sub_id, (v_n, v_d), by in values:
                exact = (v_n, v_d, p_n, p_d, count, by)
                fields = _FIELDS.get(exact)
                if fields is None:
                    fields = {
                        "fraction": rounded(v_n, v_d),
                        "points": points,
                        "score": rounded(v_n * p_n, v_d * p_d * count),
                        "fraction_decided_by": by,
                    }
                    _FIELDS[exact] = _bounded(_FIELDS, fields)
                extras[sub_id] = fields
                sum_n, sum_d = sum_n * v_d + v_n * sum_d, sum_d * v_d
                common = gcd(sum_n, sum_d)
                sum_n, sum_d = sum_n // common, sum_d // common
            cat_points = float(clause.points or 0)
            if count:
                mean: float | None = rounded(sum_n, sum_d * count)
                score_n, score_d = p_n * sum_n, p_d * sum_d * count
                raw_n, raw_d = raw_n * score_d + score_n * raw_d, raw_d * score_d
                common = gcd(raw_n, raw_d)
                raw_n, raw_d = raw_n // common, raw_d // common
                app_n, app_d = app_n * p_d + p_n * app_d, app_d * p_d
                cat_score = rounded(score_n, score_d)
            else:
                mean, cat_score = None, 0.0
            of_category = ("category", cat_points, p_n, p_d, sum_n, sum_d, count)
            fields = _FIELDS.get(of_category)
            if fields is None:
                fields = _FIELDS[of_category] = _bounded(_FIELDS, {"points": cat_points, "score": cat_score, "fraction": mean})
            extras[clause.id] = fields
            categories.append(
                construct(
                    CategoryScore,
                    {"id": clause.id, "title": clause.title, "points": cat_points, "fraction": mean, "score": cat_score},
                )
            )
        if app_n and app_n != self.max_total * app_d:
            raw_n, raw_d = raw_n * self.max_total * app_d, raw_d * app_n
        total = min(half_up_ratio(raw_n, raw_d), self.max_total)
        band = self.band_for(total)
        outcome = construct(
            BandsOutcome,
            {
                "score": total,
                "raw_score": rounded(raw_n, raw_d),
                "max_total": self.max_total,
                "band": band.id,
                "band_title": band.title,
                "categories": tuple(categories),
            },
        )
        return outcome, extras

    def chart(self, pack: "ClausePack", result: "PackResult", word: Callable[..., str], title: Callable[[Text], str]) -> "Figure":
        """Each category's score against its points, and the total against the band lines."""
        from ..report.charts import bands_chart
        from .blocks import Figure

        bands = tuple(Msg("chart.band", min=b.min, max=b.max, title=b.title) for b in sorted(self.bands, key=lambda b: b.min))
        svg = bands_chart(self, _outcome(result.outcome), word, title)
        return Figure(svg, Msg("chart.bands_title"), Msg("chart.bands_legend", bands=bands))

    # --- targets ---------------------------------------------------------------------------

    @classmethod
    def read_target(cls, spec: str) -> int | None:
        return int(spec) if 1 <= len(spec) <= 3 and spec.isascii() and spec.isdigit() else None

    @classmethod
    def target_text(cls, value: int) -> str:
        return str(value)

    @classmethod
    def meets(cls, outcome: Outcome, value: int) -> tuple[bool, str]:
        out = _outcome(outcome)
        return out.score >= value, Msg("target.meets_score", value=value, score=out.score)

    def next_target(self, outcome: Outcome) -> int | None:
        score = _outcome(outcome).score
        above = [b.min for b in self.bands if b.min > score]
        return min(above) if above else None

    def unreachable(self, value: int, board: Board) -> str | None:
        return None if 0 <= value <= self.max_total else Msg("target.scores", pack=board.pack_id, max=self.max_total)

    # --- gaps and planning -----------------------------------------------------------------

    def _is_sub_item(self, index: "PackIndex", placed: "Placed") -> bool:
        clause = placed.clause
        return not clause.children and bool(clause.checkpoints) and bool(index.clauses[placed.top].clause.points)

    def unit(self, board: Board, clause_id: str) -> Unit | None:
        if not self._is_sub_item(board.index, board.index.clauses[clause_id]):
            return None
        return self.fraction_of(board, clause_id)

    def tally(self, index: "PackIndex", clause_id: str, unit: Unit) -> Tally:
        value = unit[0]
        if value is None:
            return {}
        top = index.clauses[clause_id].top
        return {top: value, f"{top}#n": 1}

    def _points(self, index: "PackIndex") -> tuple[tuple[str, str, int, int], ...]:
        """Each category with points: its id, the name of its count of sub-items among the
        figures (see :meth:`tally`), and its points as a ratio; built once per pack index."""
        key = ("weighted_bands_points", id(self))
        found = index.memo.get(key)
        if found is None or found[0] is not self:
            points = tuple((clause.id, f"{clause.id}#n", p_n, p_d) for clause, (p_n, p_d), _ in self._layout(index))
            found = index.memo[key] = (self, points)
        return found[1]

    def raw(self, index: "PackIndex", tally: Mapping[str, Any]) -> Fraction:
        """The raw total (before rounding) of figures ``tally``: each category's points times the
        mean of its sub-items' fractions, rescaled when some categories are not applicable. On
        integers over a shared denominator (the planner asks this of every candidate action)."""
        raw_n, raw_d, app_n, app_d = 0, 1, 0, 1
        for top, counted, p_n, p_d in self._points(index):
            count = tally.get(counted)
            if count:
                value = tally[top]
                v_n, v_d = value.numerator, value.denominator  # a Fraction or an int
                term_d = p_d * v_d * count
                raw_n, raw_d = raw_n * term_d + p_n * v_n * raw_d, raw_d * term_d
                app_n, app_d = app_n * p_d + p_n * app_d, app_d * p_d
        if app_n and app_n != self.max_total * app_d:
            return Fraction(raw_n * self.max_total * app_d, raw_d * app_n)
        return Fraction(raw_n, raw_d)

    def distance(self, index: "PackIndex", tally: Mapping[str, Any], held: Mapping[str, bool], value: int) -> Fraction:
        return max(Fraction(0), value - Fraction(1, 2) - self.raw(index, tally))

    def gain(
        self,
        index: "PackIndex",
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        units: Mapping[str, tuple[Unit, Unit]],
        conditions: Mapping[str, bool],
    ) -> GainWords | None:
        was, now = self.raw(index, before), self.raw(index, after)
        if now == was:
            return None
        return GainWords(
            Msg("gain.raw", diff=float(now - was), was=float(was), now=float(now)), points=float(round(now - was, 2))
        )

    def raises(self, pack_id: str, units: Mapping[str, Unit]) -> Iterable[RaiseFinding]:
        for cid, (value, by) in units.items():
            if by == "assessor" and value is not None and value < 1:
                yield RaiseFinding("fraction", pack_id, cid)

    def raised(self, key: RaiseFinding) -> Raised:
        return Raised({"fraction": 1.0}, "raise_fraction", None)

    def describe_raise(self, key: RaiseFinding, title: str, backed: str) -> str:
        return Msg("plan.raise_fraction", pack=key.pack, target=key.target, backed=backed, title=title)

    def settled(self, clause: ClauseResult) -> bool:
        return clause.fraction is not None and clause.fraction >= 1

    def at_stake(self, clause: ClauseResult, checkpoint_ids: set[str]) -> Fraction:
        if not clause.points or clause.fraction_decided_by != "evidence":
            return Fraction(0)
        applicable = [cp for cp in clause.checkpoints if cp.status != "not_applicable"]
        weights = {"met": self.fractions.met, "partially_met": self.fractions.partially_met}
        gain = sum(
            (
                exact(self.fractions.met) - exact(weights.get(cp.status, self.fractions.not_met))
                for cp in applicable
                if cp.id in checkpoint_ids
            ),
            Fraction(0),
        )
        return gain / len(applicable) * exact(clause.points) if applicable else Fraction(0)

    # --- across standards ------------------------------------------------------------------

    def stake(
        self, index: "PackIndex", points: Mapping[str, float | None], needs: Mapping[str, set[str]], held: tuple[str, ...]
    ) -> AtStake:
        """Points: each sub-item's points times the share of its checkpoints that need them."""
        total = Fraction(0)
        for cid, checkpoints in needs.items():
            own, sub_points = index.clauses[cid].clause.checkpoints, points.get(cid)
            if own and sub_points:
                total += Fraction(str(sub_points)) * len(checkpoints) / len(own)
        share = float(round(total, 2))
        return AtStake(share, (), Msg("stake.sub_items", items=", ".join(needs), points=share))

    def figure(self, clause: ClauseResult) -> str:
        if clause.fraction is None or not clause.points:
            return ""
        return Msg("figure.fraction", fraction=clause.fraction, points=round(clause.points, 2))

    def finding_fields(self, index: "PackIndex", clause_id: str, status: FindingStatus) -> dict[str, Any]:
        if index.clauses[clause_id].clause.children:
            return {"status": status}
        return {"fraction": getattr(self.fractions, status)}

    # --- checks ----------------------------------------------------------------------------

    def reads(self, index: "PackIndex", placed: "Placed | None") -> frozenset[str]:
        return frozenset(self.FINDING_FIELDS) if placed is not None and self._is_sub_item(index, placed) else frozenset()

    def lint(self, pack: "ClausePack", doc: "Document") -> list[Problem]:
        """Category points that do not add up to ``max_total``; categories without sub-items."""
        index = pack.index
        out: list[Problem] = []
        categories = [p.clause for p in index.clauses.values() if p.depth == 0 and p.clause.points]
        total = sum(c.points or 0 for c in categories)
        if abs(total - self.max_total) > 1e-9:
            out.append(
                doc.problem(("scoring", "max_total"), "E012", f"category points add up to {total:g}, not {self.max_total}")
            )
        for cat in categories:
            if not index.leaves_under((cat.id,)):
                out.append(Problem(doc.file, 1, 1, "E012", f"category {cat.id!r} has no sub-item with checkpoints", "$.clauses"))
        return out
