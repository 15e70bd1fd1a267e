"""The evidence checklist as Markdown, CSV or JSON (``ccom-rules checklist``)."""

from __future__ import annotations

import csv
import io

from ..checklist import Ask, Checklist, describe


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _clauses(ask: Ask) -> str:
    return " ".join(ask.clauses)


def render_md(subject: Checklist) -> str:
    """A section per evidence type (then per certificate scheme), a table row per demand."""
    packs = ", ".join(f"{p.id} {p.version}" for p in subject.packs)
    out = [f"# Evidence checklist — {packs}", ""]
    out.append(f"{len(subject.evidence)} evidence types, {len(subject.people)} certificate schemes.")
    for need in subject.evidence:
        out += ["", f"## `{need.type}` — {_cell(need.title)}", "", f"Assessed by: {need.method}.", ""]
        out += ["| pack | what is asked | clauses |", "|---|---|---|"]
        out += [f"| {a.pack} | {_cell(describe(a))} | {_cell(_clauses(a))} |" for a in need.asks]
    for person in subject.people:
        out += ["", f"## Certified people: `{person.scheme}`", ""]
        out += ["| pack | what is asked | clauses |", "|---|---|---|"]
        out += [f"| {a.pack} | {_cell(describe(a))} | {_cell(_clauses(a))} |" for a in person.asks]
    return "\n".join(out) + "\n"


def render_csv(subject: Checklist) -> str:
    """One row per evidence type (or ``people:SCHEME``), pack and demand."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["evidence_type", "title", "pack", "kind", "parameters", "clauses", "checkpoints"])
    for need in subject.evidence:
        for a in need.asks:
            writer.writerow([need.type, need.title, a.pack, a.kind, _params(a), _clauses(a), " ".join(a.checkpoints)])
    for person in subject.people:
        for a in person.asks:
            writer.writerow([f"people:{person.scheme}", "", a.pack, a.kind, _params(a), _clauses(a), " ".join(a.checkpoints)])
    return buffer.getvalue()


def _params(ask: Ask) -> str:
    return "; ".join(f"{k}={v}" for k, v in ask.params.items())


def render_json(subject: Checklist) -> str:
    """The checklist model as indented JSON."""
    return subject.model_dump_json(indent=2) + "\n"
