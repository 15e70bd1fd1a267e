"""A comparison as text and as Markdown: themes side by side, disagreements, evidence reuse,
shared actions. Nothing is computed here; ``compare`` decided it all."""

from __future__ import annotations

from ..crosswalk.result import ClauseView, Comparison, Disagreement, ThemeComparison

MARK = {"met": "✓", "partially_met": "◐", "not_met": "✗"}
WORDS = {
    "partially_met": "partially met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "not_assessed": "not assessed",
}


def _status(view: ClauseView) -> str:
    text = WORDS.get(view.status, view.status)
    return f"{text} ({view.figure})" if view.figure else text


def _clip(items: tuple[str, ...], n: int) -> str:
    shown = ", ".join(items[:n])
    return shown + (f", … ({len(items)} in all)" if len(items) > n else "")


def _header(c: Comparison) -> list[str]:
    lines = [f"{c.manifest.organisation} — assessed {c.manifest.assessment_date}, compared across {len(c.packs)} standards"]
    lines += [f"  {p.pack.id} {p.pack.version}: {p.headline}" for p in c.packs]
    lines.append("crosswalks: " + ("; ".join(f"{x.id} {x.version} (sha256 {x.sha256[:12]}…)" for x in c.crosswalks) or "none"))
    return lines


def _disagreement(d: Disagreement, detail: int) -> list[str]:
    a, b = d.left, d.right
    lines = [
        f"    ✗ {a.pack} {a.clause} {_status(a)}  —{d.relation}→  {b.pack} {b.clause} {_status(b)}",
        f"        rule: {d.rule}",
    ]
    for view in (a, b):
        why = "; ".join(view.reasons[:detail]) or ("met" if view.status == "met" else "no failing checkpoint")
        lines.append(f"        {view.pack} {view.clause}: {why}")
    if d.shared_evidence:
        lines.append(f"        same evidence: {_clip(d.shared_evidence, detail)}")
    return lines


def _theme(t: ThemeComparison, detail: int) -> list[str]:
    lines = [f"■ {t.title.en} / {t.title.zh} [{t.id}]"]
    for s in t.statuses:
        counts = ", ".join(
            f"{n} {w}"
            for n, w in ((s.met, "met"), (s.partially_met, "partially met"), (s.not_met, "not met"), (s.other, "other"))
            if n
        )
        lines.append(f"  {s.pack}: {s.clauses} clause(s) — {counts}")
        for v in (v for v in t.clauses if v.pack == s.pack):
            lines.append(f"    {MARK.get(v.status, '–')} {v.clause} {v.title.en} — {_status(v)}")
    if t.shared_evidence:
        lines.append("  shared evidence:")
        for e in t.shared_evidence:
            lines.append(
                f"    {e.type} ({', '.join(e.packs)}): {len(e.items)} item(s)" + (f" — {_clip(e.items, 3)}" if e.items else "")
            )
    if t.disagreements:
        lines.append(f"  disagreements ({len(t.disagreements)}):")
        for d in t.disagreements:
            lines += _disagreement(d, detail)
    else:
        lines.append("  no disagreements")
    return lines


def render(c: Comparison, detail: int = 3, rows: int = 15) -> str:
    """The comparison as text; ``detail`` caps reasons and items shown, ``rows`` the matrix rows."""
    lines = _header(c)
    disagreeing = sum(1 for t in c.themes if t.disagreements)
    count = sum(len(t.disagreements) for t in c.themes)
    lines += ["", f"Themes ({len(c.themes)}): {count} disagreement(s) in {disagreeing} theme(s)"]
    if not c.themes:
        lines.append("  no crosswalk joins these packs (ccom-rules crosswalk lint shows the installed ones)")
    for t in c.themes:
        lines += ["", *_theme(t, detail)]
    lines += ["", f"Evidence reuse: {len(c.evidence_reuse)} evidence types asked for by more than one standard"]
    for r in c.evidence_reuse[:rows]:
        lines.append(f"  {r.type} ({r.items_present} present)")
        lines += [f"    {s.pack}: {s.summary}" for s in r.stakes]
    if len(c.evidence_reuse) > rows:
        lines.append(f"  … {len(c.evidence_reuse) - rows} more (--format json for all)")
    lines += ["", f"Shared actions: {len(c.shared_actions)} plan step(s) that move more than one standard"]
    for a in c.shared_actions:
        lines.append(f"  step {a.step}: {a.title} — moves {', '.join(a.packs)}")
        lines += [f"       {g.pack}: {g.summary}" for g in a.gains]
        for reach in a.themes:
            where = "; ".join(f"{p} {', '.join(cs)}" for p, cs in reach.clauses.items())
            lines.append(f"       theme {reach.title.en}: {where}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(c: Comparison, detail: int = 3, rows: int = 15) -> str:
    """The comparison as Markdown: a table per theme, then the matrix and the shared actions."""
    out = [f"# {_cell(c.manifest.organisation)} — standards compared", "", f"Assessed {c.manifest.assessment_date}.", ""]
    out += ["| pack | version | outcome |", "|---|---|---|"]
    out += [f"| {p.pack.id} | {p.pack.version} | {_cell(p.headline)} |" for p in c.packs]
    out += [
        "",
        "Crosswalks: " + (", ".join(f"`{x.id}` {x.version} (sha256 `{x.sha256[:12]}`)" for x in c.crosswalks) or "none"),
        "",
    ]
    for t in c.themes:
        out += [
            f"## {_cell(t.title.en)} / {_cell(t.title.zh)}",
            "",
            "| standard | clause | title | status |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {v.pack} | {v.clause} | {_cell(v.title.en)} | {MARK.get(v.status, '–')} {_cell(_status(v))} |" for v in t.clauses
        ]
        if t.shared_evidence:
            out += [
                "",
                "Shared evidence: "
                + "; ".join(f"`{e.type}` ({', '.join(e.packs)}, {len(e.items)} items)" for e in t.shared_evidence),
            ]
        out.append("")
        if not t.disagreements:
            out += ["No disagreements.", ""]
        for d in t.disagreements:
            a, b = d.left, d.right
            out.append(
                f"- **{a.pack} {a.clause}** {_status(a)} — *{d.relation}* — **{b.pack} {b.clause}** {_status(b)}: {_cell(d.rule)}"
            )
            for v in (a, b):
                out.append(f"  - {v.pack} {v.clause}: {_cell('; '.join(v.reasons[:detail]) or v.status)}")
            if d.shared_evidence:
                out.append(f"  - same evidence: {_cell(_clip(d.shared_evidence, detail))}")
        if t.disagreements:
            out.append("")
    packs = [p.pack.id for p in c.packs]
    out += ["## Evidence reuse", "", "| evidence type | present | " + " | ".join(packs) + " |", "|---|---|" + "---|" * len(packs)]
    for r in c.evidence_reuse[:rows]:
        by_pack = {s.pack: s.summary for s in r.stakes}
        out.append(f"| `{r.type}` | {r.items_present} | " + " | ".join(_cell(by_pack.get(p, "")) for p in packs) + " |")
    if len(c.evidence_reuse) > rows:
        out.append(f"\n… {len(c.evidence_reuse) - rows} more evidence types in the JSON output.")
    out += ["", "## Actions that move several standards", ""]
    out += [
        f"{a.step}. {_cell(a.title)} — " + "; ".join(f"{g.pack}: {_cell(g.summary)}" for g in a.gains) for a in c.shared_actions
    ]
    if not c.shared_actions:
        out.append("None: no step of the plan moves more than one standard.")
    return "\n".join(out) + "\n"
