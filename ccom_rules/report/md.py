"""Markdown for a pull-request comment or a wiki page (``--format md`` of ``evaluate`` and ``gaps``).

A headline per pack, tables, and long lists folded into ``<details>``. Every text that comes from
the inputs (names, titles, reasons, notes) is escaped, so it shows as text and never as markup or
a link. Each pack's section is what its scoring model gives (:meth:`ScoringModel.blocks`: tables,
lines, lists as data), said here in the reader's language(s). Other renderers (``compare``) can use
:func:`escape`, :func:`table` and :func:`folded`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..i18n import Msg
from ..model.common import Text
from ..model.gaps import Action
from ..model.pack import ClausePack
from ..model.result import PackResult, Result
from ..scoring.blocks import Block, Bullets, Ids, Line, Part, Parts, Stacked, Strong, Table, first_reasons
from .subjects import Analysis, Evaluation
from .words import Speaker, headline, phase_counts, workstreams

SHOWN = 10
"""Rows shown before the rest of a list folds into ``<details>``."""

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text: HTML-escaped, Markdown punctuation backslashed,
    on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _SPECIAL.sub(r"\\\1", text).replace("://", ":\\/\\/").replace("www.", "www\\.")
    return " ".join(text.split())


def code(text: str) -> str:
    """An id as inline code (backticks inside are dropped; ids never contain them)."""
    return "`" + text.replace("`", "") + "`"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table; cells are already escaped Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def folded(summary: str, body: list[str]) -> list[str]:
    """``body`` inside ``<details>`` with ``summary`` (escaped here), blank lines around so the
    Markdown inside renders."""
    return ["<details>", f"<summary>{html.escape(summary)}</summary>", "", *body, "", "</details>"]


def rows_folded(
    header: Sequence[str], rows: Sequence[Sequence[str]], more: str, speaker: Speaker, shown: int = SHOWN
) -> list[str]:
    """A table of the first ``shown`` rows, and the rest in a folded table under ``more``."""
    lines = table(header, rows[:shown])
    if len(rows) > shown:
        lines += ["", *folded(speaker.line(_count(more, len(rows) - shown, speaker)), table(header, rows[shown:]))]
    return lines


def _count(msg_id: str, count: int, speaker: Speaker) -> str:
    return Msg(msg_id, count=count)


def say(speaker: Speaker, text: str | Text) -> str:
    """``text`` in the languages shown, escaped; two languages on two lines of one cell."""
    return "<br>".join(escape(s) for s in speaker.each(text))


def _headline(speaker: Speaker, pack: PackResult) -> str:
    return "<br>".join(escape(s) for s in headline(pack, speaker))


def word(speaker: Speaker, msg_id: str, **params: object) -> str:
    return "<br>".join(escape(s) for s in speaker.word(msg_id, **params))


def _outcome_rows(result: Result, speaker: Speaker) -> list[list[str]]:
    return [
        [say(speaker, p.pack.standard), f"{code(p.pack.id)} {escape(p.pack.version)}", _headline(speaker, p)]
        for p in result.packs
    ]


def _part(speaker: Speaker, part: Part) -> str:
    if isinstance(part, Strong):
        return f"**{escape(part.id)}**"
    if isinstance(part, Ids):
        return ", ".join(code(i) for i in part.ids)
    if isinstance(part, Stacked):
        return "<br>".join(say(speaker, text) for text in part.texts)
    return say(speaker, part)


def cell(speaker: Speaker, parts: Parts) -> str:
    """One part, or several separated by spaces, in the languages shown, escaped."""
    if isinstance(parts, tuple):
        return " ".join(_part(speaker, part) for part in parts)
    return _part(speaker, parts)


def block(speaker: Speaker, shown: Block) -> list[str]:
    """A scoring model's block in Markdown, followed by a blank line."""
    if isinstance(shown, Table):
        header = [say(speaker, h) for h in shown.header]
        rows = [[cell(speaker, c) for c in row] for row in shown.rows]
        lines = rows_folded(header, rows, shown.more, speaker) if shown.more else table(header, rows)
    elif isinstance(shown, Line):
        lines = [cell(speaker, shown.parts)]
    elif isinstance(shown, Bullets):
        lines = [f"{say(speaker, shown.heading)}:", "", *(f"- {cell(speaker, item)}" for item in shown.items)]
    else:
        lines = ["```text", *(line.replace("`", "'") for line in shown.lines), "```"]
    return [*lines, ""]


def _pack(pack: PackResult, speaker: Speaker, source: ClausePack) -> list[str]:
    lines = [f"### {escape(pack.pack.standard)} — {say(speaker, pack.pack.title)}", "", f"**{_headline(speaker, pack)}**", ""]
    for shown in source.scoring.blocks(pack.outcome, SHOWN * 3):  # the outcome's section, as its model gives it
        lines += block(speaker, shown)
    return lines


