"""A self-contained HTML report for the client: outcomes, root causes, evidence gaps and the plan.

Rendered with jinja2 with autoescaping on, so names and notes from a manifest are shown as text,
never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files

from ..model.gaps import GapReport, Plan
from ..model.pack import ClausePack
from ..model.result import Result
from .subjects import Analysis
from .text import headline

TEMPLATE = "report.html.j2"


def render(
    packs: Sequence[ClausePack],
    result: Result,
    gaps: GapReport,
    plan: Plan,
    evidence_rows: int = 15,
    max_actions: int | None = None,
) -> str:
    """The report as one HTML page."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    by_id = {p.id: p for p in packs}
    sections = {}
    for p in result.packs:
        model = by_id[p.pack.id].scoring
        section = env.from_string(model.html_template()).render(out=p.outcome, lines=model.details(p.outcome, 1000))
        sections[p.pack.id] = Markup(section)
    template = env.from_string(files("ccom_rules").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    return template.render(
        result=result,
        gaps=gaps,
        plan=plan,
        max_actions=len(plan.actions) if max_actions is None else max_actions,
        evidence_rows=evidence_rows,
        headline={p.pack.id: headline(p) for p in result.packs},
        sections=sections,
        good={p.pack.id: by_id[p.pack.id].scoring.good(p.outcome) for p in result.packs},
    )


def render_analysis(subject: Analysis) -> str:
    """The ``report`` command's page."""
    return render(subject.packs, subject.result, subject.gaps, subject.plan, max_actions=subject.max_actions)
