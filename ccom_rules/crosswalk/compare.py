"""``compare(packs, manifest, crosswalks)``: one manifest read across the standards a crosswalk joins.

A disagreement is a mapping whose two statuses contradict what its relation implies. Statuses
are ranked not met < partially met < met (a clause its scoring counts in full is met; not
applicable and not assessed clauses are never in a disagreement):

- ``a equivalent b``: they ask the same, so their statuses are equal;
- ``a subset b``: everything a asks, b asks too, so b cannot stand higher than a;
- ``a superset b``: the same read the other way, a cannot stand higher than b;
- ``a intersects b``: no implication, never a disagreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..gaps import settled
from ..i18n import Msg
from ..model.common import Text
from ..model.gaps import Action, Plan, ThemeReach
from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import ClauseResult, PackResult, Result, Status
from ..predicates import Facts
from ..scoring import model_of
from .load import Crosswalks
from .model import Relation
from .result import (
    ClauseView,
    Comparison,
    Disagreement,
    MappingView,
    PackGain,
    PackHeadline,
    PackStatuses,
    ReuseRow,
    SharedAction,
    SharedEvidence,
    Stake,
    ThemeComparison,
)

RANK: dict[Status, int] = {"not_met": 0, "partially_met": 1, "met": 2}
RULES: dict[Relation, Msg] = {
    "equivalent": Msg("compare.rule.equivalent"),
    "subset": Msg("compare.rule.contains"),
    "superset": Msg("compare.rule.contains"),
}
SHARED_ACTIONS = 10


def _contradicts(relation: Relation, left: Status, right: Status) -> bool:
    if left not in RANK or right not in RANK:
        return False
    if relation == "equivalent":
        return left != right
    if relation == "subset":  # left ⊂ right: right met implies left met
        return RANK[right] > RANK[left]
    if relation == "superset":
        return RANK[left] > RANK[right]
    return False


def _headline(result: PackResult) -> Msg:
    """The pack's outcome in one line, in the words of its scoring model (English in JSON)."""
    model = model_of(result.outcome)
    return Msg("word.text", text=Text(en=model.headline(result.outcome, "en"), zh=model.headline(result.outcome, "zh")))


