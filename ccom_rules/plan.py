"""Remediation planning: ordered actions that reach targets, found greedily and incrementally.

Each step takes the action that most reduces the remaining distance to the targets; an
action re-evaluates only the checkpoints that need what it adds, their clauses, and the
scoring units (items, sub-items, mandatory clauses) those feed — never the whole manifest.
"""

from __future__ import annotations

import heapq
from collections import ChainMap, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from .engine import checkpoint_result, clause_state, decide, evaluate, waivers
from .model.gaps import Action, ActionKind, Gain, Plan, TargetStatus
from .model.manifest import Finding, Manifest
from .model.overlay import with_base_findings
from .model.pack import ClausePack
from .model.result import CheckpointResult
from .predicates import AllOf, AnyOf, AssessorCheck, AtLeast, CertifiedPeople, Facts, Patch, Predicate, with_added
from .requirements import Requirement, parse_requirement
from .scoring import Board, ClauseState, MaturityLevels, PassFail, WeightedBands
from .scoring.base import RANK, operating_years
from .scoring.maturity import previous_level

RATIONALE = (
    "Greedy: each step takes the action that most reduces the remaining distance to the targets "
    "(CCOM: open nonconformities, unassessed clauses and failing prerequisites; CC-CMM: items short of each "
    "share condition up to the target level, counted as 20 points each, plus points short of each total; "
    "CCCS-OP: points short of the target), ties broken by checkpoint progress, then by fewer additions. "
    "Each action is re-evaluated incrementally: only the checkpoints needing what it adds, their clauses and "
    "the scores they feed. The plan is then verified by re-evaluating the manifest with every action applied."
)

_DONE = ("met", "not_applicable")


def leaves(pred: Predicate) -> Iterator[Predicate]:
    if isinstance(pred, (AllOf, AnyOf, AtLeast)):
        for sub in pred.of:
            yield from leaves(sub)
    else:
        yield pred


def apply_actions(manifest: Manifest, actions: Sequence[Action]) -> Manifest:
    """``manifest`` with every action's evidence, people and findings added (findings replace
    any recorded for the same pack and target)."""
    evidence = list(manifest.evidence)
    people = list(manifest.people)
    findings = {(f.pack, f.target): f for f in manifest.findings}
    for action in actions:
        evidence += action.evidence
        people += action.people
        for f in action.findings:
            findings[(f.pack, f.target)] = f
    return manifest.model_copy(
        update={"evidence": tuple(evidence), "people": tuple(people), "findings": tuple(findings.values())}
    )


@dataclass
class PackState:
    """One pack's decided statuses and scoring units, kept up to date as actions are taken."""

    pack: ClausePack
    board: Board
    degrees: dict[str, Fraction]
    units: dict[str, tuple]  # type: ignore[type-arg]
    """pass_fail: clause → (failing,); maturity: item → (c, c_by, f, f_by); bands: sub-item → (fraction|None, by)."""
    prerequisites: dict[str, bool] = field(default_factory=dict)
    by_type: dict[str, list[str]] = field(default_factory=dict)
    people_checkpoints: list[str] = field(default_factory=list)


@dataclass
class Delta:
    """What an action would change, as overlays on the current state."""

    facts: Facts
    findings: dict[tuple[str, str], Finding]
    checkpoints: dict[str, dict[str, CheckpointResult]] = field(default_factory=lambda: defaultdict(dict))
    clauses: dict[str, dict[str, ClauseState]] = field(default_factory=lambda: defaultdict(dict))
    degrees: dict[str, dict[str, Fraction]] = field(default_factory=lambda: defaultdict(dict))
    units: dict[str, dict[str, tuple]] = field(default_factory=lambda: defaultdict(dict))  # type: ignore[type-arg]
    prerequisites: dict[str, dict[str, bool]] = field(default_factory=lambda: defaultdict(dict))


def _unit(pack: ClausePack, board: Board, cid: str) -> tuple | None:  # type: ignore[type-arg]
    scoring = pack.scoring
    placed = pack.index.clauses[cid]
    clause = placed.clause
    if isinstance(scoring, PassFail):
        if not clause.mandatory or not clause.checkpoints:
            return None
        return (board.clauses[cid].status not in _DONE,)
    if isinstance(scoring, MaturityLevels):
        if clause.children or not clause.checkpoints:
            return None
        if placed.top not in scoring.core_sections and placed.top not in scoring.innovation_sections:
            return None
        c, c_by = scoring._rate(board, clause, "method", "c_rate")
        f, f_by = scoring._rate(board, clause, "execution", "f_rate")
        return (c, c_by, f, f_by)
    if isinstance(scoring, WeightedBands):
        top = pack.index.clauses[placed.top].clause
        if clause.children or not clause.checkpoints or not top.points:
            return None
        return scoring._fraction(board, cid)
    return None


