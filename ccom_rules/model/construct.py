"""Model instances from values that are already valid, without validating them again.

The engine builds its results from its own statuses and from texts and ids taken from checked
packs: validating them again would only cost time. The JSON of a constructed model is the JSON of
the same model validated, byte for byte (the golden tests hold this).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_BUILDERS: dict[type[BaseModel], Callable[[dict[str, Any]], Any]] = {}
_FIELDS_SETS: dict[tuple[str, ...], set[str]] = {}


def fields_set(values: Iterable[str]) -> set[str]:
    """The names given (a dict's keys), as a model's ``__pydantic_fields_set__``: one set shared by every
    instance given the same names (a frozen model never changes it; pydantic copies it before
    updating a copy's)."""
    names = tuple(values)
    found = _FIELDS_SETS.get(names)
    if found is None:
        found = _FIELDS_SETS[names] = set(names)
    return found


def bare(cls: type[M], data: dict[str, Any], given: set[str]) -> M:
    """An instance of ``cls`` whose ``__dict__`` is ``data``: every field, in declaration order,
    with valid values (the caller vouches), ``given`` the names set (see :func:`fields_set`)."""
    obj: M = new(cls)
    set_dict(obj, data)
    set_fields_set(obj, given)
    set_extra(obj, None)
    set_private(obj, None)
    return obj


# BaseModel's own slot setters, called directly: ``object.__setattr__`` would look each name up
# along the model class's bases first (a few hundred checkpoint and clause results per evaluation).
# The engine's hottest loop calls them inline, as :func:`bare` does.
new = object.__new__
set_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def builder(cls: type[M]) -> Callable[[dict[str, Any]], M]:
    """A function making instances of ``cls`` from valid values (see :func:`construct`)."""
    template: dict[str, Any] = {}
    floats = []
    for name, info in cls.model_fields.items():
        # Every field in declaration order, the serialiser's order; a required one is always given.
        template[name] = None if info.is_required() else info.get_default(call_default_factory=True)
        if info.annotation in (float, float | None):
            floats.append(name)

    def build(values: dict[str, Any]) -> M:
        data = template.copy()
        data.update(values)  # keys keep the template's (declaration) order
        for name in floats:
            if type(data[name]) is int:
                data[name] = float(data[name])
        return bare(cls, data, fields_set(values))

    return build


def construct(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` from values that are already valid, without validating them.

    Defaults fill the fields not given, and an ``int`` given for a ``float`` field becomes a
    float, as validation would make it (so the JSON is the same). Only for the engine's own
    results: the caller vouches for every value.
    """
    build = _BUILDERS.get(cls)
    if build is None:
        build = _BUILDERS[cls] = builder(cls)
    made: M = build(values)
    return made
