"""Frozen dataclasses made without compiling code: :func:`record`.

``@dataclass(frozen=True)`` writes each method of the class (``__init__``, the frozen
``__setattr__`` and ``__delattr__``, ``__eq__``, ``__hash__``, ``__repr__``, the comparisons) as
source text and compiles it when the class is defined. Compiling is nearly all of what defining a
dataclass costs (about half a millisecond a class), and every command pays it for every class it
imports: a few dozen before ``ccom-rules demo`` has read a file.

``@record`` is ``@dataclass(frozen=True)`` (``@record(order=True)``: with ``order=True``) with the
same fields, defaults, ``field()`` options, ``__post_init__``, ``replace``, ``fields``, ``asdict``,
pickling and copying, and the same behaviour of every method; the methods are shared functions
made from the class's fields instead of compiled text. ``dataclass`` itself only collects the
fields (``init``, ``eq`` and ``repr`` off, not frozen: nothing compiled). ``__init__`` fills the
instance's ``__dict__`` in one step: a little slower per call than a compiled one, which matters
for none of these classes (none is made more than a few hundred times per evaluation or plan).
A test compares every record class with a plain ``dataclass(frozen=True)`` of the same fields.
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING or sys.version_info < (3, 11):
    from typing_extensions import dataclass_transform
else:
    from typing import dataclass_transform

T = TypeVar("T")

RECORDS: list[type] = []
"""Every class made with :func:`record` (the test checks each)."""

_MISSING = dataclasses.MISSING
_OWN = ("__init__", "__setattr__", "__delattr__", "__eq__", "__hash__", "__repr__", "__lt__", "__le__", "__gt__", "__ge__")


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the tuple of an object's attributes ``names`` (``dataclass``'s tuples)."""
    if len(names) > 1:
        many: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
        return many
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _initialiser(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """``cls.__init__``: the arguments by position or name, in field order, then the defaults."""
    qualname = f"{cls.__qualname__}.__init__"
    names = tuple(f.name for f in fields if f.init)
    known = frozenset(names)
    count = len(names)
    # Every field in declaration order: (name, taken from the arguments, default, default factory).
    order = tuple((f.name, f.init, f.default, f.default_factory) for f in fields)
    # The common calls, made without a loop over the fields: ``rest[n]``, when the fields after
    # the first n arguments all have plain defaults, holds those defaults (in field order); the
    # fields __init__ does not take come last (``later``, each made anew by its default or factory).
    taken = [f for f in fields if f.init]
    later = tuple((f.name, f.default, f.default_factory) for f in fields if not f.init)
    later_last = all(not f.init for f in fields[count:])
    rest: list[dict[str, Any] | None] = [
        {f.name: f.default for f in taken[n:]} if later_last and all(f.default is not _MISSING for f in taken[n:]) else None
        for n in range(count + 1)
    ]
    post_init = getattr(cls, "__post_init__", None) is not None

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > count:
            raise TypeError(f"{qualname}() takes {count + 1} positional arguments but {len(args) + 1} were given")
        given = dict(zip(names, args))
        for key in kwargs:
            if key in given:
                raise TypeError(f"{qualname}() got multiple values for argument {key!r}")
            if key not in known:
                raise TypeError(f"{qualname}() got an unexpected keyword argument {key!r}")
        given.update(kwargs)
        values: dict[str, Any] = {}
        missing = []
        for name, init, default, factory in order:
            if init and name in given:
                values[name] = given[name]
            elif default is not _MISSING:
                values[name] = default
            elif factory is not _MISSING:
                values[name] = factory()
            elif init:
                missing.append(name)
        if missing:
            listed = " and ".join(", ".join(repr(m) for m in missing).rsplit(", ", 1))
            raise TypeError(f"{qualname}() missing {len(missing)} required argument{'s' * (len(missing) > 1)}: {listed}")
        return values

    def common(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        """The values of a common call (every argument by name, or arguments by position with the
        rest defaulted), without a loop over the fields; None for any other call."""
        if kwargs:
            if args or not later_last or kwargs.keys() != known:
                return None
            values = {name: kwargs[name] for name in names}  # in field order
        else:
            defaults = rest[len(args)] if len(args) <= count else None
            if defaults is None:
                return None
            values = dict(zip(names, args))
            values.update(defaults)
        for name, default, factory in later:
            values[name] = default if factory is _MISSING else factory()
        return values

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        values = common(args, kwargs)
        self.__dict__.update(bind(args, kwargs) if values is None else values)
        if post_init:
            self.__post_init__()

    __init__.__qualname__ = qualname
    return __init__


def _frozen(cls: type, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    """The frozen ``__setattr__`` and ``__delattr__`` that ``dataclass(frozen=True)`` writes."""
    owner: Any = cls  # a subclass may set attributes that are not fields, through the next class

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is owner or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is owner or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    return __setattr__, __delattr__


def _ordering(compare: Callable[[Any], tuple[Any, ...]]) -> dict[str, Callable[[Any, Any], Any]]:
    """``__lt__``, ``__le__``, ``__gt__``, ``__ge__`` of ``dataclass(order=True)``."""

    def __lt__(self: Any, other: Any) -> Any:
        return compare(self) < compare(other) if other.__class__ is self.__class__ else NotImplemented

    def __le__(self: Any, other: Any) -> Any:
        return compare(self) <= compare(other) if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self: Any, other: Any) -> Any:
        return compare(self) > compare(other) if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self: Any, other: Any) -> Any:
        return compare(self) >= compare(other) if other.__class__ is self.__class__ else NotImplemented

    return {"__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__}


def _make(cls: type[T], order: bool) -> type[T]:
    if "__dataclass_fields__" in cls.__dict__ or set(_OWN) & cls.__dict__.keys():
        raise TypeError(f"{cls.__qualname__}: @record makes the class's dataclass methods itself")
    if not cls.__doc__:  # dataclass would write one from the signature, which needs the tokenizer
        annotations = cls.__dict__.get("__annotations__", {})
        fields_text = ", ".join(f"{name}: {inspect.formatannotation(kind)}" for name, kind in annotations.items())
        cls.__doc__ = f"{cls.__name__}({fields_text})"
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
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

    @reprlib.recursive_repr()  # "..." inside itself
    def __repr__(self: Any) -> str:
        name: str = self.__class__.__qualname__
        return name + "(" + ", ".join(f"{field}={getattr(self, field)!r}" for field in shown) + ")"

    setattr_, delattr_ = _frozen(cls, frozenset(f.name for f in fields))
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _initialiser(cls, fields),
        "__setattr__": setattr_,
        "__delattr__": delattr_,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__repr__": __repr__,
    }
    if order:
        methods.update(_ordering(compare))
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        type.__setattr__(cls, name, method)
    RECORDS.append(cls)
    return cls


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[T] | None = None, /, *, order: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=True)`` (``order``: with ``order=True``) without compiling anything."""
    if cls is None:
        return lambda c: _make(c, order)
    return _make(cls, order)
