"""The gap subgraph drawn as Graphviz DOT or Mermaid."""

from __future__ import annotations

import networkx as nx

from .subjects import Analysis

_FILL = {"not_met": "#f8d0d0", "partially_met": "#fbe7c2", "not_assessed": "#e0e0e0", "met": "#d5f0d5"}


def _label(data: dict[str, object]) -> str:
    if data["kind"] == "evidence":
        return f"{data['title_en']}\n[{data['id']}]"
    status = str(data.get("status") or "").replace("_", " ")
    return f"{data['pack']} {data['id']}\n{data['title_en']}\n({status})"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.DiGraph[str]) -> str:
    """DOT text: clauses as boxes coloured by status, evidence types as notes."""
    names = {n: f"n{i}" for i, n in enumerate(sorted(graph.nodes))}
    lines = ["digraph gaps {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        if data["kind"] == "evidence":
            style = 'shape=note, style=filled, fillcolor="#dde8f8"'
        else:
            style = f'shape=box, style="rounded,filled", fillcolor="{_FILL.get(str(data.get("status")), "#ffffff")}"'
        lines.append(f"  {names[node]} [label={_dot_quote(_label(data))}, {style}];")
    for a, b, data in sorted(graph.edges(data=True)):
        style = {"requires": "solid", "needs": "dashed", "part_of": "dotted"}[data["kind"]]
        lines.append(f"  {names[a]} -> {names[b]} [label={_dot_quote(data['kind'])}, style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_CODES = str.maketrans({"#": "#35;", '"': "#quot;", "&": "#38;", "<": "#60;", ">": "#62;"})
"""Mermaid's entity codes for the characters that would end a label or be read as markup inside it
(labels are drawn as HTML): a title is shown as written, never as a tag."""


def _mermaid_quote(text: str) -> str:
    return '"' + text.translate(_MERMAID_CODES).replace("\n", "<br/>") + '"'


def to_mermaid(graph: nx.DiGraph[str]) -> str:
    """Mermaid flowchart text of the same drawing."""
    names = {n: f"n{i}" for i, n in enumerate(sorted(graph.nodes))}
    lines = ["flowchart LR"]
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        label = _mermaid_quote(_label(data))
        lines.append(f"  {names[node]}>{label}]" if data["kind"] == "evidence" else f"  {names[node]}({label})")
        if data["kind"] != "evidence":
            lines.append(f"  style {names[node]} fill:{_FILL.get(str(data.get('status')), '#ffffff')}")
    for a, b, data in sorted(graph.edges(data=True)):
        arrow = {"requires": "-->", "needs": "-.->", "part_of": "-->"}[data["kind"]]
        lines.append(f"  {names[a]} {arrow}|{data['kind']}| {names[b]}")
    return "\n".join(lines) + "\n"


def render_dot(subject: Analysis) -> str:
    """The gap subgraph of ``gaps`` as DOT."""
    return to_dot(subject.drawing)


def render_mermaid(subject: Analysis) -> str:
    """The gap subgraph of ``gaps`` as Mermaid."""
    return to_mermaid(subject.drawing)