class Planner:
    """Holds the evolving state of every pack for one manifest."""

    def __init__(self, packs: Sequence[ClausePack], manifest: Manifest):
        self.manifest = manifest
        self.facts = Facts.of(manifest)
        self.findings: dict[tuple[str, str], Finding] = {(f.pack, f.target): f for f in manifest.findings}
        self.packs = {p.id: p for p in packs}
        self.states: dict[str, PackState] = {}
        self.waived: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        for pack in packs:
            board, outcomes = decide(pack, manifest, self.facts)
            board = Board(
                pack_id=pack.id,
                index=pack.index,
                manifest=manifest,
                facts=self.facts,
                checkpoints=dict(board.checkpoints),
                clauses=dict(board.clauses),
                findings=dict(board.findings),
            )
            units = {cid: u for cid in pack.index.order if (u := _unit(pack, board, cid)) is not None}
            state = PackState(pack, board, {k: o.degree for k, o in outcomes.items()}, units)
            for cp_id, (cp, _) in pack.index.checkpoints.items():
                for leaf in leaves(cp.evidence):
                    if isinstance(leaf, CertifiedPeople):
                        state.people_checkpoints.append(cp_id)
                    for t in leaf.evidence_types():
                        state.by_type.setdefault(t, []).append(cp_id)
            if isinstance(pack.scoring, PassFail):
                state.prerequisites = {p.id: p.check.evaluate(self.facts).satisfied for p in pack.scoring.prerequisites}
            self.states[pack.id] = state
            self.waived[pack.id] = waivers(pack, manifest)
        self.planned = 0
        self._figures: dict[str, dict[str, int]] = {}
        self._categories: dict[str, dict[str, list]] = {}  # type: ignore[type-arg]
        self._distances: dict[Requirement, Fraction] = {}
        self._cp_keys: dict[tuple[str, str], frozenset[tuple[str, ...]]] = {}
        self._candidates: dict[str, frozenset[tuple[str, ...]]] = {}
        self._points: dict[str, dict[str, Fraction]] = {}

    # --- simulation -------------------------------------------------------------------------

    def simulate(self, patch: Patch, findings: Sequence[Finding] = ()) -> Delta:
        """The effect of adding ``patch`` and recording ``findings``, without taking it."""
        facts = with_added(self.facts, patch)
        delta = Delta(facts=facts, findings={(f.pack, f.target): f for f in findings})
        types = {i.type for i in patch.evidence}
        for pack_id, state in self.states.items():
            pack = state.pack
            index = pack.index
            declared, waived = self.waived[pack_id]
            touched_cps = {cp for t in types for cp in state.by_type.get(t, ())}
            if patch.people:
                touched_cps.update(state.people_checkpoints)
            touched_clauses: set[str] = set()
            for (fp, target), _ in delta.findings.items():
                if fp != pack_id:
                    continue
                if target in index.checkpoints:
                    touched_cps.add(target)
                else:
                    touched_clauses.add(target)
            if not touched_cps and not touched_clauses and not (patch.people or patch.evidence):
                continue
            findings_map: Mapping[str, Finding] = ChainMap(
                {t: f for (fp, t), f in delta.findings.items() if fp == pack_id}, state.board.findings
            )  # type: ignore[arg-type]
            precedence = self.manifest.assessment.precedence
            new_cps = delta.checkpoints[pack_id]
            for cp_id in touched_cps:
                cp, cid = index.checkpoints[cp_id]
                result, outcome = checkpoint_result(
                    cp, facts, findings_map.get(cp_id), precedence, declared.get(cp_id, waived.get(cid))
                )
                if result != state.board.checkpoints[cp_id]:
                    new_cps[cp_id] = result
                if outcome is not None and outcome.degree != state.degrees.get(cp_id):
                    delta.degrees[pack_id][cp_id] = outcome.degree
                touched_clauses.add(cid)
            cps = ChainMap(new_cps, state.board.checkpoints)
            new_states = delta.clauses[pack_id]
            states = ChainMap(new_states, state.board.clauses)
            ancestors: set[str] = set()
            for cid in touched_clauses:
                while cid is not None and cid not in ancestors:
                    ancestors.add(cid)
                    cid = index.clauses[cid].parent  # type: ignore[assignment]
            for cid in sorted(ancestors, key=lambda c: -index.clauses[c].depth):
                new = clause_state(index.clauses[cid].clause, cps, states, findings_map.get(cid), precedence, waived.get(cid))
                if new != state.board.clauses[cid]:
                    new_states[cid] = new
            board = Board(
                pack_id=pack_id,
                index=index,
                manifest=self.manifest,
                facts=facts,
                checkpoints=cps,
                clauses=states,
                findings=findings_map,
            )
            for cid in ancestors:
                if cid in state.units:
                    unit = _unit(pack, board, cid)
                    if unit != state.units[cid]:
                        delta.units[pack_id][cid] = unit  # type: ignore[assignment]
            if isinstance(pack.scoring, PassFail) and (patch.people or patch.evidence):
                for pre in pack.scoring.prerequisites:
                    held = pre.check.evaluate(facts).satisfied
                    if held != state.prerequisites[pre.id]:
                        delta.prerequisites[pack_id][pre.id] = held
        return delta

    def commit(self, delta: Delta) -> None:
        # Carry the per-pack sums forward with the change applied, rather than recounting.
        for pack_id in list(self._figures):
            if delta.units.get(pack_id):
                self._figures[pack_id] = self.maturity_figures(pack_id, delta)
        for pack_id in list(self._categories):
            if delta.units.get(pack_id):
                self._categories[pack_id] = self._bands_categories(pack_id, delta)
        self._distances.clear()
        for pack_id in self.states:
            if (
                delta.checkpoints.get(pack_id)
                or delta.clauses.get(pack_id)
                or delta.units.get(pack_id)
                or delta.prerequisites.get(pack_id)
                or any(p == pack_id for p, _ in delta.findings)
            ):
                self._candidates.pop(pack_id, None)
        self.facts = delta.facts
        self.findings.update(delta.findings)
        for pack_id, state in self.states.items():
            state.board.checkpoints.update(delta.checkpoints.get(pack_id, {}))  # type: ignore[attr-defined]
            state.board.clauses.update(delta.clauses.get(pack_id, {}))  # type: ignore[attr-defined]
            state.board.findings.update({t: f for (p, t), f in delta.findings.items() if p == pack_id})  # type: ignore[attr-defined]
            state.degrees.update(delta.degrees.get(pack_id, {}))
            state.units.update(delta.units.get(pack_id, {}))
            state.prerequisites.update(delta.prerequisites.get(pack_id, {}))

    def units(self, pack_id: str, delta: Delta | None) -> Mapping[str, tuple]:  # type: ignore[type-arg]
        base = self.states[pack_id].units
        return ChainMap(delta.units.get(pack_id, {}), base) if delta else base

    def prereqs(self, pack_id: str, delta: Delta | None) -> Mapping[str, bool]:
        base = self.states[pack_id].prerequisites
        return ChainMap(delta.prerequisites.get(pack_id, {}), base) if delta else base

    # --- measuring --------------------------------------------------------------------------

    def _maturity_unit(self, pack_id: str, cid: str, unit: tuple) -> dict[str, int]:  # type: ignore[type-arg]
        pack = self.packs[pack_id]
        scoring = pack.scoring
        assert isinstance(scoring, MaturityLevels)
        c, _, f, _ = unit
        group = "core" if pack.index.clauses[cid].top in scoring.core_sections else "innovation"
        return {
            f"{group}_items": 1,
            f"{group}_c": int(c == scoring.scale.full),
            f"{group}_f": int(f == scoring.scale.full),
            "total": c + f,
        }

    def maturity_figures(self, pack_id: str, delta: Delta | None) -> dict[str, int]:
        """Items, full C and F ratings per group, and the total; the base is kept across steps
        and moved forward on commit."""
        base = self._figures.get(pack_id)
        if base is None:
            base = defaultdict(int)
            for cid, unit in self.states[pack_id].units.items():
                for k, v in self._maturity_unit(pack_id, cid, unit).items():
                    base[k] += v
            self._figures[pack_id] = base
        if delta is None or not delta.units.get(pack_id):
            return base
        figures = defaultdict(int, base)
        for cid, unit in delta.units[pack_id].items():
            for k, v in self._maturity_unit(pack_id, cid, self.states[pack_id].units[cid]).items():
                figures[k] -= v
            for k, v in self._maturity_unit(pack_id, cid, unit).items():
                figures[k] += v
        return figures

    def _bands_categories(self, pack_id: str, delta: Delta | None) -> dict[str, list]:  # type: ignore[type-arg]
        """Per category: [sum of sub-item fractions, applicable sub-items]; the base is kept
        across steps and moved forward on commit."""
        pack = self.packs[pack_id]
        base = self._categories.get(pack_id)
        if base is None:
            base = defaultdict(lambda: [Fraction(0), 0])
            for cid, (value, _) in self.states[pack_id].units.items():
                entry = base[pack.index.clauses[cid].top]
                if value is not None:
                    entry[0] += value
                    entry[1] += 1
            self._categories[pack_id] = base
        categories = base
        if delta is not None and delta.units.get(pack_id):
            categories = defaultdict(lambda: [Fraction(0), 0], {k: list(v) for k, v in base.items()})
            for cid, (value, _) in delta.units[pack_id].items():
                entry = categories[pack.index.clauses[cid].top]
                old = self.states[pack_id].units[cid][0]
                if old is not None:
                    entry[0] -= old
                    entry[1] -= 1
                if value is not None:
                    entry[0] += value
                    entry[1] += 1
        return categories

    def bands_raw(self, pack_id: str, delta: Delta | None) -> Fraction:
        """The raw weighted-bands total."""
        pack = self.packs[pack_id]
        scoring = pack.scoring
        assert isinstance(scoring, WeightedBands)
        categories = self._bands_categories(pack_id, delta)
        points_of = self._points.get(pack_id)
        if points_of is None:
            points_of = self._points[pack_id] = {
                top: Fraction(str(pack.index.clauses[top].clause.points))
                for top in pack.index.clauses
                if pack.index.clauses[top].depth == 0 and pack.index.clauses[top].clause.points
            }
        raw = applicable = Fraction(0)
        for top, (total, count) in categories.items():
            if count:
                points = points_of[top]
                raw += points * total / count
                applicable += points
        if applicable and applicable != scoring.max_total:
            raw = raw * scoring.max_total / applicable
        return raw

    def distance(self, req: Requirement, delta: Delta | None) -> Fraction:
        """How far the state is from ``req`` (0 when met), in the target's own units.

        Without a change to the target's pack, the current distance, computed once per step."""
        if delta is None or not (delta.units.get(req.pack) or delta.prerequisites.get(req.pack)):
            if req not in self._distances:
                self._distances[req] = self._distance(req, None)
            return self._distances[req]
        return self._distance(req, delta)

    def _distance(self, req: Requirement, delta: Delta | None) -> Fraction:
        pack = self.packs[req.pack]
        scoring = pack.scoring
        if isinstance(scoring, PassFail):
            failing = sum(1 for (bad,) in self.units(req.pack, delta).values() if bad)
            return Fraction(failing + sum(1 for held in self.prereqs(req.pack, delta).values() if not held))
        if isinstance(scoring, MaturityLevels):
            fig = self.maturity_figures(req.pack, delta)
            per_item = 2 * scoring.scale.full
            gap = 0
            for lv in scoring.levels[: req.value]:
                for group, letter, pct in (
                    ("core", "c", lv.core_c_percent),
                    ("core", "f", lv.core_f_percent),
                    ("innovation", "c", lv.innovation_c_percent),
                    ("innovation", "f", lv.innovation_f_percent),
                ):
                    if pct is None:
                        continue
                    needed = -(-pct * int(fig[f"{group}_items"]) // 100)
                    gap += max(0, needed - fig[f"{group}_{letter}"]) * per_item
                gap += max(0, lv.min_total - fig["total"])
            return Fraction(gap)
        assert isinstance(scoring, WeightedBands)
        return max(Fraction(0), req.value - Fraction(1, 2) - self.bands_raw(req.pack, delta))

    def blocked(self, req: Requirement) -> str | None:
        """Why ``req`` cannot be reached by any action, or None."""
        pack = self.packs.get(req.pack)
        if pack is None:
            return f"pack {req.pack} is not evaluated"
        scoring = pack.scoring
        if (misfit := req.misfit(scoring.model)) is not None:
            return misfit
        if isinstance(scoring, MaturityLevels):
            if not 1 <= req.value <= len(scoring.levels):
                return f"{req.pack} has levels L1–L{len(scoring.levels)}"
            years = operating_years(self.manifest)
            for lv in scoring.levels[: req.value]:
                if years < lv.min_operating_years:
                    return f"L{lv.level} needs {lv.min_operating_years} years of operation; the centre has {years} on {self.manifest.assessment.date}"
            board = self.states[req.pack].board
            previous = previous_level(board)
            if scoring.stepwise and req.value > previous + 1:
                return (
                    f"certification is stepwise: the centre was last certified at L{previous}, "
                    f"so it can be certified at L{previous + 1} at most this time"
                )
        if isinstance(scoring, WeightedBands) and not 0 <= req.value <= scoring.max_total:
            return f"{req.pack} scores 0–{scoring.max_total}"
        return None

    # --- candidate actions --------------------------------------------------------------------

    def candidates(self) -> list[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()
        for pack_id in self.states:
            cached = self._candidates.get(pack_id)
            if cached is None:
                cached = self._candidates[pack_id] = self._pack_candidates(pack_id)
            found |= cached
        return sorted(found)

    def _pack_candidates(self, pack_id: str) -> frozenset[tuple[str, ...]]:
        """The actions that could move one pack; kept until a commit changes that pack."""
        found: set[tuple[str, ...]] = set()
        state = self.states[pack_id]
        pack = state.pack
        for cp_id, res in state.board.checkpoints.items():
            if res.status in _DONE:
                continue
            if res.decided_by == "assessor" or (pack_id, cp_id) in self.findings:
                found.add(("assessor", pack_id, cp_id))
            if res.decided_by == "assessor":
                continue
            keys = self._cp_keys.get((pack_id, cp_id))
            if keys is None:
                keys = self._cp_keys[(pack_id, cp_id)] = frozenset(
                    k
                    for leaf in leaves(pack.index.checkpoints[cp_id][0].evidence)
                    for k in self._leaf_candidates(leaf, pack_id, cp_id)
                )
            found.update(keys)
        for cid, st in state.board.clauses.items():
            if st.decided_by == "assessor" and st.status not in _DONE:
                found.add(("assessor", pack_id, cid))
        scoring = pack.scoring
        if isinstance(scoring, PassFail):
            for pre in scoring.prerequisites:
                if not state.prerequisites[pre.id]:
                    for leaf in leaves(pre.check):
                        found.update(self._leaf_candidates(leaf, pack_id, None))
        if isinstance(scoring, MaturityLevels):
            for cid, (c, c_by, f, f_by) in state.units.items():
                if c_by == "assessor" and c < scoring.scale.full:
                    found.add(("rating", pack_id, cid, "c"))
                if f_by == "assessor" and f < scoring.scale.full:
                    found.add(("rating", pack_id, cid, "f"))
        if isinstance(scoring, WeightedBands):
            for cid, (value, by) in state.units.items():
                if by == "assessor" and value is not None and value < 1:
                    found.add(("fraction", pack_id, cid))
        return frozenset(found)

    @staticmethod
    def _leaf_candidates(leaf: Predicate, pack_id: str, cp_id: str | None) -> set[tuple[str, ...]]:
        if isinstance(leaf, CertifiedPeople):
            return {("people", leaf.scheme)}
        if isinstance(leaf, AssessorCheck):
            return {("assessor", pack_id, cp_id)} if cp_id else set()
        return {("evidence", t) for t in leaf.evidence_types()}

    def _patch_for(self, only: str) -> Patch:
        """Everything that adding ``only`` (an evidence type or ``people:SCHEME``) needs, in every pack."""
        total = Patch()
        facts = self.facts
        for state in self.states.values():
            pack = state.pack
            wanted = state.people_checkpoints if only.startswith("people:") else state.by_type.get(only, ())
            targets: list[Predicate] = []
            for cp_id in wanted:
                res = state.board.checkpoints[cp_id]
                if res.status not in _DONE and res.decided_by != "assessor":
                    targets.append(pack.index.checkpoints[cp_id][0].evidence)
            if isinstance(pack.scoring, PassFail):
                targets += [p.check for p in pack.scoring.prerequisites if not state.prerequisites[p.id]]
            for pred in targets:
                patch = pred.remedy(with_added(facts, total) if not total.empty else facts, only)
                if not patch.empty:
                    total = total + Patch(patch.evidence, patch.people)
        return total

    def build(self, key: tuple[str, ...]) -> tuple[ActionKind, str, Patch, list[Finding]] | None:
        kind = key[0]
        if kind == "evidence":
            patch = self._patch_for(key[1])
            return ("provide_evidence", "", patch, []) if not patch.empty else None
        if kind == "people":
            patch = self._patch_for(f"people:{key[1]}")
            return ("certify_people", "", patch, []) if not patch.empty else None
        pack_id, target = key[1], key[2]
        old = self.findings.get((pack_id, target))
        fields = old.model_dump() if old else {"pack": pack_id, "target": target}
        if kind == "assessor":
            fields.update(status="met", note="met after remediation, to be confirmed by the assessor")
            action: ActionKind = "assessor_finding"
        elif kind == "rating":
            scoring = self.packs[pack_id].scoring
            assert isinstance(scoring, MaturityLevels)
            fields[f"{key[3]}_rate"] = scoring.scale.full
            action = "raise_rating"
        else:
            fields.update(fraction=1.0)
            action = "raise_fraction"
        finding = Finding.model_validate(fields)
        if self.manifest.assessment.precedence != "stricter":
            return (action, "", Patch(), [finding])
        # Under the stricter precedence a finding can only lower a result: raising it helps only
        # together with the evidence that the checkpoints beneath it still lack.
        aspect = {"c": "method", "f": "execution"}.get(key[3]) if kind == "rating" else None
        patch, more = self._backing(pack_id, target, aspect)
        return (action, "", patch, [finding, *more])

    def _backing(self, pack_id: str, target: str, aspect: str | None) -> tuple[Patch, list[Finding]]:
        """The evidence, and the checkpoint findings raised to met, that every unmet checkpoint
        under ``target`` (of ``aspect``, if given) needs to be met."""
        state = self.states[pack_id]
        index = state.pack.index
        if target in index.checkpoints:
            wanted = [index.checkpoints[target][0]]
        else:
            stack, wanted = [index.clauses[target].clause], []
            while stack:
                clause = stack.pop()
                wanted += [cp for cp in clause.checkpoints if aspect is None or cp.aspect == aspect]
                stack += clause.children
        total, findings = Patch(), []
        for cp in wanted:
            if state.board.checkpoints[cp.id].status in _DONE:
                continue
            patch = cp.evidence.remedy(with_added(self.facts, total), None)
            total = total + Patch(patch.evidence, patch.people)
            if cp.id == target:  # its own finding is the one being raised
                continue
            old = self.findings.get((pack_id, cp.id))
            if patch.assessor or (old is not None and old.status not in (None, "met")):
                fields = old.model_dump() if old else {"pack": pack_id, "target": cp.id}
                fields.update(status="met", note="met after remediation, to be confirmed by the assessor")
                findings.append(Finding.model_validate(fields))
        return total, findings

    # --- describing -------------------------------------------------------------------------

    def _type_title(self, etype: str) -> str:
        for pack in self.packs.values():
            if etype in pack.index.evidence_types:
                return pack.index.evidence_types[etype].title.en
        return etype

    def _clause_title(self, pack_id: str, target: str) -> str:
        index = self.packs[pack_id].index
        if target in index.checkpoints:
            return index.checkpoints[target][0].statement.en
        return index.clauses[target].clause.title.en

    def describe(self, key: tuple[str, ...], patch: Patch) -> str:
        kind = key[0]
        if kind == "evidence":
            items = patch.evidence
            details = []
            periods = [i.period for i in items if i.period]
            if periods:
                details.append("for " + ", ".join(periods[:8]) + (f" and {len(periods) - 8} more" if len(periods) > 8 else ""))
            metrics = sorted({f"{k} {v:g}" for i in items for k, v in i.metrics.items()})
            if metrics:
                details.append("recording " + ", ".join(metrics))
            if any(i.approval for i in items):
                details.append("signed off")
            count = f"{len(items)} × " if len(items) > 1 else ""
            return f"Provide {count}{self._type_title(key[1])} [{key[1]}]" + (f" ({'; '.join(details)})" if details else "")
        if kind == "people":
            return f"Certify {len(patch.people)} more {key[1]} holder(s) with distinct certificate numbers"
        pack_id, target = key[1], key[2]
        title = self._clause_title(pack_id, target)
        backed = ""
        if patch.evidence or patch.people:
            types = sorted({i.type for i in patch.evidence})
            backed = f", backed by {len(patch.evidence)} evidence item(s) ({', '.join(types)})" if types else ""
            if patch.people:
                backed += f"{',' if backed else ', backed by'} {len(patch.people)} certified person(s)"
        if kind == "assessor":
            return f"Close {pack_id} {target} ({title}) and have the assessor confirm it{backed}"
        if kind == "rating":
            scoring = self.packs[pack_id].scoring
            assert isinstance(scoring, MaturityLevels)
            which = "C-Rate (method)" if key[3] == "c" else "F-Rate (execution)"
            return f"Raise {pack_id} item {target}'s {which} to {scoring.scale.full}{backed}: {title}"
        return f"Bring {pack_id} sub-item {target} to full marks{backed}: {title}"

    def gains(self, delta: Delta) -> tuple[Gain, ...]:
        out = []
        for pack_id, state in self.states.items():
            scoring = state.pack.scoring
            if isinstance(scoring, PassFail):
                closed = tuple(c for c, (bad,) in delta.units.get(pack_id, {}).items() if not bad and state.units[c][0])
                held = tuple(p for p, ok in delta.prerequisites.get(pack_id, {}).items() if ok)
                parts = []
                if closed:
                    parts.append("closes " + ", ".join(closed))
                if held:
                    parts.append("prerequisite " + ", ".join(held) + " now holds")
                if parts:
                    out.append(Gain(pack=pack_id, summary="; ".join(parts), closes=closed + held))
            elif isinstance(scoring, MaturityLevels) and delta.units.get(pack_id):
                before, after = self.maturity_figures(pack_id, None), self.maturity_figures(pack_id, delta)
                parts = []
                for group, label in (
                    ("core", scoring.section_label(scoring.core_sections)),
                    ("innovation", scoring.section_label(scoring.innovation_sections) if scoring.innovation_sections else ""),
                ):
                    n = before[f"{group}_items"]
                    for letter in ("c", "f"):
                        if n and after[f"{group}_{letter}"] != before[f"{group}_{letter}"]:
                            a, b = (round(float(100 * x[f"{group}_{letter}"] / n), 1) for x in (before, after))
                            parts.append(f"{letter.upper()} share in {label} {a:g} % → {b:g} %")
                points = after["total"] - before["total"]
                if points:
                    parts.append(f"{'+' if points > 0 else ''}{points} points ({before['total']} → {after['total']})")
                if parts:
                    out.append(Gain(pack=pack_id, summary="; ".join(parts), points=float(points)))
            elif isinstance(scoring, WeightedBands) and delta.units.get(pack_id):
                before_raw, after_raw = self.bands_raw(pack_id, None), self.bands_raw(pack_id, delta)
                if after_raw != before_raw:
                    out.append(
                        Gain(
                            pack=pack_id,
                            points=float(round(after_raw - before_raw, 2)),
                            summary=f"+{float(after_raw - before_raw):.2f} points ({float(before_raw):.2f} → {float(after_raw):.2f})",
                        )
                    )
        return tuple(out)

    def number(self, patch: Patch) -> Patch:
        """Give planned evidence ids and titles of their own."""
        items = []
        for item in patch.evidence:
            self.planned += 1
            items.append(
                item.model_copy(
                    update={"id": f"planned-{self.planned:03d}-{item.type}", "title": f"{self._type_title(item.type)} (planned)"}
                )
            )
        return Patch(tuple(items), patch.people)


MAX_ACTIONS = 400


@dataclass(frozen=True)
class Candidate:
    rank: tuple[float, float, int, tuple[str, ...]]
    """(−distance reduction, −checkpoint progress, additions, key): smallest is best. Floats,
    because the heap compares them often; the distances themselves stay exact."""
    kind: ActionKind
    patch: Patch
    findings: list[Finding]
    delta: Delta
    step: int


def default_targets(planner: Planner, result_packs: Sequence[ClausePack]) -> list[Requirement]:
    """The next step for each pack: a pass, the next certifiable level (reported as
    unreachable, with the reason, when operating years or stepwise certification block it),
    the next band."""
    reqs = []
    for pack in result_packs:
        scoring = pack.scoring
        if isinstance(scoring, PassFail):
            reqs.append(Requirement(pack.id, "pass", 1))
            continue
        outcome, _ = scoring.score(planner.states[pack.id].board)  # the planner's boards are decided already
        if isinstance(scoring, MaturityLevels):
            # The next level, even when history blocks it: the plan then says why.
            level = outcome.certifiable_level + 1  # type: ignore[union-attr]
            if level <= len(scoring.levels):
                reqs.append(Requirement(pack.id, "level", level))
        elif isinstance(scoring, WeightedBands):
            score = outcome.score  # type: ignore[union-attr]
            above = [b.min for b in scoring.bands if b.min > score]
            if above:
                reqs.append(Requirement(pack.id, "score", min(above)))
    return reqs


def plan_remediation(packs: Sequence[ClausePack], manifest: Manifest, targets: Sequence[str | Requirement] = ()) -> Plan:
    """A greedy plan of actions reaching ``targets`` (``PACK:pass``, ``PACK:L3``, ``PACK:81``).

    Without targets, each pack's next step (a pass, the next certifiable level, the next
    band). Unreachable targets are reported with the reason. Raises ``ValueError`` for a
    target that cannot be read.
    """
    manifest = with_base_findings(packs, manifest)  # a base's findings apply to its overlays
    planner = Planner(packs, manifest)
    reqs = [parse_requirement(t) if isinstance(t, str) else t for t in targets] or default_targets(planner, packs)
    reasons = {r: planner.blocked(r) for r in reqs}
    active = [r for r in reqs if reasons[r] is None]
    initial = {r: planner.distance(r, None) for r in active}
    scale = {r: 1 / float(initial[r]) for r in active if initial[r] > 0}
    active_packs = {r.pack for r in scale}

    def combined(delta: Delta | None) -> float:
        """Each target's distance as a share of where it started, summed (0.0 when all are met)."""
        return sum(float(planner.distance(r, delta)) * s for r, s in scale.items())

    def assess(key: tuple[str, ...]) -> Candidate | None:
        built = planner.build(key)
        if built is None:
            return None
        kind, _, patch, findings = built
        delta = planner.simulate(patch, findings)
        reduction = current - combined(delta)
        # Progress that does not yet move a target: evidence degrees rising, and checkpoints
        # (also those an assessor decides) climbing from not met towards met.
        progress = sum(
            float(d - planner.states[p].degrees.get(c, Fraction(0)))
            for p, changes in delta.degrees.items()
            if p in active_packs
            for c, d in changes.items()
        )
        progress += sum(
            (RANK[r.status] - RANK[planner.states[p].board.checkpoints[c].status]) / 2
            for p, changes in delta.checkpoints.items()
            if p in active_packs
            for c, r in changes.items()
        )
        return Candidate((-reduction, -progress, patch.size() + len(findings), key), kind, patch, findings, delta, step)

    current = combined(None)
    actions: list[Action] = []
    cache: dict[tuple[str, ...], Candidate | None] = {}
    step = 0
    while current > 0 and len(actions) < MAX_ACTIONS:
        # Lazy greedy: cached gains from earlier steps are taken as upper bounds; only the
        # candidate at the top of the heap is re-assessed until a fresh one stays on top.
        heap = []
        for key in planner.candidates():
            if key not in cache:
                cache[key] = assess(key)
            found = cache[key]
            if found is not None:
                heap.append(found.rank)
        heapq.heapify(heap)
        chosen = None
        while heap:
            rank = heapq.heappop(heap)
            found = cache[rank[3]]
            assert found is not None
            if found.step == step:
                chosen = found
                break
            cache[rank[3]] = fresh = assess(rank[3])
            if fresh is not None:
                heapq.heappush(heap, fresh.rank)
        if chosen is None or (chosen.rank[0] >= 0 and chosen.rank[1] >= 0):
            break
        key = chosen.rank[3]
        patch = planner.number(chosen.patch)
        actions.append(
            Action(
                id=":".join(key),
                kind=chosen.kind,
                title=planner.describe(key, patch),
                evidence=patch.evidence,
                people=patch.people,
                findings=tuple(chosen.findings),
                gains=planner.gains(chosen.delta),
            )
        )
        planner.commit(chosen.delta)
        current = combined(None)
        step += 1
        cache.pop(key, None)
    # The guarantee: the plan is checked by a full evaluation of the manifest with every action.
    verified = evaluate(packs, apply_actions(manifest, actions))
    statuses = []
    for req in reqs:
        text = f"{req.pack}:{ {'pass': 'pass', 'level': f'L{req.value}', 'score': str(req.value)}[req.kind] }"
        if reasons[req] is not None:
            statuses.append(TargetStatus(target=text, reachable=False, reached=False, reason=str(reasons[req])))
            continue
        reached, message = req.check(verified.pack(req.pack))
        if reached:
            reason = "already met" if initial[req] == 0 else f"reached: {message}"
        else:
            reason = f"not reached with the available actions: {message}"
        statuses.append(TargetStatus(target=text, reachable=reached, reached=reached, reason=reason))
    return Plan(targets=tuple(statuses), actions=tuple(actions), rationale=RATIONALE)
