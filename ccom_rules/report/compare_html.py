"""A comparison as one self-contained HTML page (jinja2, autoescaped: manifest text is shown as
text, never as markup)."""

from __future__ import annotations

from importlib.resources import files

from ..crosswalk.result import Comparison
from .compare_text import WORDS

TEMPLATE = "compare.html.j2"


def render(c: Comparison, detail: int = 3, rows: int = 25) -> str:
    """The page."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    template = env.from_string(files("ccom_rules").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    return template.render(c=c, words={"met": "met", **WORDS}, detail=detail, rows=rows)
