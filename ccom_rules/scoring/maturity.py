"""maturity_levels: CC-CMM levels from per-item C-Rate and F-Rate ratings."""

from collections.abc import Callable, Mapping
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, cast

from pydantic import Field, model_validator

from ..model.common import Frozen, Identifier, Percent, Text
from ..model.construct import construct
from ..i18n import Msg
from ..model.result import (
    CheckpointResult,
    ConditionName,
    DecidedBy,
    LevelCondition,
    MaturityOutcome,
    Outcome,
    Shares,
    Status,
)
from .starter import Starter
from .base import Board, ClauseExtras, Unit, operating_years
from .maturity_targets import MaturityTargets, previous_level

if TYPE_CHECKING:
    from ..model.pack import Clause, ClausePack, PackIndex, Placed
    from ..model.result import PackResult
    from .blocks import Figure
    from ..problems import Problem
    from ..yamlsource import Document


class RatingScale(Frozen):
    full: int = 10
    partial: int = 5
    none: int = 0


class Derivation(Frozen):
    """Ratings derived from an item's checkpoints of one aspect when no assessor rated it:
    all met, some met or partially met, none met."""

    all_met: int = 10
    some_met: int = 5
    none_met: int = 0


class MaturityLevel(Frozen):
    level: Annotated[int, Field(ge=1, le=9)]
    name: Text
    core_c_percent: Percent
    core_f_percent: Percent
    innovation_c_percent: Percent | None = None
    innovation_f_percent: Percent | None = None
    min_total: Annotated[int, Field(ge=0)]
    min_operating_years: Annotated[int, Field(ge=0)] = 0
    description: Text | None = None


