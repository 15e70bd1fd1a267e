"""Frozen dataclasses whose comparison, hash and repr are shared functions instead of compiled code.

``@dataclass(frozen=True)`` writes six methods of each class as source text and compiles them one
by one when the class is defined; compiling is most of what defining a dataclass costs, and every
command pays it for every class it imports (a few dozen before ``ccom-rules demo`` has read a
file). :func:`compared`, applied over ``@dataclass(frozen=True, eq=False, repr=False)``, gives the
class the ``__eq__``, ``__hash__`` and ``__repr__`` that ``dataclass`` would have written (the same
fields compared, hashed and shown, the same results), made from its fields without compiling
anything; ``dataclass`` still writes ``__init__`` and the frozen ``__setattr__``/``__delattr__``.
A test compares every such class with a plain ``dataclass(frozen=True)`` of the same fields.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

COMPARED: list[type] = []
"""Every class made with :func:`compared` (the test checks each)."""


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the tuple of an object's attributes ``names`` (``dataclass``'s tuples)."""
    if len(names) > 1:
        many: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
        return many
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def compared(cls: type[T]) -> type[T]:
    """Add to a ``@dataclass(frozen=True, eq=False, repr=False)`` class the ``__eq__``, ``__hash__``
    and ``__repr__`` of ``@dataclass(frozen=True)``."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or params.eq or params.repr or params.order:
        raise TypeError(f"{cls.__qualname__}: use @compared over @dataclass(frozen=True, eq=False, repr=False)")
    if {"__eq__", "__hash__", "__repr__"} & cls.__dict__.keys():
        raise TypeError(f"{cls.__qualname__} defines __eq__, __hash__ or __repr__ itself: use @dataclass(frozen=True)")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    compare = _values([f.name for f in fields if f.compare])
    hashed = _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
    shown = [f.name for f in fields if f.repr]

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compare(self) == compare(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __repr__(self: Any) -> str:
        name: str = self.__class__.__qualname__
        return name + "(" + ", ".join(f"{field}={getattr(self, field)!r}" for field in shown) + ")"

    methods: dict[str, Callable[..., Any]] = {"__eq__": __eq__, "__hash__": __hash__, "__repr__": __repr__}
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, reprlib.recursive_repr()(method) if name == "__repr__" else method)  # repr: "..." inside itself
    COMPARED.append(cls)
    return cls
