"""Every word a reader sees, in English and Chinese.

Messages are templates with ids, one catalogue per language (``en.yaml``, ``zh.yaml`` beside this
module, read on first use). ``t(msg_id, lang, **params)`` formats one. A reason made with
:class:`Msg` *is* its English text (a ``str``: results, JSON and comparisons see exactly that text)
and also carries its id and parameters, so a renderer can say it again in Chinese with :func:`say`.

Parameters may be plain values, nested :class:`Msg` (said in the same language), tuples of them
(joined with the language's list separator) or :class:`EvidenceType` ids, which a renderer given
the packs' titles shows by title, while the English text kept in results names the id.
"""

from __future__ import annotations

import os
import string
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Annotated, Any, Literal

from pydantic import WrapValidator

from ..model.common import Text
from ..model.construct import construct

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
LangChoice = Literal["en", "zh", "both"]
LANG_CHOICES: tuple[str, ...] = ("en", "zh", "both")

Titles = Callable[[str], "Text | None"]
"""Looks up an evidence type's title by id (None when unknown)."""


@cache
def catalogue(lang: Lang) -> Mapping[str, str]:
    """The message templates of ``lang`` by id; raises ``KeyError`` for an unknown language.

    Read on first use in a process: from the cache folder when the catalogue file's content was
    read before (JSON, keyed by its sha256; ``ccom_rules.cachedir``), else parsed from its YAML."""
    from ..cachedir import derived

    if lang not in LANGS:
        raise KeyError(lang)
    name = f"{lang}.yaml"
    try:  # beside this module (as the packs are); through importlib.resources when that fails (a zip)
        with open(os.path.join(os.path.dirname(__file__), name), "rb") as fh:
            raw = fh.read()
    except OSError:
        raw = files(__name__).joinpath(name).read_bytes()
    return derived(f"catalogue-{lang}", raw, lambda: _parse_catalogue(raw), _is_catalogue)


def _parse_catalogue(raw: bytes) -> dict[str, str]:
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {str(k): str(v) for k, v in data.items()}


def _is_catalogue(data: Any) -> bool:
    return isinstance(data, dict) and all(type(k) is str and type(v) is str for k, v in data.items())


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class EvidenceType(str):
    """An evidence type id used as a message parameter: shown by its title when titles are known."""

    __slots__ = ()


class Msg(str):
    """A message: its English text as a ``str``, with the id and parameters to say it in any language.

    ``Msg("present.ok", count=2, type=EvidenceType("drill_record"), min=2) == "2 × drill_record (needs 2)"``.

    Messages are immutable, and an evaluation makes hundreds of them, most said before: one with
    the same id and the same parameters (of the same types) is the one already made.
    """

    msg_id: str
    params: Mapping[str, Any]
    _key: tuple[Any, ...] | None

    def __new__(cls, msg_id: str, /, **params: Any) -> Msg:
        kinds = tuple(map(type, params.values()))
        if cls is Msg and _PLAIN.issuperset(kinds):  # the common case (``_memo_key``'s), in one step
            plain = (msg_id, kinds, *params.items())
            known = _MADE.get(plain)
            if known is not None:
                return known
            key: tuple[Any, ...] | None = plain
            text = catalogue("en")[msg_id].format_map(params)  # neither a tuple nor a Text to say
        else:
            key = _memo_key(msg_id, params) if cls is Msg else None
            if key is not None:
                known = _MADE.get(key)
                if known is not None:
                    return known
            # A nested Msg or an EvidenceType already is its English text: only tuples and Text
            # need saying, so most messages format straight from their parameters.
            if any(type(v) is tuple or isinstance(v, Text) for v in params.values()):
                text = _format(msg_id, "en", params, None)
            else:
                text = catalogue("en")[msg_id].format_map(params)
        self = super().__new__(cls, text)
        self.msg_id = msg_id
        self.params = params
        self._key = key
        if key is not None:
            if len(_MADE) >= _MADE_MAX:
                _MADE.clear()  # a bound for long runs over many manifests; the next ones are made again
            _MADE[key] = self
        return self

    def __reduce_ex__(self, protocol: Any) -> Any:  # copy and pickle rebuild it from its id and parameters
        return (_rebuild, (self.msg_id, dict(self.params)))


_MADE: dict[tuple[Any, ...], Msg] = {}
_MADE_MAX = 50_000
_PLAIN: frozenset[type] = frozenset({str, int, bool, date, EvidenceType, type(None)})
"""Parameter types whose equal values always read the same (a float does not: 0.0 and -0.0)."""
_PLAIN_OR_MSG: frozenset[type] = _PLAIN | {Msg}


