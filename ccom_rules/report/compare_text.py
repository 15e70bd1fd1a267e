"""A comparison as text and as Markdown, in the reader's language(s): themes side by side,
disagreements, evidence reuse, shared actions. Nothing is computed here; ``compare`` decided it all."""

from __future__ import annotations

from typing import Any

from ..crosswalk.result import ClauseView, Comparison, Disagreement, ThemeComparison
from ..i18n import Msg
from ..model.common import Text
from ..scoring.words import commas, status_word
from . import md
from .subjects import Compared
from .words import Lines, Speaker

MARK = {"met": "✓", "partially_met": "◐", "not_met": "✗"}


def opened(subject: Compared | Comparison) -> tuple[Comparison, Speaker]:
    """The comparison and who says it (a bare comparison is said in English, evidence types by id)."""
    if isinstance(subject, Comparison):
        return subject, Speaker()
    return subject.comparison, Speaker(subject.lang, subject.packs)


def status(view: ClauseView) -> Msg:
    """A clause's status in words, with what its scoring model made of it (``met (C 10 · F 10)``)."""
    word = status_word(view.status)
    return Msg("compare.status_figure", status=word, figure=view.figure) if view.figure else word


def clip(items: tuple[str, ...], n: int) -> str:
    """The first ``n`` items, and how many there are in all when some are left out."""
    shown = ", ".join(items[:n])
    return Msg("compare.clip", items=shown, count=len(items)) if len(items) > n else shown


def counts(c: Comparison) -> Msg:
    disagreeing = sum(1 for t in c.themes if t.disagreements)
    found = sum(len(t.disagreements) for t in c.themes)
    return Msg("compare.themes", count=len(c.themes), disagreements=found, themes=disagreeing)


def theme_counts(t: ThemeComparison, pack: str) -> Msg:
    s = next(s for s in t.statuses if s.pack == pack)
    words = [status_word("met"), status_word("partially_met"), status_word("not_met"), Msg("compare.other")]
    parts = [Msg("compare.count", count=n, status=w) for n, w in zip((s.met, s.partially_met, s.not_met, s.other), words) if n]
    return Msg("compare.statuses", pack=s.pack, clauses=s.clauses, counts=commas(parts))


def why(view: ClauseView, detail: int) -> str:
    """Why a clause of a disagreement stands where it does: its failing checkpoints' reasons."""
    if view.reasons:
        return Msg("gain.parts", parts=tuple(view.reasons[:detail]))
    return status_word("met") if view.status == "met" else Msg("compare.no_failing")


def type_title(title: Text | None, etype: str) -> Text | str:
    return title if title is not None else etype


def _disagreement(lines: Lines, d: Disagreement, detail: int) -> None:
    a, b = d.left, d.right
    relation = Msg(f"relation.{d.relation}")
    lines.msg("compare.disagreement", left=a.pack, lclause=a.clause, lstatus=status(a), relation=relation, **_right(b))
    lines.msg("compare.rule", rule=d.rule)
    for view in (a, b):
        lines.msg("compare.why", pack=view.pack, clause=view.clause, why=why(view, detail))
    if d.shared_evidence:
        lines.msg("compare.same_evidence", items=clip(d.shared_evidence, detail))


def _right(b: ClauseView) -> dict[str, Any]:
    return {"right": b.pack, "rclause": b.clause, "rstatus": status(b)}


def _theme(lines: Lines, t: ThemeComparison, detail: int) -> None:
    lines.msg("compare.theme", title=t.title, id=t.id)
    for s in t.statuses:
        lines.say(theme_counts(t, s.pack))
        for v in (v for v in t.clauses if v.pack == s.pack):
            lines.msg("compare.clause", mark=MARK.get(v.status, "–"), clause=v.clause, title=v.title, status=status(v))
    if t.shared_evidence:
        lines.msg("compare.shared")
        for e in t.shared_evidence:
            items = Msg("compare.shared_items", items=clip(e.items, 3)) if e.items else ""
            title = type_title(e.title, e.type)
            lines.msg("compare.shared_item", title=title, type=e.type, packs=", ".join(e.packs), count=len(e.items), items=items)
    if t.disagreements:
        lines.msg("compare.disagreements", count=len(t.disagreements))
        for d in t.disagreements:
            _disagreement(lines, d, detail)
    else:
        lines.msg("compare.no_disagreements")