class MaturityLevels(MaturityTargets):
    """Parameters of the maturity_levels model.

    An item is method-compliant (executed) when its C-Rate (F-Rate) is ``scale.full``;
    a partial rating counts toward the total points only. A level is reached when its
    conditions and those of every lower level hold; with ``stepwise`` the certifiable
    level is at most one above the previous certified level.
    Targets: ``PACK:L<n>`` (the certifiable level; ``L0`` is always met). Its distance counts
    items short of each share condition up to the target level, 2 × ``scale.full`` points each,
    plus points short of each level's total.
    """

    model: Literal["maturity_levels"] = "maturity_levels"
    OUTCOME: ClassVar[type[Outcome]] = MaturityOutcome
    TARGET_FORM: ClassVar[str] = "':L<n>'"
    TARGET_HELP: ClassVar[str] = "PACK:L<n>"
    STARTER: ClassVar[Starter | None] = Starter(
        scoring=(
            'scoring:\n  model: maturity_levels\n  core_sections: ["1"]\n  levels:\n'
            "    - {level: 1, name: {en: Level 1, zh: 一级}, core_c_percent: 100, core_f_percent: 100, min_total: 20}\n"
        ),
        clause="1.1",
        checkpoints=("1.1.m1", "1.1.e1"),
        aspects=("method", "execution"),
        section="",
        expected='outcome:\n  level: 1\n  total: 20\n  max_total: 20\nclauses:\n  "1.1": {c_rate: 10, f_rate: 10}\n',
    )
    ASPECTS: ClassVar[frozenset[str] | None] = frozenset({"method", "execution"})
    FINDING_FIELDS: ClassVar[Mapping[str, str]] = {
        "c_rate": "an item of a maturity_levels pack",
        "f_rate": "an item of a maturity_levels pack",
    }
    scale: RatingScale = RatingScale.model_construct()  # their defaults, without building their validators
    derivation: Derivation = Derivation.model_construct()
    core_sections: Annotated[tuple[Identifier, ...], Field(min_length=1)]
    innovation_sections: tuple[Identifier, ...] = ()
    stepwise: bool = True
    levels: Annotated[tuple[MaturityLevel, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> "MaturityLevels":
        numbers = [lv.level for lv in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"levels must be numbered 1, 2, 3… in order, found {numbers}")
        return self

    def section_label(self, sections: tuple[str, ...]) -> str:
        return sections[0] if len(sections) == 1 else f"{sections[0]}–{sections[-1]}"

    def rate(self, board: Board, item: "Clause", aspect: str, field: str) -> tuple[int, DecidedBy]:
        """An item's rating of one aspect: the assessor's, or derived from its checkpoints."""
        return self._rated(board, item.id, tuple(cp.id for cp in item.checkpoints if cp.aspect == aspect), field)

    def _rated(self, board: Board, item_id: str, checkpoint_ids: tuple[str, ...], field: str) -> tuple[int, DecidedBy]:
        """:meth:`rate` of the item's checkpoints ``checkpoint_ids`` (those of one aspect)."""
        derived = self._derived(board.checkpoints, checkpoint_ids)
        finding = board.findings.get(item_id)
        recorded = getattr(finding, field) if finding is not None else None
        return _with_recorded(derived, recorded, board.manifest.assessment.precedence == "stricter")

    def _derived(self, checkpoints: Mapping[str, CheckpointResult], checkpoint_ids: tuple[str, ...]) -> int:
        """The rating the checkpoints ``checkpoint_ids`` give: all met, some (partially) met, none."""
        return self._rating(tuple(map(_STATUS, map(checkpoints.__getitem__, checkpoint_ids))))

    def _rating(self, statuses: tuple[Status, ...]) -> int:
        """:meth:`_derived` of checkpoints with these ``statuses``."""
        applicable = met = some = 0
        for status in statuses:
            if status == "not_applicable":
                continue
            applicable += 1
            if status == "met":
                met += 1
            elif status == "partially_met":
                some += 1
        if applicable and met == applicable:
            return self.derivation.all_met
        return self.derivation.some_met if met or some else self.derivation.none_met

    def _items(self, index: "PackIndex") -> tuple[tuple[str, tuple[tuple[str, Any, Any], ...]], ...]:
        """Per group (core, innovation), each item's id and getters of its method and execution
        checkpoints' statuses (``itemgetter`` of their ids: one status alone, or a tuple of two or
        more); built once per pack index."""
        key = ("maturity_levels", id(self))
        found = index.memo.get(key)
        if found is None or found[0] is not self:
            layout = tuple(
                (
                    group,
                    tuple(
                        (
                            item.id,
                            _getter(tuple(cp.id for cp in item.checkpoints if cp.aspect == "method")),
                            _getter(tuple(cp.id for cp in item.checkpoints if cp.aspect == "execution")),
                        )
                        for item in index.leaves_under(sections)
                    ),
                )
                for group, sections in (("core", self.core_sections), ("innovation", self.innovation_sections))
            )
            found = index.memo[key] = (self, layout)
        return found[1]

    def shares(self, ratings: list[tuple[int, int]]) -> Shares:
        """How many of ``ratings`` (C, F) are full, as counts and percentages."""
        full = self.scale.full
        return self._shares(len(ratings), sum(1 for c, _ in ratings if c == full), sum(1 for _, f in ratings if f == full))

    def _shares(self, n: int, c_full: int, f_full: int) -> Shares:
        """:meth:`shares` of ``n`` items, ``c_full`` and ``f_full`` of them full."""
        return construct(
            Shares,
            {
                "items": n,
                "c_full": c_full,
                "f_full": f_full,
                "c_percent": round(100 * c_full / n, 1) if n else 100.0,
                "f_percent": round(100 * f_full / n, 1) if n else 100.0,
            },
        )

    def conditions_of(
        self, lv: MaturityLevel, core: Shares, inno: Shares, total: int, years: int, unmet: bool = False
    ) -> list[LevelCondition]:
        """Each condition of level ``lv``, met or not (``unmet``: only those not met), with its message."""
        out: list[LevelCondition] = []
        groups = (
            ("core", core, self.core_sections, lv.core_c_percent, lv.core_f_percent),
            ("innovation", inno, self.innovation_sections, lv.innovation_c_percent, lv.innovation_f_percent),
        )
        for group, shares, sections, c_pct, f_pct in groups:
            where = self.section_label(sections) if sections else group
            for letter, full, pct, verb in (
                ("c", shares.c_full, c_pct, "maturity.method"),
                ("f", shares.f_full, f_pct, "maturity.executed"),
            ):
                if pct is None:
                    continue
                needed = _needed(pct, shares.items)
                actual = shares.c_percent if letter == "c" else shares.f_percent
                ok = full >= needed
                if ok and unmet:
                    continue
                share = {"letter": letter.upper(), "where": where, "actual": actual, "level": lv.level, "required": pct}
                message = Msg("maturity.share", **share)
                if not ok:
                    more = needed - full
                    items = Msg("noun.item" if more == 1 else "noun.items")
                    message = Msg("maturity.share_short", more=more, items=items, verb=Msg(verb, full=self.scale.full), **share)
                condition = cast(ConditionName, f"{group}_{letter}")
                out.append(_condition(lv.level, condition, ok, actual, pct, message))
        ok = total >= lv.min_total  # as in reached()
        if not (ok and unmet):
            message = Msg("maturity.total", total=total, level=lv.level, required=lv.min_total)
            if not ok:
                more = lv.min_total - total
                message = Msg("maturity.total_short", total=total, level=lv.level, required=lv.min_total, more=more)
            out.append(_condition(lv.level, "total", ok, total, lv.min_total, message))
        if lv.min_operating_years:
            ok = years >= lv.min_operating_years
            if not (ok and unmet):
                message = Msg("maturity.years", years=years, level=lv.level, required=lv.min_operating_years)
                out.append(_condition(lv.level, "operating_years", ok, years, lv.min_operating_years, message))
        return out

    def reached(self, lv: MaturityLevel, core: Shares, inno: Shares, total: int, years: int) -> bool:
        """Whether every condition of level ``lv`` holds: :meth:`conditions_of` all met, without
        saying them."""
        for shares, c_pct, f_pct in (
            (core, lv.core_c_percent, lv.core_f_percent),
            (inno, lv.innovation_c_percent, lv.innovation_f_percent),
        ):
            if c_pct is not None and shares.c_full < _needed(c_pct, shares.items):
                return False
            if f_pct is not None and shares.f_full < _needed(f_pct, shares.items):
                return False
        return total >= lv.min_total and (not lv.min_operating_years or years >= lv.min_operating_years)

    def score(self, board: Board) -> tuple[MaturityOutcome, ClauseExtras]:
        extras: ClauseExtras = {}
        full = self.scale.full
        points = float(2 * full)
        findings, statuses = board.findings, board.checkpoint_statuses()
        stricter = board.manifest.assessment.precedence == "stricter"
        ratings = _RATINGS.get(self.derivation)  # by the statuses of an aspect's checkpoints
        if ratings is None:
            ratings = _RATINGS[self.derivation] = {}
        rated = _RATED.get(points)  # the fields of an item decided by its evidence, by its ratings
        if rated is None:
            rated = _RATED[points] = {}
        counts: list[tuple[int, int, int]] = []  # per group: items, C full, F full
        total = 0
        for _, items in self._items(board.index):
            c_full = f_full = 0
            for item_id, method, execution in items:
                key = method(statuses)
                c = ratings.get(key)
                if c is None:
                    c = ratings[key] = self._rating(_as_tuple(key))
                key = execution(statuses)
                f = ratings.get(key)
                if f is None:
                    f = ratings[key] = self._rating(_as_tuple(key))
                finding = findings.get(item_id) if findings else None
                if finding is None:
                    fields = rated.get((c, f))
                    if fields is None:
                        fields = rated[c, f] = _fields(c, f, "evidence", "evidence", points)
                else:
                    c, c_by = _with_recorded(c, finding.c_rate, stricter)
                    f, f_by = _with_recorded(f, finding.f_rate, stricter)
                    fields = rated.get((c, f, c_by, f_by))
                    if fields is None:
                        fields = rated[c, f, c_by, f_by] = _fields(c, f, c_by, f_by, points)
                if c == full:
                    c_full += 1
                if f == full:
                    f_full += 1
                total += c + f
                extras[item_id] = fields
            counts.append((len(items), c_full, f_full))
        core, inno = self._shares(*counts[0]), self._shares(*counts[1])
        max_total = 2 * full * (core.items + inno.items)
        years = operating_years(board.manifest)
        level = 0
        for lv in self.levels:
            if not self.reached(lv, core, inno, total, years):
                break
            level = lv.level
        previous = previous_level(board)
        certifiable = min(level, previous + 1) if self.stepwise else level
        next_level = level + 1 if level < len(self.levels) else None
        gaps: list[LevelCondition] = []
        if next_level is not None:
            lv = self.levels[next_level - 1]
            gaps = self.conditions_of(lv, core, inno, total, years, unmet=True)
            if self.stepwise and next_level > previous + 1:
                message = Msg("maturity.stepwise", previous=previous, next=next_level, before=next_level - 1)
                gaps.append(_condition(next_level, "stepwise", False, previous, next_level - 1, message))
        outcome = construct(
            MaturityOutcome,
            {
                "level": level,
                "certifiable_level": certifiable,
                "previous_level": previous,
                "operating_years": years,
                "total": total,
                "max_total": max_total,
                "core": core,
                "innovation": inno,
                "next_level": next_level,
                "next_level_gaps": tuple(gaps),
            },
        )
        return outcome, extras

    def units(self, board: Board) -> dict[str, Unit]:
        """Every item's (C-Rate, who rated it, F-Rate, who rated it), in document order: what
        :meth:`unit` gives for each, read from the fields :meth:`score` gives the items."""
        extras = self.score(board)[1]
        return {
            cid: (fields["c_rate"], fields["c_decided_by"], fields["f_rate"], fields["f_decided_by"])
            for cid in board.index.order
            if (fields := extras.get(cid)) is not None
        }

    def chart(self, pack: "ClausePack", result: "PackResult", word: Callable[..., str], title: Callable[[Text], str]) -> "Figure":
        """The C and F shares and the total points, each against every level's threshold."""
        from ..report.charts import maturity_chart
        from .blocks import Figure

        out = result.outcome
        assert isinstance(out, MaturityOutcome)
        return Figure(maturity_chart(self, out, word), Msg("chart.maturity_title"), Msg("chart.maturity_legend"))

    # --- checks ----------------------------------------------------------------------------

    def reads(self, index: "PackIndex", placed: "Placed | None") -> frozenset[str]:
        return frozenset(self.FINDING_FIELDS) if placed is not None and self.is_item(index, placed) else frozenset()

    def lint(self, pack: "ClausePack", doc: "Document") -> "list[Problem]":
        from .maturity_lint import lint

        return lint(self, pack, doc)


def _condition(level: int, condition: ConditionName, met: bool, actual: float, required: float, message: str) -> LevelCondition:
    return construct(
        LevelCondition,
        {"level": level, "condition": condition, "met": met, "actual": actual, "required": required, "message": message},
    )


_STATUS = attrgetter("status")
_RATINGS: dict[Derivation, dict[Any, int]] = {}
"""Per derivation, the rating of an aspect by its checkpoints' statuses (in order; one status
alone as it is): a table of :meth:`MaturityLevels._rating`, filled as combinations are met (a few
dozen)."""


def _as_tuple(key: Any) -> tuple[Status, ...]:
    """A key of :data:`_RATINGS` as the statuses it stands for."""
    return cast("tuple[Status, ...]", (key,) if type(key) is str else key)


def _getter(ids: tuple[str, ...]) -> Callable[[Mapping[str, Status]], Any]:
    """The statuses of checkpoints ``ids`` from a mapping of statuses: one alone as it is, else a
    tuple (none: an empty tuple)."""
    if not ids:
        return lambda statuses: ()
    return itemgetter(*ids)


_RATED: dict[float, dict[tuple[Any, ...], dict[str, Any]]] = {}
"""Per item's points, the scoring fields of an item (:func:`_fields`; read, never changed) by its
(C, F) ratings when its evidence decides both, else by (C, F, who decided C, who decided F): a
table filled as they are met (at most a few hundred)."""


def _fields(c: int, f: int, c_by: DecidedBy, f_by: DecidedBy, points: float) -> dict[str, Any]:
    """The scoring fields of an item's result."""
    return {"c_rate": c, "f_rate": f, "c_decided_by": c_by, "f_decided_by": f_by, "points": points, "score": float(c + f)}


def _needed(percent: int, items: int) -> int:
    """How many of ``items`` make ``percent`` of them (rounded up)."""
    return -(-percent * items // 100)


def _with_recorded(derived: int, recorded: int | None, stricter: bool) -> tuple[int, DecidedBy]:
    """An item's rating: the assessor's ``recorded`` one if any (but not above what the evidence
    gives under the stricter precedence), else the ``derived`` one."""
    if recorded is None or (stricter and derived < recorded):
        return derived, "evidence"
    return recorded, "assessor"
