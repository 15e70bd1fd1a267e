"""Pydantic validation errors turned into located problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem, sort_problems
from .ranges import number_problems
from .yamlsource import DocPath, Document

M = TypeVar("M", bound=BaseModel)

_TAG_KEYS = ("kind", "model")


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[DocPath, bool]:
    """Map a pydantic ``loc`` onto the document, skipping union tags.

    Returns the path and whether its last element was found in the data.
    """
    path: list[str | int] = []
    node = data
    tag_skipped = False
    for part in loc:
        if isinstance(node, dict):
            if not tag_skipped and isinstance(part, str) and any(node.get(k) == part for k in _TAG_KEYS):
                tag_skipped = True
                continue
            if part in node:
                path.append(part)
                node = node[part]
                tag_skipped = False
                continue
            path.append(part)
            return tuple(path), False
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
            tag_skipped = False
            continue
        if isinstance(part, str) and not path:
            continue
        # a union member name or a validator label: not a place in the document
        continue
    return tuple(path), True


def _field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for f in model.model_fields.values():
        for arg in _types_in(f.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _field_names(arg, seen)
    return names


def _types_in(annotation: Any) -> list[Any]:
    out = [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _types_in(arg)
    for arg in getattr(annotation, "__metadata__", ()) or ():
        out += _types_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None:
        out.append(origin)
    return out


def _describe(err: Any, found: Any) -> tuple[str, str]:
    kind = err["type"]
    if kind == "missing":
        return "E005", f"missing field {err['loc'][-1]!r}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        return (
            "E004",
            f"unknown {ctx.get('discriminator', 'kind').strip(chr(39))} {ctx.get('tag')!r}: expected one of {ctx.get('expected_tags')}",
        )
    if kind == "union_tag_not_found":
        ctx = err.get("ctx", {})
        return "E005", f"missing field {ctx.get('discriminator', 'kind').strip(chr(39))!r}"
    message = err["msg"].removeprefix("Value error, ")
    if kind in ("string_type", "string_pattern_mismatch") and isinstance(found, (int, float)) and not isinstance(found, bool):
        message += f"; write it in quotes: '{found}'"
    return "E004", message


def _scoring_models() -> dict[str, set[str]]:
    """Each scoring model's name and every key its parameters may hold (nested ones included)."""
    from .scoring import MODELS

    return {name: _field_names(model) for name, model in MODELS.items()}


def _unknown_key(key: str, known: list[str], data: Any, path: DocPath) -> str:
    """The E003 message: a close match as a hint; a key that is valid elsewhere says where."""
    if key in known:  # a real key, in the wrong place
        if "scoring" in path:
            scoring = data.get("scoring") if isinstance(data, dict) else None
            used = scoring.get("model") if isinstance(scoring, dict) else None
            owners = sorted(name for name, keys in _scoring_models().items() if key in keys and name != used)
            if owners:
                return (
                    f"unknown key {key!r} for the {used} scoring model; it belongs to the "
                    f"{' and '.join(owners)} model{'s' if len(owners) > 1 else ''}"
                )
        return f"unknown key {key!r}: it is not allowed here"
    import difflib  # only when a hint is needed

    close = difflib.get_close_matches(key, known, n=1)
    return f"unknown key {key!r}" + (f"; did you mean {close[0]!r}?" if close else "")


def validate(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` as ``model``; every error becomes a located problem. A number out of
    range anywhere in the document (``ranges.out_of_range``) is an error too."""
    found = doc.numbers if doc.numbers is not None else number_problems(doc.data)
    numbers = [doc.problem(path, "E004", why) for path, why in found]
    try:
        valid = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, _problems(model, doc, exc, numbers)
    return (None, sort_problems(numbers)) if numbers else (valid, [])


HINTED_KEYS = 100
"""Unknown keys that get a "did you mean" suggestion; beyond these, the cost of searching for one
per key would grow with a hostile file, so the rest are reported without."""


def _problems(model: type[M], doc: Document, exc: ValidationError, numbers: list[Problem]) -> list[Problem]:
    """The problems of a failed validation, after those of out-of-range numbers (one per place)."""
    problems: list[Problem] = list(numbers)
    placed = {(p.line, p.column) for p in numbers}
    known = sorted(_field_names(model))
    hints_left = HINTED_KEYS
    for err in exc.errors():
        path, exists = _data_path(doc.data, tuple(err["loc"]))
        if err["type"] == "extra_forbidden":
            key = str(path[-1]) if path else "?"
            hints_left -= 1
            message = _unknown_key(key, known, doc.data, path) if hints_left >= 0 else f"unknown key {key!r}"
            problems.append(doc.problem(path, "E003", message, key=True))
            continue
        found = err.get("input")
        code, message = _describe(err, found)
        problem = doc.problem(path if exists else path[:-1], code, message)
        if (problem.line, problem.column) not in placed:
            problems.append(problem)
    return sort_problems(set(problems))
