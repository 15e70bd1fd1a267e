"""A comparison as one self-contained HTML page in the reader's language(s) (jinja2, autoescaped:
manifest text is shown as text, never as markup)."""

from __future__ import annotations

from importlib.resources import files

from ..crosswalk.result import Comparison
from ..i18n import Msg
from ..model.gaps import ThemeReach
from .compare_text import MARK, opened, status, type_title, why
from .html import HtmlWords
from .subjects import Compared

TEMPLATE = "compare.html.j2"


def render(subject: Compared | Comparison, detail: int = 3, rows: int = 25) -> str:
    """The page."""
    from jinja2 import Environment, StrictUndefined

    c, speaker = opened(subject)
    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    html = HtmlWords(speaker)

    def where(reach: ThemeReach) -> str:
        return "; ".join(f"{p} {', '.join(cs)}" for p, cs in reach.clauses.items())

    env.globals.update(
        w=html.w, r=html.r, plain=html.plain, msg=Msg, status=status, why=why, type_title=type_title, mark=MARK, where=where
    )
    template = env.from_string(files("ccom_rules").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    return template.render(c=c, detail=detail, rows=rows, html_lang="zh" if speaker.choice == "zh" else "en")