def needs_by_type(pack: ClausePack) -> dict[str, dict[str, set[str]]]:
    """Evidence type → clause id → the checkpoints of that clause whose evidence names the type."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for cp_id, (cp, cid) in pack.index.checkpoints.items():
        for etype in cp.evidence.evidence_types():
            out[etype][cid].add(cp_id)
    return out


def _view(pack: ClausePack, clause: ClauseResult) -> ClauseView:
    status: Status = "met" if settled(pack, clause) and clause.status != "not_applicable" else clause.status
    reasons = tuple(
        Msg("reason.at", checkpoint=cp.id, reason=r)
        for cp in clause.checkpoints
        if cp.status not in ("met", "not_applicable")
        for r in cp.reasons
    )
    if status == "met":
        reasons = ()
    evidence = tuple(sorted({e for cp in clause.checkpoints for e in cp.evidence}))
    return ClauseView(
        pack=pack.id,
        clause=clause.id,
        title=clause.title,
        status=status,
        decided_by=clause.decided_by,
        figure=pack.scoring.figure(clause),
        reasons=reasons,
        evidence=evidence,
    )


class Reader:
    """The packs, their results and the crosswalks' themes, indexed once for one comparison."""

    def __init__(self, packs: Sequence[ClausePack], manifest: Manifest, result: Result, crosswalks: Crosswalks) -> None:
        self.packs = {p.id: p for p in packs}
        self.order = {p.id: i for i, p in enumerate(packs)}
        self.result = result
        self.crosswalks = crosswalks.joining(list(self.packs))
        self.facts = Facts.of(manifest)
        self.results: dict[str, dict[str, ClauseResult]] = {p.id: {c.id: c for c in result.pack(p.id).clauses} for p in packs}
        self.needs = {p.id: needs_by_type(p) for p in packs}
        self.positions = {p.id: {cid: i for i, cid in enumerate(p.index.order)} for p in packs}
        self.views: dict[tuple[str, str], ClauseView] = {}
        self.themes_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        for edge in self.crosswalks.edges():
            key = (edge.pack, edge.clause)
            if edge.theme not in self.themes_of[key]:
                self.themes_of[key].append(edge.theme)

    def view(self, pack_id: str, clause_id: str) -> ClauseView:
        key = (pack_id, clause_id)
        if key not in self.views:
            self.views[key] = _view(self.packs[pack_id], self.results[pack_id][clause_id])
        return self.views[key]

    def sort_key(self, pack_id: str, clause_id: str) -> tuple[int, int]:
        return self.order[pack_id], self.positions[pack_id][clause_id]

    def in_order(self, pack_id: str, clauses: set[str]) -> tuple[str, ...]:
        order = self.positions[pack_id]
        return tuple(sorted(clauses, key=order.__getitem__))

    def reach(self, touched: Mapping[str, set[str]]) -> tuple[ThemeReach, ...]:
        """The themes of the clauses ``touched`` (pack id → clause ids), with those clauses."""
        by_theme: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for pack_id, clauses in touched.items():
            for cid in clauses:
                for theme in self.themes_of.get((pack_id, cid), ()):
                    by_theme[theme][pack_id].add(cid)
        titles = self.crosswalks.theme
        out = []
        for theme in (t.id for t in self.crosswalks.themes if t.id in by_theme):
            per_pack = by_theme[theme]
            named = {p: self.in_order(p, per_pack[p]) for p in sorted(per_pack, key=self.order.__getitem__)}
            out.append(ThemeReach(theme=theme, title=titles[theme].title, clauses=named))
        return tuple(out)

    def theme(self, theme_id: str) -> ThemeComparison | None:
        edges = [e for e in self.crosswalks.edges() if e.theme == theme_id]
        if not edges:
            return None
        ends = sorted({(e.pack, e.clause) for e in edges}, key=lambda k: self.sort_key(*k))
        views = [self.view(*k) for k in ends]
        statuses = []
        for pack_id in sorted({v.pack for v in views}, key=self.order.__getitem__):
            mine = [v.status for v in views if v.pack == pack_id]
            statuses.append(
                PackStatuses(
                    pack=pack_id,
                    clauses=len(mine),
                    met=mine.count("met"),
                    partially_met=mine.count("partially_met"),
                    not_met=mine.count("not_met"),
                    other=sum(1 for s in mine if s not in RANK),
                )
            )
        mappings, disagreements = [], []
        for cw in self.crosswalks.pairs:
            left, right = cw.packs.left.id, cw.packs.right.id
            for m in cw.mappings:
                if m.theme != theme_id:
                    continue
                mappings.append(
                    MappingView(
                        crosswalk=cw.id,
                        left_pack=left,
                        left=m.left,
                        relation=m.relation,
                        right_pack=right,
                        right=m.right,
                        confidence=m.confidence,
                        rationale=m.rationale,
                    )
                )
                a, b = self.view(left, m.left), self.view(right, m.right)
                if _contradicts(m.relation, a.status, b.status):
                    disagreements.append(
                        Disagreement(
                            crosswalk=cw.id,
                            relation=m.relation,
                            rule=RULES[m.relation],
                            left=a,
                            right=b,
                            shared_evidence=tuple(sorted(set(a.evidence) & set(b.evidence))),
                        )
                    )
        return ThemeComparison(
            id=theme_id,
            title=self.crosswalks.theme[theme_id].title,
            statuses=tuple(statuses),
            clauses=tuple(views),
            mappings=tuple(mappings),
            shared_evidence=self.shared_evidence(ends),
            disagreements=tuple(disagreements),
        )

    def shared_evidence(self, ends: list[tuple[str, str]]) -> tuple[SharedEvidence, ...]:
        packs_of: dict[str, set[str]] = defaultdict(set)
        for pack_id, cid in ends:
            for etype, clauses in self.needs[pack_id].items():
                if cid in clauses:
                    packs_of[etype].add(pack_id)
        out = []
        for etype in sorted(t for t, ps in packs_of.items() if len(ps) > 1):
            out.append(
                SharedEvidence(
                    type=etype,
                    title=self.type_title(etype),
                    packs=tuple(sorted(packs_of[etype], key=self.order.__getitem__)),
                    items=tuple(item.id for item in self.facts.items(etype)),
                )
            )
        return tuple(out)

    def type_title(self, etype: str) -> Text | None:
        for pack in self.packs.values():
            if etype in pack.index.evidence_types:
                return pack.index.evidence_types[etype].title
        return None

    def stake(self, pack: ClausePack, needs: Mapping[str, set[str]], held: tuple[str, ...]) -> Stake:
        """What the checkpoints ``needs`` and conditions ``held`` hold in ``pack``, as its model says."""
        ordered = {cid: needs[cid] for cid in self.in_order(pack.id, set(needs))}
        points = {cid: self.results[pack.id][cid].points for cid in ordered}
        said = pack.scoring.stake(pack.index, points, ordered, held)
        return Stake(pack=pack.id, clauses=tuple(ordered), points=said.points, conditions=said.conditions, summary=said.summary)

    def evidence_reuse(self) -> tuple[ReuseRow, ...]:
        prerequisites: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for pack in self.packs.values():
            for cond_id, predicate in pack.scoring.conditions().items():
                for etype in predicate.evidence_types():
                    prerequisites[etype][pack.id].append(cond_id)
        types = set().union(*(set(n) for n in self.needs.values()), prerequisites)
        rows = []
        for etype in types:
            stakes = []
            for pack_id, pack in self.packs.items():
                needs = self.needs[pack_id].get(etype, {})
                pres = tuple(prerequisites[etype].get(pack_id, ()))
                if needs or pres:
                    stakes.append(self.stake(pack, needs, pres))
            if len(stakes) > 1:
                rows.append(
                    ReuseRow(
                        type=etype, title=self.type_title(etype), items_present=len(self.facts.items(etype)), stakes=tuple(stakes)
                    )
                )
        rows.sort(key=lambda r: (-len(r.stakes), -sum(len(s.clauses) for s in r.stakes), r.type))
        return tuple(rows)

    def touched(self, action: Action) -> dict[str, set[str]]:
        """Clauses an action works on, per pack: those held back by checkpoints that need what it
        adds, those its findings target, and those its gains close."""
        types = {item.type for item in action.evidence}
        out: dict[str, set[str]] = defaultdict(set)
        for pack_id, by_type in self.needs.items():
            results = self.results[pack_id]
            for etype in types:
                for cid, checkpoints in by_type.get(etype, {}).items():
                    open_ = [
                        cp
                        for cp in results[cid].checkpoints
                        if cp.id in checkpoints and cp.status not in ("met", "not_applicable")
                    ]
                    if open_ and not settled(self.packs[pack_id], results[cid]):
                        out[pack_id].add(cid)
        for finding in action.findings:
            index = self.packs[finding.pack].index if finding.pack in self.packs else None
            if index is not None:
                out[finding.pack].add(
                    index.checkpoints[finding.target][1] if finding.target in index.checkpoints else finding.target
                )
        for gain in action.gains:
            out[gain.pack] |= {c for c in gain.closes if c in self.packs[gain.pack].index.clauses}
        return out

    def shared_actions(self, plan: Plan) -> tuple[SharedAction, ...]:
        out = []
        for step, action in enumerate(plan.actions, 1):
            moved = tuple(sorted({g.pack for g in action.gains}, key=self.order.__getitem__))
            if len(moved) > 1:
                out.append(
                    SharedAction(
                        step=step,
                        id=action.id,
                        title=action.title,
                        packs=moved,
                        gains=tuple(PackGain(pack=g.pack, summary=g.summary) for g in action.gains),
                        themes=self.reach(self.touched(action)),
                    )
                )
        out.sort(key=lambda a: (-len(a.packs), a.step))
        return tuple(out[:SHARED_ACTIONS])


