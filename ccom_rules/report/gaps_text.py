"""Gap analysis as text: roots first, then blocked clauses with their chains, then the plan."""

from __future__ import annotations

from collections import Counter

from ..i18n import t
from ..model.gaps import PHASES, Plan, ThemeReach
from .subjects import Analysis

_STATUS = {"not_met": "not met", "partially_met": "partially met", "not_assessed": "not assessed"}


def render(subject: Analysis, detail: int = 3) -> str:
    """Roots, blocked clauses, evidence blast radius, targets and the plan, as text."""
    report, plan = subject.gaps, subject.plan
    lines = [f"Root causes ({len(report.roots)}): unmet on their own evidence"]
    for gap in report.roots:
        lines.append(f"  ✗ {gap.pack} {gap.clause} {gap.title.en} — {_STATUS.get(gap.status, gap.status)}")
        lines += [f"      {r}" for r in gap.reasons[:detail]]
        if len(gap.reasons) > detail:
            lines.append(f"      … {len(gap.reasons) - detail} more")
    lines += ["", f"Blocked ({len(report.blocked)}): held back by unmet prerequisites"]
    for gap in report.blocked:
        lines.append(f"  ⊘ {gap.pack} {gap.clause} {gap.title.en} — blocked by {', '.join(gap.blocked_by)}")
        lines += [f"      {' → '.join(chain)}" for chain in gap.chains[:detail]]
    lines += ["", "Evidence blast radius (widest first)"]
    for ev in report.evidence[: max(detail * 4, 10)]:
        where = "; ".join(
            f"{i.pack}: {len(i.checkpoints)} checkpoint(s) in {len(i.clauses)} clause(s)"
            + (f", {len(i.items)} item(s)" if i.items else "")
            + (f", up to {i.points:g} points" if i.points else "")
            for i in ev.impact
        )
        lines.append(f"  {ev.type} ({ev.state}, {ev.items_present} present): {where}")
        lines += _themes(ev.themes, "      ", detail)
    if len(report.evidence) > max(detail * 4, 10):
        lines.append(f"  … {len(report.evidence) - max(detail * 4, 10)} more evidence types (--format json for all)")
    lines += ["", "Targets"]
    for status in plan.targets:
        mark = "✓" if status.reached else "✗"
        lines.append(f"  {mark} {status.target}: {status.reason}")
    lines += ["", *plan_lines(plan, subject.max_actions)]
    lines += ["", f"How: {plan.rationale}"]
    return "\n".join(lines) + "\n"


def plan_lines(plan: Plan, max_actions: int | None = None) -> list[str]:
    """The plan: a summary (actions per phase and workstream, each target's earliest date), then
    the actions grouped by phase and workstream, at most ``max_actions`` of them."""
    lines = [t("plan.summary", count=len(plan.actions)), f"  {t('plan.summary.phases')}:"]
    phases = Counter(a.phase for a in plan.actions)
    for ph in PHASES:
        lines.append(f"    {t('plan.phase.' + ph)}: {phases[ph]} — {t('plan.phase.' + ph + '.why')}")
    streams = Counter(a.workstream for a in plan.actions if a.workstream)
    shown = ", ".join(f"{t('plan.workstream.' + w)} {n}" for w, n in sorted(streams.items(), key=lambda x: (-x[1], x[0])))
    lines.append(f"  {t('plan.summary.workstreams')}: {shown}")
    lines.append(f"  {t('plan.summary.targets')}: " + ", ".join(f"{s.target} {s.earliest or '—'}" for s in plan.targets))
    limit = len(plan.actions) if max_actions is None else max(max_actions, 0)
    if limit < len(plan.actions):
        lines.append("  " + t("plan.summary.not_shown", shown=limit, count=len(plan.actions), hidden=len(plan.actions) - limit))
    numbered = list(enumerate(plan.actions, 1))
    order = sorted(
        numbered[:limit], key=lambda na: (PHASES.index(na[1].phase) if na[1].phase else 0, na[1].workstream or "", na[0])
    )
    group = None
    for n, action in order:
        key = (action.phase, action.workstream)
        if key != group:
            group = key
            heading = t("plan.phase." + action.phase) if action.phase else ""
            lines += ["", f"  [{heading}] {t('plan.workstream.' + action.workstream) if action.workstream else ''}"]
        lines.append(f"  {n:>3}. {action.title}")
        if action.earliest is not None and action.timing:
            lines.append(f"       {action.timing}")
        for gain in action.gains:
            lines.append(f"       {gain.pack}: {gain.summary}")
        lines += _themes(action.themes, "       ", 3)
    return lines


def _themes(reaches: tuple[ThemeReach, ...], indent: str, detail: int) -> list[str]:
    """The crosswalk themes something touches, with its clauses in each standard (none without crosswalks)."""
    lines = [
        f"{indent}theme {r.title.en}: " + "; ".join(f"{p} {', '.join(cs)}" for p, cs in r.clauses.items())
        for r in reaches[:detail]
    ]
    if len(reaches) > detail:
        lines.append(f"{indent}… {len(reaches) - detail} more theme(s)")
    return lines
