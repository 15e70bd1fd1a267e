"""The table of output formats: which command offers which ``--format``, and who renders it.

Each row of :data:`FORMATS` is a :class:`Format`: a format name, the commands that offer it, and
a renderer named as ``"module:function"`` (relative to ``ccom_rules.report``), imported only when
that format is chosen, so ``ccom-rules --help`` never imports jinja2 or networkx. The same name
may appear in several rows when commands render it differently (``text`` for ``evaluate`` and
for ``gaps``); a (command, name) pair appears at most once.

A renderer takes the command's subject and returns ``str`` (text, written as UTF-8) or ``bytes``
(``binary=True``). Renderers never compute: they format what the engine, the scoring models and
the planner already decided. The subjects, from :mod:`ccom_rules.report.subjects`:

=============  ==========================================================================
command        subject
=============  ==========================================================================
evaluate       :class:`~ccom_rules.report.subjects.Evaluation` (packs, manifest, result)
demo           :class:`~ccom_rules.report.subjects.Evaluation`
gaps           :class:`~ccom_rules.report.subjects.Analysis` (packs, result, gaps, plan)
report         :class:`~ccom_rules.report.subjects.Analysis`
packs show     :class:`~ccom_rules.model.pack.ClausePack`
packs diff     :class:`~ccom_rules.packdiff.PackDiff`
compare        :class:`~ccom_rules.report.subjects.Compared` (a comparison, its packs, the language)
=============  ==========================================================================

Adding a format is one module and one row: write ``ccom_rules/report/sarif.py`` with
``def render(subject: Evaluation) -> str``, then add
``Format("sarif", ("evaluate",), "sarif:render", suffix=".sarif")`` below. The CLI reads its
``--format`` choices from this table (:func:`formats_for`) and renders through :func:`render`.
A new command (``compare``) names itself in its rows' ``commands`` and passes its own subject.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, cast

from ..records import record

Renderer = Callable[[Any], "str | bytes"]


@record
class Format:
    """One output format of one or more commands."""

    name: str
    commands: tuple[str, ...]
    renderer: str
    """``"module:function"``, the module relative to ``ccom_rules.report``."""
    binary: bool = False
    """The renderer returns bytes (e.g. a spreadsheet) rather than text."""
    suffix: str = ".txt"
    """A file name suffix for ``--out`` files of this format."""
    description: str = ""

    def load(self) -> Renderer:
        """The renderer function, imported on first use."""
        module, _, function = self.renderer.partition(":")
        return cast(Renderer, getattr(import_module(f"ccom_rules.report.{module}"), function))


FORMATS: tuple[Format, ...] = (
    Format("text", ("evaluate",), "text:render_evaluation", description="a readable summary per pack"),
    Format("text", ("demo",), "text:render_demo", description="the sample organisation's summary"),
    Format("json", ("evaluate", "demo"), "json:render_evaluation", suffix=".json", description="the full result"),
    Format(
        "md",
        ("evaluate",),
        "md:render_evaluation",
        suffix=".md",
        description="Markdown for a pull-request comment or a wiki page",
    ),
    Format("text", ("gaps",), "gaps_text:render", description="root causes, evidence gaps and the plan"),
    Format("json", ("gaps",), "json:render_analysis", suffix=".json", description="gap report and plan"),
    Format("dot", ("gaps",), "graphs:render_dot", suffix=".dot", description="the gap subgraph in Graphviz DOT"),
    Format("mermaid", ("gaps",), "graphs:render_mermaid", suffix=".mmd", description="the gap subgraph in Mermaid"),
    Format("md", ("gaps",), "md:render_analysis", suffix=".md", description="Markdown for a pull-request comment or a wiki page"),
    Format("html", ("report",), "html:render_analysis", suffix=".html", description="a self-contained page for the client"),
    Format("xlsx", ("export",), "xlsx:render", binary=True, suffix=".xlsx", description="gap register and assessor worksheet"),
    Format("text", ("packs show",), "pack_text:render", description="the pack's scoring model and clause tree"),
    Format("json", ("packs show",), "json:render", suffix=".json", description="the resolved pack"),
    Format("text", ("packs diff",), "packdiff_text:render", description="changes, changed outcomes, the version verdict"),
    Format("json", ("packs diff",), "json:render", suffix=".json", description="the same, as data"),
    Format(
        "sarif", ("validate", "evaluate", "gaps"), "sarif:render", suffix=".sarif", description="annotations for code scanning"
    ),
    Format("junit", ("evaluate",), "junit:render", suffix=".xml", description="a test suite per pack, a test case per clause"),
    Format("md", ("checklist",), "checklist:render_md", suffix=".md", description="a section per evidence type"),
    Format("csv", ("checklist",), "checklist:render_csv", suffix=".csv", description="a row per evidence type, pack and demand"),
    Format("json", ("checklist",), "checklist:render_json", suffix=".json", description="the checklist model"),
    Format("text", ("compare",), "compare_text:render", description="themes side by side, evidence reuse, shared actions"),
    Format("json", ("compare",), "json:render_comparison", suffix=".json", description="the full comparison"),
    Format("md", ("compare",), "compare_text:render_markdown", suffix=".md", description="the comparison in Markdown"),
    Format("html", ("compare",), "compare_html:render", suffix=".html", description="the comparison as one page"),
    Format("json", ("batch",), "batch:render_json", suffix=".json", description="one summary row per manifest"),
    Format("csv", ("batch",), "batch:render_csv", suffix=".csv", description="one summary line per manifest"),
)


def _check_unique() -> None:
    seen: set[tuple[str, str]] = set()
    for row in FORMATS:
        for command in row.commands:
            key = (command, row.name)
            if key in seen:
                raise AssertionError(f"format {row.name!r} is listed twice for {command!r}")
            seen.add(key)


_check_unique()


def formats_for(command: str) -> list[str]:
    """The format names ``command`` offers, in table order (the first is the default)."""
    return [row.name for row in FORMATS if command in row.commands]


def format_for(command: str, name: str) -> Format:
    """The row for ``name`` in ``command``; ``KeyError`` naming the offered formats if none."""
    for row in FORMATS:
        if row.name == name and command in row.commands:
            return row
    raise KeyError(f"{command} has no format {name!r}; choose from {', '.join(formats_for(command))}")


def render(command: str, name: str, subject: object) -> str | bytes:
    """``subject`` rendered in format ``name`` of ``command``."""
    return format_for(command, name).load()(subject)