def compare(
    packs: Sequence[ClausePack],
    manifest: Manifest,
    crosswalks: Crosswalks,
    result: Result | None = None,
    plan: Plan | None = None,
) -> Comparison:
    """``manifest`` read across ``packs`` through the ``crosswalks`` that join them: each theme
    with the standards' statuses side by side, the evidence they share and their disagreements;
    the evidence types more than one standard asks for, with what is at stake in each; and the
    plan actions that move the most standards at once.

    ``result`` is ``evaluate(packs, manifest)`` and ``plan`` is ``plan_remediation(packs,
    manifest)``, computed here when not given. Pure: no files, no clock.
    """
    if result is None:
        from ..engine import evaluate

        result = evaluate(packs, manifest)
    if plan is None:
        from ..plan import plan_remediation

        plan = plan_remediation(packs, manifest)
    reader = Reader(packs, manifest, result, crosswalks)
    themes = [t for t in (reader.theme(theme.id) for theme in reader.crosswalks.themes) if t is not None]
    return Comparison(
        engine_version=result.engine_version,
        manifest=result.manifest,
        packs=tuple(PackHeadline(pack=r.pack, headline=_headline(r)) for r in result.packs),
        crosswalks=reader.crosswalks.refs(),
        themes=tuple(themes),
        evidence_reuse=reader.evidence_reuse(),
        shared_actions=reader.shared_actions(plan),
    )