def render_evaluation(subject: Evaluation) -> str:
    """``evaluate --format md``: the outcomes table, then a section per pack."""
    speaker = Speaker(getattr(subject, "lang", "en"), subject.packs)
    result = subject.result
    lines = [
        f"## {escape(result.manifest.organisation)} — {word(speaker, 'md.assessed', date=result.manifest.assessment_date)}",
        "",
        *table([word(speaker, k) for k in ("report.standard", "report.pack", "report.outcome")], _outcome_rows(result, speaker)),
        "",
    ]
    by_id = {p.id: p for p in subject.packs}
    for pack in result.packs:
        lines += _pack(pack, speaker, by_id[pack.pack.id])
    sha = speaker.line(Msg("md.manifest_sha"))
    lines.append(f"<sub>ccom-rules {escape(result.engine_version)} · {escape(sha)} {code(result.manifest.sha256)}</sub>")
    return "\n".join(lines) + "\n"


def _when(speaker: Speaker, action: Action) -> str:
    """When the action can be complete, its phase and workstream, and why, on a line of its own."""
    if action.earliest is None:
        return ""
    parts = [Msg(f"plan.phase.{action.phase}")] if action.phase else []
    parts += [Msg(f"plan.workstream.{action.workstream}")] if action.workstream else []
    said = " · ".join([*(escape(speaker.line(p)) for p in parts), escape(str(action.earliest))])
    return f"<br>{said}" + (f" — {say(speaker, action.timing)}" if action.timing else "")


def render_analysis(subject: Analysis) -> str:
    """``gaps --format md``: outcomes, root causes, blocked clauses, evidence gaps and the plan."""
    speaker = Speaker(getattr(subject, "lang", "en"), subject.packs)
    result, gaps, plan = subject.result, subject.gaps, subject.plan
    lines = [
        f"## {escape(result.manifest.organisation)} — {word(speaker, 'md.gaps_title', date=result.manifest.assessment_date)}",
        "",
        *table([word(speaker, k) for k in ("report.standard", "report.pack", "report.outcome")], _outcome_rows(result, speaker)),
        "",
        f"### {word(speaker, 'report.roots')} ({len(gaps.roots)})",
        "",
    ]
    clause = word(speaker, "report.clause")
    rows = [
        [
            f"{code(g.pack)} **{escape(g.clause)}** {say(speaker, g.title)}",
            word(speaker, "status." + g.status),
            cell(speaker, first_reasons(g.reasons)),
        ]
        for g in gaps.roots
    ]
    if rows:
        lines += rows_folded(
            [clause, word(speaker, "report.status"), word(speaker, "report.why")], rows, "report.more_roots", speaker
        )
    else:
        lines.append(word(speaker, "report.no_roots"))
    if gaps.blocked:
        lines += ["", f"### {word(speaker, 'report.blocked')} ({len(gaps.blocked)})", ""]
        rows = [
            [
                f"{code(g.pack)} **{escape(g.clause)}** {say(speaker, g.title)}",
                "<br>".join(escape(" → ".join(c)) for c in g.chains[:3]),
            ]
            for g in gaps.blocked
        ]
        lines += rows_folded([clause, word(speaker, "report.blocked_by")], rows, "report.more_blocked", speaker)
    lines += ["", f"### {word(speaker, 'report.evidence')} ({len(gaps.evidence)})", ""]
    rows = [
        [
            f"{say(speaker, ev.title) if ev.title else ''} {code(ev.type)}",
            word(speaker, "state." + ev.state),
            "<br>".join(
                f"{code(i.pack)}: {word(speaker, 'report.impact', checkpoints=len(i.checkpoints))}"
                + (word(speaker, "report.impact_points", points=i.points) if i.points else "")
                for i in ev.impact
            ),
        ]
        for ev in gaps.evidence
    ]
    header = [word(speaker, k) for k in ("report.evidence_type", "report.state", "report.affects")]
    lines += rows_folded(header, rows, "report.more_evidence", speaker, shown=15)
    lines += ["", f"### {word(speaker, 'report.plan')}", ""]
    rows = [[code(t.target), word(speaker, "word.yes" if t.reached else "word.no"), say(speaker, t.reason)] for t in plan.targets]
    lines += table([word(speaker, k) for k in ("report.target", "report.reached", "report.why")], rows)
    actions = [
        f"{n}. {say(speaker, a.title)}{_when(speaker, a)}"
        + "".join(f"<br>{code(g.pack)}: {say(speaker, g.summary)}" for g in a.gains)
        for n, a in enumerate(plan.actions, 1)
    ]
    if actions:
        lines += ["", word(speaker, "plan.summary", count=len(actions)), ""]
        lines += [
            "- " + word(speaker, "plan.summary.phase", phase=Msg(f"plan.phase.{ph}"), count=n, why=Msg(f"plan.phase.{ph}.why"))
            for ph, n in phase_counts(plan)
        ]
        lines += ["- " + word(speaker, "plan.summary.workstreams", streams=workstreams(plan))]
        lines += ["", *actions[:SHOWN]]
        if len(actions) > SHOWN:
            lines += ["", *folded(speaker.line(_count("report.more_actions", len(actions) - SHOWN, speaker)), actions[SHOWN:])]
    lines += ["", f"<sub>{say(speaker, plan.rationale)}</sub>"]
    return "\n".join(lines) + "\n"
