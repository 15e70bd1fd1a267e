"""maturity_levels in words, as targets and across standards: its headline and details, the
``PACK:L<n>`` targets (met, next, unreachable, waiting on history), what is at stake in a clause
and the fields an assessor's finding sets."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..i18n import Msg, t
from ..model.manifest import FindingStatus
from ..model.result import ClauseResult, MaturityOutcome, Outcome
from .base import AtStake, Board, Lang, Wait, operating_years, years_after
from .maturity_plan import MaturityPlanning
from .words import commas

if TYPE_CHECKING:
    from ..model.pack import PackIndex
    from .blocks import Block
    from .maturity import MaturityLevel, RatingScale


def _outcome(outcome: Outcome) -> MaturityOutcome:
    assert isinstance(outcome, MaturityOutcome)
    return outcome


class MaturityTargets(MaturityPlanning):
    """The words, targets and cross-standard half of :class:`~ccom_rules.scoring.maturity.MaturityLevels`
    (its parameters are declared there)."""

    if TYPE_CHECKING:
        scale: RatingScale
        core_sections: tuple[str, ...]
        innovation_sections: tuple[str, ...]
        levels: tuple[MaturityLevel, ...]
        stepwise: bool

    # --- words -----------------------------------------------------------------------------

    @classmethod
    def headline(cls, outcome: Outcome, lang: Lang = "en") -> str:
        out = _outcome(outcome)
        levels = {"level": out.level, "certifiable": out.certifiable_level, "previous": out.previous_level}
        return t("headline.maturity_levels", lang, total=out.total, max_total=out.max_total, **levels)

    @classmethod
    def details(cls, outcome: Outcome, detail: int) -> list[str]:
        out = _outcome(outcome)
        lines: list[str] = []
        for name, shares in (("1.0–4.0", out.core), ("5.0", out.innovation)):
            if shares.items:
                lines.append(Msg("text.shares", name=name, items=shares.items, c=shares.c_percent, f=shares.f_percent))
        lines.append(Msg("text.operating_years", years=out.operating_years))
        if out.next_level is not None:
            lines.append(Msg("text.to_reach", level=out.next_level))
            lines += [Msg("text.gap", message=gap.message) for gap in out.next_level_gaps]
        return lines

    @classmethod
    def key_values(cls, outcome: Outcome) -> tuple[tuple[str, Any], ...]:
        out = _outcome(outcome)
        return (("level", out.level), ("certifiable_level", out.certifiable_level))

    def summary(self, outcome: Outcome) -> str:
        out = _outcome(outcome)
        names = {lv.level: lv.name for lv in self.levels}

        def level(number: int) -> Msg:
            return Msg("summary.level", level=number, name=names[number]) if number else Msg("summary.no_level")

        following = (
            Msg("summary.next", level=out.next_level, conditions=len(out.next_level_gaps))
            if out.next_level
            else Msg("summary.top")
        )
        return Msg(
            "summary.maturity",
            supported=level(out.level),
            certifiable=level(out.certifiable_level),
            previous=out.previous_level,
            total=out.total,
            max=out.max_total,
            next=following,
        )

    def blocks(self, outcome: Outcome, detail: int) -> "list[Block]":
        """The C and F shares of the core and innovation sections, the total points, and what the
        next level needs."""
        from .blocks import Bullets, Line, Table

        out = _outcome(outcome)
        header = tuple(Msg(k) for k in ("report.sections", "report.items", "report.c_full", "report.f_full"))
        groups = ((self.core_sections, out.core), (self.innovation_sections, out.innovation))
        rows = tuple(
            (self.section_label(sections), str(s.items), f"{s.c_percent:g} %", f"{s.f_percent:g} %")
            for sections, s in groups
            if s.items and sections
        )
        shown: list[Block] = [Table(header, rows), Line(Msg("report.total_points", total=out.total, max=out.max_total))]
        if out.next_level is not None and out.next_level_gaps:
            shown.append(Bullets(Msg("report.to_reach", level=out.next_level), tuple(g.message for g in out.next_level_gaps)))
        return shown

    def good(self, outcome: Outcome) -> bool:
        return _outcome(outcome).certifiable_level > 0

    @classmethod
    def compare(cls, old: Outcome, new: Outcome) -> tuple[list[str], list[str]]:
        was, now = _outcome(old), _outcome(new)
        worse: list[str] = []
        better: list[str] = []
        for name, a, b in (("level", was.level, now.level), ("certifiable level", was.certifiable_level, now.certifiable_level)):
            if a != b:
                (better if b > a else worse).append(f"{name} L{a} → L{b}")
        if was.total != now.total:
            (better if now.total > was.total else worse).append(f"total {was.total} → {now.total}")
        return worse, better

    # --- targets ---------------------------------------------------------------------------

    @classmethod
    def read_target(cls, spec: str) -> int | None:
        return int(spec[1]) if len(spec) == 2 and spec[0] in "Ll" and spec[1] in "0123456789" else None  # ASCII digits only

    @classmethod
    def target_text(cls, value: int) -> str:
        return f"L{value}"

    @classmethod
    def meets(cls, outcome: Outcome, value: int) -> tuple[bool, str]:
        out = _outcome(outcome)
        return (
            out.certifiable_level >= value,
            Msg("target.meets_level", value=value, certifiable=out.certifiable_level, level=out.level),
        )

    def next_target(self, outcome: Outcome) -> int | None:
        # The next level, even when history blocks it: the plan then says why.
        level = _outcome(outcome).certifiable_level + 1
        return level if level <= len(self.levels) else None

    def unreachable(self, value: int, board: Board) -> str | None:
        if value == 0:  # L0: any outcome meets it
            return None
        if not 1 <= value <= len(self.levels):
            return Msg("target.levels", pack=board.pack_id, top=len(self.levels))
        years = operating_years(board.manifest)
        for lv in self.levels[:value]:
            if years < lv.min_operating_years:
                on = board.manifest.assessment.date
                return Msg("target.years", level=lv.level, needed=lv.min_operating_years, years=years, on=on)
        previous = previous_level(board)
        if self.stepwise and value > previous + 1:
            return Msg("target.stepwise", previous=previous, most=previous + 1)
        return None

    def waits(self, value: int, board: Board) -> Wait | None:
        """Levels up to ``value`` open once the centre has operated their years (on the anniversary
        of the start of operations); under ``stepwise`` the levels between the previous certified
        one and ``value`` are certified first."""
        if not 1 <= value <= len(self.levels):
            return None
        manifest = board.manifest
        years = max(lv.min_operating_years for lv in self.levels[:value])
        opens = max(manifest.assessment.date, years_after(manifest.organisation.operations_began, years))
        steps = tuple(range(previous_level(board) + 1, value)) if self.stepwise else ()
        return Wait(opens, steps) if opens > manifest.assessment.date or steps else None

    # --- across standards ------------------------------------------------------------------

    def stake(
        self, index: "PackIndex", points: Mapping[str, float | None], needs: Mapping[str, set[str]], held: tuple[str, ...]
    ) -> AtStake:
        """Rating points (``scale.full`` per aspect of an item) and the C/F share conditions fed."""
        total, parts, conditions = 0, [], set()
        for cid, checkpoints in needs.items():
            aspects = {index.checkpoints[cp][0].aspect for cp in checkpoints}
            letters = [x for x, aspect in (("C", "method"), ("F", "execution")) if aspect in aspects]
            total += self.scale.full * len(letters)
            top = index.clauses[cid].top
            group = self.core_sections if top in self.core_sections else self.innovation_sections
            conditions |= {(x, self.section_label(group)) for x in letters}
            parts.append(f"{cid} ({'/'.join(letters) or '-'})")
        shown = tuple(Msg("stake.share", letter=x, where=label) for x, label in sorted(conditions))
        said = Msg("stake.items", items=", ".join(parts), points=total, conditions=commas(shown))
        return AtStake(float(total), shown, said)

    def rated(self, clause: ClauseResult) -> bool:
        return clause.c_rate is not None

    def figure(self, clause: ClauseResult) -> str:
        return f"C {clause.c_rate} · F {clause.f_rate}" if clause.c_rate is not None else ""

    def finding_fields(self, index: "PackIndex", clause_id: str, status: FindingStatus) -> dict[str, Any]:
        if index.clauses[clause_id].clause.children:
            return {"status": status}
        rating = {"met": self.scale.full, "partially_met": self.scale.partial, "not_met": self.scale.none}[status]
        return {"c_rate": rating, "f_rate": rating}


def previous_level(board: Board) -> int:
    """The most recent certified level of this pack on or before the assessment date (0 if none)."""
    pack_id = board.pack_id
    records = [r for r in board.manifest.certified_levels if r.pack == pack_id and r.date <= board.manifest.assessment.date]
    if not records:
        return 0
    return max(records, key=lambda r: (r.date, r.level)).level
