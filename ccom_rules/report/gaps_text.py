"""Gap analysis as text: roots first, then blocked clauses with their chains, then the plan."""

from __future__ import annotations

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
    if len(report.evidence) > max(detail * 4, 10):
        lines.append(f"  … {len(report.evidence) - max(detail * 4, 10)} more evidence types (--format json for all)")
    lines += ["", "Targets"]
    for t in plan.targets:
        mark = "✓" if t.reached else "✗"
        lines.append(f"  {mark} {t.target}: {t.reason}")
    lines += ["", f"Remediation plan ({len(plan.actions)} actions)"]
    for n, action in enumerate(plan.actions, 1):
        lines.append(f"  {n:>3}. {action.title}")
        for gain in action.gains:
            lines.append(f"       {gain.pack}: {gain.summary}")
    lines += ["", f"How: {plan.rationale}"]
    return "\n".join(lines) + "\n"
