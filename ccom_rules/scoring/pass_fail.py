"""pass_fail: CCOM certification passes when every mandatory clause is met
and every prerequisite holds."""

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ..model.common import Frozen, Identifier, Text
from ..model.construct import construct
from ..model.result import Nonconformity, Outcome, PassFailOutcome, PrerequisiteResult
from ..predicates import Predicate
from ..i18n import Msg, t
from .starter import Starter
from .base import AtStake, Board, ClauseExtras, GainWords, Lang, ScoringModel, Tally, Unit
from .words import more, status_word

if TYPE_CHECKING:
    from ..model.pack import ClausePack, PackIndex, Placed
    from ..model.result import PackResult
    from .blocks import Block, Figure
    from ..yamlsource import DocPath

_DONE = ("met", "not_applicable")


class Prerequisite(Frozen):
    """A condition of certification that is not a clause, e.g. two CEL facilitators."""

    id: Identifier
    title: Text
    check: Predicate


def _outcome(outcome: Outcome) -> PassFailOutcome:
    assert isinstance(outcome, PassFailOutcome)
    return outcome


class PassFail(ScoringModel):
    """Parameters of the pass_fail model.

    A nonconformity is every mandatory clause that carries checkpoints and is
    neither met nor declared not applicable; clauses only an assessor can decide
    and that were not assessed are listed apart, and also prevent a pass.
    Targets: ``PACK:pass``. Its distance counts open nonconformities, unassessed mandatory
    clauses and prerequisites that do not hold.
    """

    model: Literal["pass_fail"] = "pass_fail"
    prerequisites: tuple[Prerequisite, ...] = ()

    OUTCOME: ClassVar[type[Outcome]] = PassFailOutcome
    TARGET_FORM: ClassVar[str] = "':pass'"
    TARGET_HELP: ClassVar[str] = "PACK:pass"
    STARTER: ClassVar[Starter | None] = Starter(
        scoring="scoring:\n  model: pass_fail\n",
        clause="1",
        checkpoints=("1.a", "1.b"),
        aspects=(None, None),
        section=None,
        expected='outcome:\n  passed: true\n  nonconformities: []\n  not_assessed: []\nclauses:\n  "1": {status: met}\n',
    )

    def score(self, board: Board) -> tuple[PassFailOutcome, ClauseExtras]:
        nonconformities = []
        not_assessed = []
        for placed in board.index.clauses.values():
            clause = placed.clause
            if not clause.mandatory or not clause.checkpoints:
                continue
            state = board.clauses[clause.id]
            if state.status in _DONE:
                continue
            if state.status == "not_assessed":
                not_assessed.append(clause.id)
                continue
            reasons = tuple(
                Msg("reason.at", checkpoint=cp.id, reason=r)
                for cp in board.checkpoint_results(clause.id)
                if cp.status not in _DONE
                for r in cp.reasons
            )
            if state.decided_by == "assessor" and state.note:
                reasons = (Msg("reason.assessor", note=state.note), *reasons)
            nonconformities.append(
                construct(Nonconformity, {"clause": clause.id, "title": clause.title, "status": state.status, "reasons": reasons})
            )
        prerequisites = []
        for pre in self.prerequisites:
            out = pre.check.evaluate(board.facts)
            held = {"id": pre.id, "title": pre.title, "held": bool(out.satisfied), "reasons": tuple(out.reasons)}
            prerequisites.append(construct(PrerequisiteResult, held))
        passed = not nonconformities and not not_assessed and all(p.held for p in prerequisites)
        outcome = construct(  # built from valid parts, as the other models' outcomes are
            PassFailOutcome,
            {
                "passed": passed,
                "nonconformities": tuple(nonconformities),
                "not_assessed": tuple(not_assessed),
                "prerequisites": tuple(prerequisites),
            },
        )
        return outcome, {}

    # --- words -----------------------------------------------------------------------------

    @classmethod
    def headline(cls, outcome: Outcome, lang: Lang = "en") -> str:
        out = _outcome(outcome)
        verdict = Msg("verdict.pass" if out.passed else "verdict.fail")
        counts = {"nonconformities": len(out.nonconformities), "not_assessed": len(out.not_assessed)}
        return t("headline.pass_fail", lang, verdict=verdict, **counts)

    @classmethod
    def details(cls, outcome: Outcome, detail: int) -> list[str]:
        out = _outcome(outcome)
        lines: list[str] = []
        for pre in out.prerequisites:
            mark = "✓" if pre.held else "✗"
            lines.append(Msg("text.prerequisite", mark=mark, title=pre.title, reasons=tuple(pre.reasons)))
        rows: list[str] = []
        for nc in out.nonconformities:
            rows.append(Msg("text.nonconformity", clause=nc.clause, title=nc.title, status=status_word(nc.status)))
            rows += [Msg("text.reason", reason=r) for r in nc.reasons[:3]]
        lines += more(rows, detail * 3)
        if out.not_assessed:
            lines.append(Msg("text.not_assessed", clauses=", ".join(out.not_assessed)))
        return lines

    @classmethod
    def key_values(cls, outcome: Outcome) -> tuple[tuple[str, Any], ...]:
        return (("passed", _outcome(outcome).passed),)

    def summary(self, outcome: Outcome) -> str:
        out = _outcome(outcome)
        return Msg(
            "summary.pass" if out.passed else "summary.fail",
            nonconformities=len(out.nonconformities),
            not_assessed=len(out.not_assessed),
            held=sum(1 for p in out.prerequisites if p.held),
            prerequisites=len(out.prerequisites),
        )

    def blocks(self, outcome: Outcome, detail: int) -> "list[Block]":
        """The prerequisites, the nonconformities (the rows past the first few folded) and the
        clauses not assessed."""
        from .blocks import Ids, Line, Stacked, Strong, Table, first_reasons

        out = _outcome(outcome)
        shown: list[Block] = []
        why = Msg("report.why")
        if out.prerequisites:
            rows = tuple(
                (p.title, Msg("word.yes" if p.held else "word.no"), Stacked(tuple(p.reasons))) for p in out.prerequisites
            )
            shown.append(Table((Msg("report.prerequisite"), Msg("report.held"), why), rows))
        if out.nonconformities:
            found = tuple(
                ((Strong(nc.clause), nc.title), status_word(nc.status), first_reasons(nc.reasons)) for nc in out.nonconformities
            )
            shown.append(Table((Msg("report.clause"), Msg("report.status"), why), found, more="report.more_nonconformities"))
        if out.not_assessed:
            shown.append(Line((Msg("report.not_assessed"), Ids(out.not_assessed))))
        return shown

    def chart(self, pack: "ClausePack", result: "PackResult", word: Callable[..., str], title: Callable[[Text], str]) -> "Figure":
        """Each chapter's clauses as squares coloured by status."""
        from ..report.charts import status_grid
        from .blocks import Figure

        return Figure(status_grid(pack, result.clauses, word, title), Msg("chart.grid_title"))

    def good(self, outcome: Outcome) -> bool:
        return _outcome(outcome).passed

    @classmethod
    def compare(cls, old: Outcome, new: Outcome) -> tuple[list[str], list[str]]:
        was, now = _outcome(old), _outcome(new)
        worse: list[str] = []
        better: list[str] = []
        if was.passed != now.passed:
            (better if now.passed else worse).append(f"{'fail' if now.passed else 'pass'} → {'pass' if now.passed else 'fail'}")
        before = {n.clause for n in was.nonconformities}
        found = {n.clause: n for n in now.nonconformities}
        worse += [
            f"new nonconformity {c} {found[c].title.en}: {'; '.join(found[c].reasons[:2])}" for c in found if c not in before
        ]
        better += [f"nonconformity {c} closed" for c in sorted(before - set(found))]
        return worse, better

    def explain(self, placed: "Placed") -> list[str]:
        return ["mandatory: " + ("yes" if placed.clause.mandatory else "no")]

    # --- targets ---------------------------------------------------------------------------

    @classmethod
    def read_target(cls, spec: str) -> int | None:
        return 1 if spec == "pass" else None

    @classmethod
    def target_text(cls, value: int) -> str:
        return "pass"

    @classmethod
    def meets(cls, outcome: Outcome, value: int) -> tuple[bool, str]:
        out = _outcome(outcome)
        return out.passed, Msg("target.meets_pass" if out.passed else "target.meets_fail")

    def next_target(self, outcome: Outcome) -> int | None:
        return 1

    # --- across standards ------------------------------------------------------------------

    def stake(
        self, index: "PackIndex", points: Mapping[str, float | None], needs: Mapping[str, set[str]], held: tuple[str, ...]
    ) -> AtStake:
        """Nonconformities: the mandatory clauses, and the prerequisites, that would fail without them."""
        mandatory = [c for c in needs if index.clauses[c].clause.mandatory]
        optional = [c for c in needs if c not in mandatory]
        parts: list[Msg] = []
        if mandatory:
            one = len(mandatory) == 1
            parts.append(
                Msg("stake.nonconformity" if one else "stake.nonconformities", clauses=", ".join(mandatory), count=len(mandatory))
            )
        if held:
            parts.append(Msg("stake.prerequisite", ids=", ".join(held)))
        if optional:
            parts.append(Msg("stake.optional", clauses=", ".join(optional)))
        return AtStake(0.0, (*mandatory, *(f"prerequisite {p}" for p in held)), Msg("gain.parts", parts=tuple(parts)))

    # --- gaps and planning -----------------------------------------------------------------

    def unit(self, board: Board, clause_id: str) -> Unit | None:
        clause = board.index.clauses[clause_id].clause
        if not clause.mandatory or not clause.checkpoints:
            return None
        return (board.clauses[clause_id].status not in _DONE,)

    def conditions(self) -> Mapping[str, Predicate]:
        return {p.id: p.check for p in self.prerequisites}

    def condition_paths(self) -> "Iterable[tuple[Predicate, DocPath]]":
        return ((p.check, ("scoring", "prerequisites", i, "check")) for i, p in enumerate(self.prerequisites))

    @classmethod
    def condition_results(cls, outcome: Outcome) -> tuple[PrerequisiteResult, ...]:
        return _outcome(outcome).prerequisites

    def tally(self, index: "PackIndex", clause_id: str, unit: Unit) -> Tally:
        return {"failing": int(unit[0])}

    def distance(self, index: "PackIndex", tally: Mapping[str, Any], held: Mapping[str, bool], value: int) -> Fraction:
        return Fraction(tally.get("failing", 0) + sum(1 for ok in held.values() if not ok))

    def gain(
        self,
        index: "PackIndex",
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        units: Mapping[str, tuple[Unit, Unit]],
        conditions: Mapping[str, bool],
    ) -> GainWords | None:
        closed = tuple(c for c, (old, new) in units.items() if old[0] and not new[0])
        held = tuple(p for p, ok in conditions.items() if ok)
        parts: list[Msg] = []
        if closed:
            parts.append(Msg("gain.closes", clauses=", ".join(closed)))
        if held:
            parts.append(Msg("gain.holds", prerequisites=", ".join(held)))
        return GainWords(Msg("gain.parts", parts=tuple(parts)), closes=closed + held) if parts else None
