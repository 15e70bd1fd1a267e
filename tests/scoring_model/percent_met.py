"""A fourth scoring model that lives only in the tests: the share of clauses met, with a pass mark.

It is written only against ``ccom_rules.scoring.base.ScoringModel``; registering it with
``ccom_rules.scoring.register`` is all it takes for packs to use it and for every command
(evaluate, --require, gaps, the planner, every output format) to handle it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, ClassVar, Literal

from ccom_rules.model.common import Text
from ccom_rules.model.pack import ClausePack, PackIndex, Placed
from ccom_rules.model.result import Outcome, PackResult
from ccom_rules.scoring.base import Board, ClauseExtras, GainWords, Lang, ScoringModel, Tally, Unit
from ccom_rules.scoring.blocks import Block, Figure, Line, Strong, Table


class PercentOutcome(Outcome):
    model: Literal["percent_met"] = "percent_met"
    percent: int
    """Met clauses as a whole percentage of the applicable ones, rounded down."""
    met: int
    applicable: int
    pass_mark: int
    passed: bool


def _outcome(outcome: Outcome) -> PercentOutcome:
    assert isinstance(outcome, PercentOutcome)
    return outcome


class PercentMet(ScoringModel):
    """Every clause with checkpoints and no children counts once; not applicable ones do not
    count. The pack passes when the share met reaches ``pass_mark``. Targets: ``PACK:<n>%``."""

    model: Literal["percent_met"] = "percent_met"
    pass_mark: int = 60

    OUTCOME: ClassVar[type[Outcome]] = PercentOutcome
    TARGET_FORM: ClassVar[str] = "':<n>%'"
    TARGET_HELP: ClassVar[str] = "PACK:<n>%"

    def score(self, board: Board) -> tuple[PercentOutcome, ClauseExtras]:
        tally: Tally = {}
        for cid in board.index.order:
            unit = self.unit(board, cid)
            if unit is not None:
                for k, v in self.tally(board.index, cid, unit).items():
                    tally[k] = tally.get(k, 0) + v
        met, applicable = tally.get("met", 0), tally.get("applicable", 0)
        percent = met * 100 // applicable if applicable else 100
        outcome = PercentOutcome(
            percent=percent, met=met, applicable=applicable, pass_mark=self.pass_mark, passed=percent >= self.pass_mark
        )
        return outcome, {}

    @classmethod
    def headline(cls, outcome: Outcome, lang: Lang = "en") -> str:
        out = _outcome(outcome)
        if lang == "zh":
            return f"{out.percent} % 条款符合（{out.met}/{out.applicable}），合格线 {out.pass_mark} %"
        verdict = "PASS" if out.passed else "FAIL"
        return f"{verdict} — {out.percent} % of clauses met ({out.met}/{out.applicable}), pass mark {out.pass_mark} %"

    def good(self, outcome: Outcome) -> bool:
        return _outcome(outcome).passed

    @classmethod
    def read_target(cls, spec: str) -> int | None:
        number = spec[:-1]
        return int(number) if spec.endswith("%") and number.isascii() and number.isdigit() and len(number) <= 3 else None

    @classmethod
    def target_text(cls, value: int) -> str:
        return f"{value}%"

    @classmethod
    def meets(cls, outcome: Outcome, value: int) -> tuple[bool, str]:
        out = _outcome(outcome)
        return out.percent >= value, f"needs {value} % of clauses met, has {out.percent} %"

    def next_target(self, outcome: Outcome) -> int | None:
        percent = _outcome(outcome).percent
        return self.pass_mark if percent < self.pass_mark else (100 if percent < 100 else None)

    def unreachable(self, value: int, board: Board) -> str | None:
        return None if 0 <= value <= 100 else f"{board.pack_id} is a percentage (0–100)"

    def unit(self, board: Board, clause_id: str) -> Unit | None:
        clause = board.index.clauses[clause_id].clause
        if clause.children or not clause.checkpoints:
            return None
        status = board.clauses[clause_id].status
        return (status != "not_applicable", status == "met")

    def tally(self, index: PackIndex, clause_id: str, unit: Unit) -> Tally:
        applicable, met = unit
        return {"applicable": int(applicable), "met": int(applicable and met)}

    def distance(self, index: PackIndex, tally: Mapping[str, Any], held: Mapping[str, bool], value: int) -> Fraction:
        needed = -(-value * tally.get("applicable", 0) // 100)
        return Fraction(max(0, needed - tally.get("met", 0)))

    def gain(
        self,
        index: PackIndex,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        units: Mapping[str, tuple[Unit, Unit]],
        conditions: Mapping[str, bool],
    ) -> GainWords | None:
        closed = tuple(cid for cid, (old, new) in units.items() if new[1] and not old[1])
        if not closed:
            return None
        return GainWords(f"{len(closed)} more clause(s) met ({before.get('met', 0)} → {after.get('met', 0)})", closes=closed)

    def explain(self, placed: Placed) -> list[str]:
        return [f"counts toward the share met: {'no' if placed.clause.children or not placed.clause.checkpoints else 'yes'}"]


class PercentMetShown(PercentMet):
    """The same model, supplying what the reports show of it instead of the defaults: its own
    summary sentence, Markdown section and chart."""

    def summary(self, outcome: Outcome) -> Text:
        out = _outcome(outcome)
        return Text(
            en=f"{out.met} of {out.applicable} counted clauses are met, against a pass mark of {out.pass_mark} %.",
            zh=f"计入的 {out.applicable} 条条款中 {out.met} 条符合，合格线 {out.pass_mark} %。",
        )

    def blocks(self, outcome: Outcome, detail: int) -> list[Block]:
        out = _outcome(outcome)
        header = (Text(en="Counted", zh="计入"), Text(en="Met", zh="符合"), Text(en="Pass mark", zh="合格线"))
        verdict = Text(en="passes", zh="合格") if out.passed else Text(en="fails", zh="不合格")
        return [Table(header, ((str(out.applicable), str(out.met), f"{out.pass_mark} %"),)), Line((Strong("mini"), verdict))]

    def chart(self, pack: ClausePack, result: PackResult, word: Callable[..., str], title: Callable[[Text], str]) -> Figure:
        from ccom_rules.report.charts import Bar, bar_chart

        out = _outcome(result.outcome)
        label = title(Text(en="Clauses met", zh="符合的条款"))
        bar = Bar(label, out.percent, 100.0, f"{out.percent} %", [(float(out.pass_mark), "pass")])
        return Figure(bar_chart([bar], label), Text(en="Share of clauses met", zh="条款符合比例"))
