"""A self-contained HTML report for the client: outcomes, root causes, evidence gaps and the plan.

Rendered with jinja2 with autoescaping on, so names and notes from a manifest are shown as text,
never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files

from ..model.gaps import GapReport, Plan
from ..model.pack import ClausePack
from ..model.result import BandsOutcome, MaturityOutcome, PassFailOutcome, Result
from ..scoring import WeightedBands
from .subjects import Analysis
from .text import headline

TEMPLATE = "report.html.j2"


def _good(pack: ClausePack, outcome: PassFailOutcome | MaturityOutcome | BandsOutcome) -> bool:
    """Whether the outcome is a certification of some kind: a pass, a level, a band above the lowest."""
    if isinstance(outcome, PassFailOutcome):
        return outcome.passed
    if isinstance(outcome, MaturityOutcome):
        return outcome.certifiable_level > 0
    assert isinstance(pack.scoring, WeightedBands)
    return outcome.band != min(pack.scoring.bands, key=lambda b: b.min).id


def render(packs: Sequence[ClausePack], result: Result, gaps: GapReport, plan: Plan, evidence_rows: int = 15) -> str:
    """The report as one HTML page."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    by_id = {p.id: p for p in packs}
    template = env.from_string(files("ccom_rules").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    return template.render(
        result=result,
        gaps=gaps,
        plan=plan,
        evidence_rows=evidence_rows,
        headline={p.pack.id: headline(p) for p in result.packs},
        good={p.pack.id: _good(by_id[p.pack.id], p.outcome) for p in result.packs},
    )


def render_analysis(subject: Analysis) -> str:
    """The ``report`` command's page."""
    return render(subject.packs, subject.result, subject.gaps, subject.plan)
