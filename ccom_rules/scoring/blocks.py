"""What a scoring model gives the reports to show of an outcome, as data in no output's syntax:
blocks of its Markdown section, and the figure of the HTML report.

:meth:`~ccom_rules.scoring.base.ScoringModel.blocks` returns a list of blocks for the outcome's
section of ``--format md``: a :class:`Table`, a :class:`Line`, a :class:`Bullets` list or
:class:`Verbatim` lines. The renderer (:mod:`ccom_rules.report.md`) says each text in the reader's
language(s) and escapes it; a model never writes Markdown.

A cell, a line or a list item is one part or a tuple of parts, shown separated by spaces. A part
is a text (a message, a :class:`~ccom_rules.model.common.Text`, or any other string: data shown
as it is), an emphasised id (:class:`Strong`), ids as code separated by commas (:class:`Ids`),
or texts one under the other (:class:`Stacked`).

:meth:`~ccom_rules.scoring.base.ScoringModel.chart` returns a :class:`Figure`: SVG drawn with the
functions of :mod:`ccom_rules.report.charts`, its caption and its legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from ..model.common import Text
from ..records import record


@record
class Strong:
    """An id shown emphasised (the clause leading a row)."""

    id: str


@record
class Ids:
    """Ids (of clauses) shown as code, separated by commas."""

    ids: tuple[str, ...]


@record
class Stacked:
    """Texts one under the other in one cell (reasons)."""

    texts: tuple[str | Text, ...]


Part: TypeAlias = "str | Text | Strong | Ids | Stacked"
Parts: TypeAlias = "Part | tuple[Part, ...]"


@record
class Table:
    """A table: header cells (messages) and rows of cells. With ``more`` (a message id taking
    ``count``), the rows past the first few fold under that message."""

    header: tuple[str | Text, ...]
    rows: tuple[tuple[Parts, ...], ...]
    more: str = ""


@record
class Line:
    """A paragraph of one line."""

    parts: Parts


@record
class Bullets:
    """A heading (shown followed by a colon) and a bulleted list under it."""

    heading: str | Text
    items: tuple[Parts, ...]


@record
class Verbatim:
    """Lines shown as they are (English), in a code block."""

    lines: tuple[str, ...]


Block: TypeAlias = "Table | Line | Bullets | Verbatim"


@record
class Figure:
    """A chart of the outcome: SVG markup (every text in it already escaped), its caption and its
    legend (messages; no legend when empty)."""

    svg: str
    caption: str | Text
    legend: str | Text = ""


def first_reasons(reasons: Sequence[str], shown: int = 3) -> Parts:
    """The first ``shown`` reasons one under the other, and an ellipsis when there are more."""
    first = Stacked(tuple(reasons[:shown]))
    return (first, "…") if len(reasons) > shown else first