def _memo_key(msg_id: str, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What makes a message with these parameters the same as another: the id, and each
    parameter's name, type and value (a nested message by its own key, a :class:`Text` by
    identity, as the message made keeps it alive); None when a parameter is of another kind."""
    kinds = tuple(map(type, params.values()))
    if _PLAIN.issuperset(kinds):  # the common case, in one step
        return (msg_id, kinds, *params.items())
    if _PLAIN_OR_MSG.issuperset(kinds):  # nested messages by their own keys
        inner = [value._key if type(value) is Msg else value for value in params.values()]
        if None in inner and any(type(v) is Msg and v._key is None for v in params.values()):
            return None
        return (msg_id, kinds, *zip(params, inner))
    key: list[Any] = [msg_id]
    for name, value in params.items():
        kind = type(value)
        if kind in _PLAIN:
            key += (name, kind, value)
        elif kind is Msg:
            inner = value._key
            if inner is None:
                return None
            key += (name, inner)
        elif kind is float:
            key += (name, kind, value.hex())
        elif kind is Text:
            key += (name, kind, id(value))
        else:
            return None
    return tuple(key)


def reasons(msg_id: str, names: tuple[str, ...], /, **fixed: Any) -> Callable[..., tuple[Msg]]:
    """A maker of reasons saying message ``msg_id`` with parameters ``fixed`` and ``names`` given
    by position: ``make(*values)`` is ``(Msg(msg_id, **fixed, **dict(zip(names, values))),)``, the
    one already made when ``values`` were given before (keyed by the values alone, so a predicate
    saying the same thing each evaluation finds it in one lookup, and its outcome carries it as
    it is).

    The caller vouches that each position always gets values of one type whose equal values read
    the same: ``int``, ``str``, ``date``, an :class:`EvidenceType` or a message; never a ``float``
    (``0.0`` and ``-0.0`` are equal but read apart) nor a mix (``1`` and ``True``).
    """
    made: dict[tuple[Any, ...], tuple[Msg]] = {}

    def make(*values: Any) -> tuple[Msg]:
        found = made.get(values)
        if found is None:
            if len(made) >= _MAKER_MAX:
                made.clear()  # a bound for long runs over many manifests
            found = made[values] = (Msg(msg_id, **fixed, **dict(zip(names, values))),)
        return found

    return make


_MAKER_MAX = 4_096


def _rebuild(msg_id: str, params: dict[str, Any]) -> Msg:
    return Msg(msg_id, **params)


def _param(value: Any, lang: Lang, titles: Titles | None) -> Any:
    if isinstance(value, Msg):
        return _format(value.msg_id, lang, value.params, titles)
    if isinstance(value, EvidenceType):
        title = titles(value) if titles is not None else None
        return str(value) if title is None else getattr(title, lang)
    if isinstance(value, tuple):
        return catalogue(lang)["list.sep"].join(str(_param(v, lang, titles)) for v in value)
    if isinstance(value, Text):
        return getattr(value, lang)
    return value


def _format(msg_id: str, lang: Lang, params: Mapping[str, Any], titles: Titles | None) -> str:
    template = catalogue(lang)[msg_id]
    return template.format(**{k: _param(v, lang, titles) for k, v in params.items()})


def t(msg_id: str, lang: Lang = "en", /, **params: Any) -> str:
    """Message ``msg_id`` in ``lang`` with ``params`` filled in; raises ``KeyError`` for an unknown id."""
    return _format(msg_id, lang, params, None)


def say(text: str | Text, lang: Lang, titles: Titles | None = None) -> str:
    """``text`` in ``lang``: a :class:`Msg` is formatted from its template (evidence types by title
    when ``titles`` is given); a :class:`Text` gives its ``lang`` side; any other string is data
    (a name, a note from a manifest) and is returned as it is."""
    if isinstance(text, Msg):
        return _format(text.msg_id, lang, text.params, titles)
    if isinstance(text, Text):
        return str(getattr(text, lang))
    return str(text)


def _keep_msg(value: Any, handler: Callable[[Any], Any]) -> Any:
    return value if isinstance(value, Msg) else handler(value)


Reason = Annotated[str, WrapValidator(_keep_msg)]
"""A reason in a result: a string in JSON and in the schema; a :class:`Msg` made by the engine keeps
its id and parameters through validation."""


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def padded(text: Text, width: int) -> Text:
    """``text`` in each language, padded with spaces to ``width`` columns (by display width, so
    Chinese titles line up in a terminal as English ones do)."""
    en, zh = text.en + " " * max(0, width - columns(text.en)), text.zh + " " * max(0, width - columns(text.zh))
    return construct(Text, {"en": en, "zh": zh})  # padded valid texts are valid


def langs_of(choice: str) -> tuple[Lang, ...]:
    """The languages a ``--lang`` choice shows, in order: ``both`` is English then Chinese."""
    if choice == "both":
        return LANGS
    if choice in LANGS:
        return (choice,)
    raise ValueError(f"unknown language {choice!r}; choose one of {', '.join(LANG_CHOICES)}")


__all__ = [
    "LANGS",
    "LANG_CHOICES",
    "EvidenceType",
    "Lang",
    "LangChoice",
    "Msg",
    "Reason",
    "Titles",
    "catalogue",
    "langs_of",
    "placeholders",
    "reasons",
    "say",
    "t",
]
