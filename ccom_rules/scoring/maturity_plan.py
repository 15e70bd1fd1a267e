"""maturity_levels in the planner and gap tracing: items as scoring units, the distance to a
level, gains in words, and the assessor's ratings an action may raise."""

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..i18n import Msg
from ..model.result import ClauseResult, DecidedBy
from .base import Board, GainWords, Raised, RaiseFinding, ScoringModel, Tally, Unit

if TYPE_CHECKING:
    from ..model.pack import Clause, PackIndex, Placed
    from .maturity import MaturityLevel, RatingScale


class MaturityPlanning(ScoringModel):
    """The planning half of :class:`~ccom_rules.scoring.maturity.MaturityLevels` (its parameters
    are declared there)."""

    if TYPE_CHECKING:
        scale: RatingScale
        core_sections: tuple[str, ...]
        innovation_sections: tuple[str, ...]
        levels: tuple[MaturityLevel, ...]

        def rate(self, board: Board, item: Clause, aspect: str, field: str) -> tuple[int, DecidedBy]: ...

        def section_label(self, sections: tuple[str, ...]) -> str: ...

    # --- gaps and planning -----------------------------------------------------------------

    def is_item(self, index: "PackIndex", placed: "Placed") -> bool:
        clause = placed.clause
        in_sections = placed.top in self.core_sections or placed.top in self.innovation_sections
        return not clause.children and bool(clause.checkpoints) and in_sections

    def unit(self, board: Board, clause_id: str) -> Unit | None:
        placed = board.index.clauses[clause_id]
        if not self.is_item(board.index, placed):
            return None
        c, c_by = self.rate(board, placed.clause, "method", "c_rate")
        f, f_by = self.rate(board, placed.clause, "execution", "f_rate")
        return (c, c_by, f, f_by)

    def tally(self, index: "PackIndex", clause_id: str, unit: Unit) -> Tally:
        c, _, f, _ = unit
        group = "core" if index.clauses[clause_id].top in self.core_sections else "innovation"
        full = self.scale.full
        return {f"{group}_items": 1, f"{group}_c": int(c == full), f"{group}_f": int(f == full), "total": c + f}

    def figures(self, index: "PackIndex", units: Mapping[str, Unit]) -> Tally:
        full, clauses, core = self.scale.full, index.clauses, self.core_sections
        counts: dict[str, list[int]] = {}  # per group, in the order met: items, C full, F full
        total = 0
        for clause_id, (c, _, f, _) in units.items():
            group = "core" if clauses[clause_id].top in core else "innovation"
            count = counts.get(group)
            if count is None:
                count = counts[group] = [0, 0, 0]
            count[0] += 1
            count[1] += c == full
            count[2] += f == full
            total += c + f
        figures: Tally = {}  # the names in the order tally() gives them first
        for group, (items, c_full, f_full) in counts.items():
            figures |= {f"{group}_items": items, f"{group}_c": c_full, f"{group}_f": f_full}
            figures.setdefault("total", total)
        return figures

    def distance(self, index: "PackIndex", tally: Mapping[str, Any], held: Mapping[str, bool], value: int) -> Fraction:
        per_item = 2 * self.scale.full
        gap = 0
        for lv in self.levels[:value]:
            for items, full, pct in (
                ("core_items", "core_c", lv.core_c_percent),
                ("core_items", "core_f", lv.core_f_percent),
                ("innovation_items", "innovation_c", lv.innovation_c_percent),
                ("innovation_items", "innovation_f", lv.innovation_f_percent),
            ):
                if pct is None:
                    continue
                needed = -(-pct * int(tally.get(items, 0)) // 100)
                gap += max(0, needed - tally.get(full, 0)) * per_item
            gap += max(0, lv.min_total - tally.get("total", 0))
        return Fraction(gap)

    def gain(
        self,
        index: "PackIndex",
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        units: Mapping[str, tuple[Unit, Unit]],
        conditions: Mapping[str, bool],
    ) -> GainWords | None:
        parts: list[Msg] = []
        for group, label in (
            ("core", self.section_label(self.core_sections)),
            ("innovation", self.section_label(self.innovation_sections) if self.innovation_sections else ""),
        ):
            n = before.get(f"{group}_items", 0)
            for letter in ("c", "f"):
                was, now = before.get(f"{group}_{letter}", 0), after.get(f"{group}_{letter}", 0)
                if n and now != was:
                    a, b = (round(float(100 * x / n), 1) for x in (was, now))
                    parts.append(Msg("gain.share", letter=letter.upper(), where=label, before=a, after=b))
        total_before, total_after = before.get("total", 0), after.get("total", 0)
        points = total_after - total_before
        if points:
            sign = "+" if points > 0 else ""
            parts.append(Msg("gain.points", sign=sign, points=points, before=total_before, after=total_after))
        return GainWords(Msg("gain.parts", parts=tuple(parts)), points=float(points)) if parts else None

    def raises(self, pack_id: str, units: Mapping[str, Unit]) -> Iterable[RaiseFinding]:
        for cid, (c, c_by, f, f_by) in units.items():
            if c_by == "assessor" and c < self.scale.full:
                yield RaiseFinding("rating", pack_id, cid, "c")
            if f_by == "assessor" and f < self.scale.full:
                yield RaiseFinding("rating", pack_id, cid, "f")

    def raised(self, key: RaiseFinding) -> Raised:
        aspect = {"c": "method", "f": "execution"}[key.part]
        return Raised({f"{key.part}_rate": self.scale.full}, "raise_rating", aspect)

    def describe_raise(self, key: RaiseFinding, title: str, backed: str) -> str:
        which = Msg("plan.c_rate" if key.part == "c" else "plan.f_rate")
        return Msg(
            "plan.raise_rating", pack=key.pack, target=key.target, which=which, full=self.scale.full, backed=backed, title=title
        )

    def settled(self, clause: ClauseResult) -> bool:
        if clause.c_rate is None:
            return False
        return clause.c_rate == clause.f_rate == self.scale.full

    def at_stake(self, clause: ClauseResult, checkpoint_ids: set[str]) -> Fraction:
        gain = Fraction(0)
        affected = {cp.aspect for cp in clause.checkpoints if cp.id in checkpoint_ids}
        if "method" in affected and clause.c_decided_by == "evidence" and clause.c_rate is not None:
            gain += self.scale.full - clause.c_rate
        if "execution" in affected and clause.f_decided_by == "evidence" and clause.f_rate is not None:
            gain += self.scale.full - clause.f_rate
        return gain
