"""The report for the client: one self-contained HTML page, readable without JavaScript or a network.

A cover (organisation, scope, assessor, date, engine, packs and their hashes), contents, an
executive summary with a paragraph per standard, a section per standard with its chart, then the
root causes, blocked clauses, evidence gaps and the plan; long lists fold into ``<details>``.
Print CSS lays it out for A4. Rendered with jinja2 with autoescaping on, so names and notes from a
manifest are shown as text, never as markup; the charts' SVG escapes its own text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any

from markupsafe import Markup, escape

from ..crosswalk.result import ThemeComparison
from ..i18n import Msg
from ..model.common import Text
from ..model.gaps import GapReport, Plan
from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import PackResult, Result
from . import charts
from .subjects import Analysis
from .words import Speaker, headline, phase_counts, workstreams

TEMPLATE = "report.html.j2"
REASONS_SHOWN = 4
"""Reasons listed per clause before the rest fold into ``<details>``."""


class HtmlWords:
    """What the template calls to say things: each language shown, the second one in a ``zh`` span."""

    def __init__(self, speaker: Speaker) -> None:
        self.speaker = speaker

    def join(self, said: list[str]) -> Markup:
        if len(said) == 1:
            return escape(said[0])
        return Markup('{} <span class="zh" lang="zh">{}</span>').format(said[0], said[1])

    def w(self, msg_id: str, **params: Any) -> Markup:
        return self.join(self.speaker.word(msg_id, **params))

    def plain(self, msg_id: str, **params: Any) -> str:
        return " / ".join(self.speaker.word(msg_id, **params))

    def r(self, text: str | Text) -> Markup:
        return self.join(self.speaker.each(text))

    def reasons(self, items: Sequence[str]) -> Markup:
        """A list of reasons; beyond the first few, the rest fold into ``<details>``."""
        if not items:
            return Markup("")
        shown = Markup("").join(Markup("<li>{}</li>").format(self.r(x)) for x in items[:REASONS_SHOWN])
        html = Markup('<ul class="reasons">{}</ul>').format(shown)
        rest = items[REASONS_SHOWN:]
        if rest:
            more = Markup("").join(Markup("<li>{}</li>").format(self.r(x)) for x in rest)
            html += Markup('<details><summary>{}</summary><ul class="reasons">{}</ul></details>').format(
                self.w("report.more_reasons", count=len(rest)), more
            )
        return html


def _chart_words(speaker: Speaker) -> tuple[charts.Word, Callable[[Text], str]]:
    """What a chart is given to say things: a message (each language, joined by a slash) and a
    title (each language on its own line)."""

    def word(msg_id: str, **params: Any) -> str:
        return " / ".join(speaker.word(msg_id, **params))

    def title(text: Text) -> str:
        return speaker.line(text, "\n")

    return word, title


def _chart(pack: ClausePack, result: PackResult, speaker: Speaker) -> Markup:
    """The figure the pack's scoring model draws of its outcome (nothing when it draws none)."""
    word, title = _chart_words(speaker)
    figure = pack.scoring.chart(pack, result, word, title)
    if figure is None:
        return Markup("")
    html = HtmlWords(speaker)
    legend = html.r(figure.legend) if figure.legend else Markup("")
    return Markup(
        '<figure><figcaption class="caption">{}</figcaption>{}<figcaption class="legend">{}</figcaption></figure>'
    ).format(html.r(figure.caption), Markup(figure.svg), legend)


def _themes_chart(packs: Sequence[ClausePack], themes: Sequence[ThemeComparison], speaker: Speaker) -> Markup:
    """The crosswalk themes across the standards, as a figure (nothing without themes)."""
    if not themes:
        return Markup("")
    from .theme_chart import theme_chart

    word, title = _chart_words(speaker)
    html = HtmlWords(speaker)
    shown = {s.pack for t in themes for s in t.statuses}
    standards = [(p.id, p.standard) for p in packs if p.id in shown]
    svg = Markup("").join(Markup(part) for part in theme_chart(themes, standards, word, title))
    return Markup(
        '<figure class="parts"><figcaption class="caption">{}</figcaption>{}<figcaption class="legend">{}</figcaption></figure>'
    ).format(html.w("chart.themes_title"), svg, html.w("chart.themes_legend"))


def render(
    packs: Sequence[ClausePack],
    result: Result,
    gaps: GapReport,
    plan: Plan,
    *,
    manifest: Manifest | None = None,
    lang: str = "en",
    rows: int = 12,
    evidence_rows: int = 15,
    action_rows: int = 20,
    max_actions: int | None = None,
    themes: Sequence[ThemeComparison] = (),
) -> str:
    """The report as one HTML page in ``lang`` (``en``, ``zh`` or ``both``); lists longer than
    ``rows`` (``evidence_rows``, ``action_rows``) fold the rest into ``<details>``. With crosswalk
    ``themes``, a chart of each theme's statuses across the standards."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    speaker = Speaker(lang, packs)
    html = HtmlWords(speaker)
    env.globals.update(w=html.w, plain=html.plain, r=html.r, tx=html.r, reasons=html.reasons, rows=rows)
    by_id = {p.id: p for p in packs}
    sections = {}
    for p in result.packs:  # each scoring model's own section of the report
        model = by_id[p.pack.id].scoring
        lines = model.details(p.outcome, 1000)
        section = env.from_string(model.html_template()).render(out=p.outcome, lines=lines, scoring=model, pack=p)
        sections[p.pack.id] = Markup(section)
    template = env.from_string(files("ccom_rules").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    return template.render(
        result=result,
        gaps=gaps,
        plan=plan,
        evidence_rows=evidence_rows,
        actions_shown=plan.actions if max_actions is None else plan.actions[: max(max_actions, 0)],
        action_rows=action_rows,
        html_lang="zh" if lang == "zh" else "en",
        scope=manifest.assessment.scope if manifest is not None else "",
        assessor=manifest.assessment.assessor if manifest is not None else "",
        sections=sections,
        headline={p.pack.id: html.join(headline(p, speaker)) for p in result.packs},
        paragraph={p.pack.id: html.r(by_id[p.pack.id].scoring.summary(p.outcome)) for p in result.packs},
        chart={p.pack.id: _chart(by_id[p.pack.id], p, speaker) for p in result.packs},
        good={p.pack.id: by_id[p.pack.id].scoring.good(p.outcome) for p in result.packs},
        phases=phase_counts(plan),
        streams=workstreams(plan),
        msg=Msg,
        themes_chart=_themes_chart(packs, themes, speaker),
    )


def render_analysis(subject: Analysis) -> str:
    """The ``report`` command's page."""
    return render(
        subject.packs,
        subject.result,
        subject.gaps,
        subject.plan,
        manifest=subject.manifest,
        lang=getattr(subject, "lang", "en"),
        max_actions=subject.max_actions,
        themes=subject.themes,
    )
