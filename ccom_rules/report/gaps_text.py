"""Gap analysis as text: roots first, then blocked clauses with their chains, then the plan, in the
reader's language(s): with ``--lang both`` each line in English is followed by its Chinese."""

from __future__ import annotations

from ..i18n import Msg
from ..model.gaps import PHASES, PackImpact, Plan, ThemeReach
from ..scoring.words import status_word
from .subjects import Analysis
from .words import Lines, Speaker, phase_counts, workstreams


def render(subject: Analysis, detail: int = 3) -> str:
    """Roots, blocked clauses, evidence blast radius, targets and the plan, as text."""
    report, plan = subject.gaps, subject.plan
    lines = Lines(Speaker(subject.lang, subject.packs))
    lines.msg("gaps.roots", count=len(report.roots))
    for gap in report.roots:
        lines.msg("gaps.root", pack=gap.pack, clause=gap.clause, title=gap.title, status=status_word(gap.status))
        for reason in gap.reasons[:detail]:
            lines.say(reason, "      ")
        if len(gap.reasons) > detail:
            lines.msg("gaps.reason_more", count=len(gap.reasons) - detail)
    lines.append("")
    lines.msg("gaps.blocked", count=len(report.blocked))
    for gap in report.blocked:
        lines.msg("gaps.blocked_clause", pack=gap.pack, clause=gap.clause, title=gap.title, by=", ".join(gap.blocked_by))
        lines += [f"      {' → '.join(chain)}" for chain in gap.chains[:detail]]
    lines.append("")
    lines.msg("gaps.radius")
    shown = max(detail * 4, 10)
    for ev in report.evidence[:shown]:
        where = tuple(_impact(i) for i in ev.impact)
        title = ev.title if ev.title is not None else ev.type
        lines.msg(
            "gaps.evidence", title=title, type=ev.type, state=Msg(f"state.{ev.state}"), present=ev.items_present, where=where
        )
        _themes(lines, ev.themes, "      ", detail)
    if len(report.evidence) > shown:
        lines.msg("gaps.evidence_more", count=len(report.evidence) - shown)
    lines.append("")
    lines.msg("gaps.targets")
    for status in plan.targets:
        lines.msg("gaps.target", mark="✓" if status.reached else "✗", target=status.target, reason=status.reason)
    lines.append("")
    plan_lines(lines, plan, subject.max_actions)
    lines.append("")
    lines.msg("gaps.how", rationale=plan.rationale)
    return "\n".join(lines) + "\n"


def _impact(i: PackImpact) -> Msg:
    """What a missing evidence type holds back in one pack."""
    counts = {"pack": i.pack, "checkpoints": len(i.checkpoints), "clauses": len(i.clauses)}
    if not i.items and not i.points:
        return Msg("gaps.impact", **counts)
    items = Msg("gaps.impact_items", items=len(i.items)) if i.items else ""
    points = Msg("gaps.impact_points", points=i.points) if i.points else ""
    return Msg("gaps.impact_more", items=items, points=points, **counts)


def plan_lines(lines: Lines, plan: Plan, max_actions: int | None = None) -> None:
    """The plan: a summary (actions per phase and workstream, each target's earliest date), then
    the actions grouped by phase and workstream, at most ``max_actions`` of them."""
    lines.msg("plan.summary", count=len(plan.actions))
    lines.msg("plan.summary.phases", indent="  ")
    for ph, count in phase_counts(plan):
        why = Msg(f"plan.phase.{ph}.why")
        lines.msg("plan.summary.phase", indent="    ", phase=Msg(f"plan.phase.{ph}"), count=count, why=why)
    lines.msg("plan.summary.workstreams", indent="  ", streams=workstreams(plan))
    dates = ", ".join(f"{s.target} {s.earliest or '—'}" for s in plan.targets)
    lines.msg("plan.summary.targets", indent="  ", dates=dates)
    limit = len(plan.actions) if max_actions is None else max(max_actions, 0)
    if limit < len(plan.actions):
        hidden = len(plan.actions) - limit
        lines.msg("plan.summary.not_shown", indent="  ", shown=limit, count=len(plan.actions), hidden=hidden)
    numbered = list(enumerate(plan.actions, 1))
    order = sorted(
        numbered[:limit], key=lambda na: (PHASES.index(na[1].phase) if na[1].phase else 0, na[1].workstream or "", na[0])
    )
    group = None
    for n, action in order:
        key = (action.phase, action.workstream)
        if key != group:
            group = key
            lines.append("")
            phase = Msg(f"plan.phase.{action.phase}") if action.phase else ""
            stream = Msg(f"plan.workstream.{action.workstream}") if action.workstream else ""
            lines.msg("plan.group", indent="  ", phase=phase, workstream=stream)
        lines.msg("gaps.action", n=n, title=action.title)
        if action.earliest is not None and action.timing:
            lines.say(action.timing, "       ")
        for gain in action.gains:
            lines.msg("gaps.gain", pack=gain.pack, summary=gain.summary)
        _themes(lines, action.themes, "       ", 3)


def _themes(lines: Lines, reaches: tuple[ThemeReach, ...], indent: str, detail: int) -> None:
    """The crosswalk themes something touches, with its clauses in each standard (none without crosswalks)."""
    for r in reaches[:detail]:
        where = "; ".join(f"{p} {', '.join(cs)}" for p, cs in r.clauses.items())
        lines.msg("gaps.theme", indent=indent, title=r.title, where=where)
    if len(reaches) > detail:
        lines.msg("gaps.theme_more", indent=indent, count=len(reaches) - detail)