def render(subject: Compared | Comparison, detail: int = 3, rows: int = 15) -> str:
    """The comparison as text; ``detail`` caps reasons and items shown, ``rows`` the matrix rows."""
    c, speaker = opened(subject)
    lines = Lines(speaker)
    m = c.manifest
    lines.msg("compare.header", organisation=m.organisation, date=m.assessment_date, count=len(c.packs))
    for p in c.packs:
        lines.msg("compare.pack", pack=p.pack.id, version=p.pack.version, headline=p.headline)
    refs = "; ".join(f"{x.id} {x.version} (sha256 {x.sha256[:12]}…)" for x in c.crosswalks)
    lines.msg("compare.crosswalks", crosswalks=refs or Msg("word.none"))
    lines.append("")
    lines.say(counts(c))
    if not c.themes:
        lines.msg("compare.no_themes")
    for t in c.themes:
        lines.append("")
        _theme(lines, t, detail)
    lines.append("")
    lines.msg("compare.reuse", count=len(c.evidence_reuse))
    for r in c.evidence_reuse[:rows]:
        lines.msg("compare.reuse_type", title=type_title(r.title, r.type), type=r.type, present=r.items_present)
        for s in r.stakes:
            lines.msg("compare.stake", pack=s.pack, summary=s.summary)
    if len(c.evidence_reuse) > rows:
        lines.msg("compare.more", count=len(c.evidence_reuse) - rows)
    lines.append("")
    lines.msg("compare.shared_actions", count=len(c.shared_actions))
    for a in c.shared_actions:
        lines.msg("compare.step", step=a.step, title=a.title, packs=", ".join(a.packs))
        for g in a.gains:
            lines.msg("gaps.gain", pack=g.pack, summary=g.summary)
        for reach in a.themes:
            where = "; ".join(f"{p} {', '.join(cs)}" for p, cs in reach.clauses.items())
            lines.msg("gaps.theme", indent="       ", title=reach.title, where=where)
    return "\n".join(lines) + "\n"


def render_markdown(subject: Compared | Comparison, detail: int = 3, rows: int = 15) -> str:
    """The comparison as Markdown: a table per theme, then the matrix and the shared actions.
    Every text from the inputs is escaped (:func:`ccom_rules.report.md.escape`)."""
    c, speaker = opened(subject)
    say, word = md.say, md.word
    m = c.manifest
    out = [
        f"# {word(speaker, 'compare.md_title', organisation=m.organisation)}",
        "",
        word(speaker, "compare.md_assessed", date=m.assessment_date),
        "",
    ]
    header = [word(speaker, k) for k in ("report.pack", "compare.version", "report.outcome")]
    out += md.table(header, [[md.code(p.pack.id), md.escape(p.pack.version), say(speaker, p.headline)] for p in c.packs])
    refs = "; ".join(f"{md.code(x.id)} {md.escape(x.version)} (sha256 {md.code(x.sha256[:12])})" for x in c.crosswalks)
    out += ["", f"{word(speaker, 'compare.crosswalks_label')} {refs or word(speaker, 'word.none')}", ""]
    header = [word(speaker, k) for k in ("report.standard", "report.clause", "compare.title", "report.status")]
    for t in c.themes:
        out += [f"## {md.escape(speaker.line(t.title))}", ""]
        out += md.table(
            header,
            [
                [
                    md.code(v.pack),
                    md.escape(v.clause),
                    say(speaker, v.title),
                    f"{MARK.get(v.status, '–')} {say(speaker, status(v))}",
                ]
                for v in t.clauses
            ],
        )
        if t.shared_evidence:
            items = tuple(
                Msg(
                    "compare.shared_md",
                    title=type_title(e.title, e.type),
                    type=e.type,
                    packs=", ".join(e.packs),
                    count=len(e.items),
                )
                for e in t.shared_evidence
            )
            out += ["", word(speaker, "compare.shared_list", items=items)]
        out.append("")
        if not t.disagreements:
            out += [word(speaker, "compare.md_no_disagreements"), ""]
        for d in t.disagreements:
            a, b = d.left, d.right
            relation = Msg(f"relation.{d.relation}")
            out.append(
                "- "
                + word(
                    speaker,
                    "compare.md_disagreement",
                    left=a.pack,
                    lclause=a.clause,
                    lstatus=status(a),
                    relation=relation,
                    rule=d.rule,
                    **_right(b),
                )
            )
            for v in (a, b):
                out.append("  - " + word(speaker, "compare.md_why", pack=v.pack, clause=v.clause, why=why(v, detail)))
            if d.shared_evidence:
                out.append("  - " + word(speaker, "compare.md_same_evidence", items=clip(d.shared_evidence, detail)))
        if t.disagreements:
            out.append("")
    packs = [p.pack.id for p in c.packs]
    out += [f"## {word(speaker, 'compare.md_reuse')}", ""]
    header = [word(speaker, "report.evidence_type"), word(speaker, "compare.present"), *(md.code(p) for p in packs)]
    reuse = []
    for r in c.evidence_reuse[:rows]:
        by_pack = {s.pack: s.summary for s in r.stakes}
        named = f"{say(speaker, type_title(r.title, r.type))} {md.code(r.type)}" if r.title else md.code(r.type)
        reuse.append([named, str(r.items_present), *(say(speaker, by_pack.get(p, "")) for p in packs)])
    out += md.table(header, reuse)
    if len(c.evidence_reuse) > rows:
        out += ["", word(speaker, "compare.md_more", count=len(c.evidence_reuse) - rows)]
    out += ["", f"## {word(speaker, 'compare.md_actions')}", ""]
    out += [
        f"{a.step}. {say(speaker, a.title)}" + "".join(f"<br>{md.code(g.pack)}: {say(speaker, g.summary)}" for g in a.gains)
        for a in c.shared_actions
    ]
    if not c.shared_actions:
        out.append(word(speaker, "compare.md_no_actions"))
    return "\n".join(out) + "\n"
