"""Classes made with ``records.record`` are made, compared, hashed, shown, frozen, ordered, replaced,
pickled and copied exactly as the same class made with ``@dataclass(frozen=True)`` is."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest

import ccom_rules
from ccom_rules.records import RECORDS, record

MODULES = [
    importlib.import_module(m.name)
    for m in pkgutil.walk_packages(ccom_rules.__path__, "ccom_rules.")
    if m.name != "ccom_rules.__main__"
]

ALL = sorted(set(RECORDS), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _reference(cls: type) -> type:
    """``cls``'s fields (names, defaults, init, compare, hash and repr flags) in a plain
    ``@dataclass(frozen=True)`` (with ``order=True`` when ``cls`` orders)."""
    specs = [
        (
            f.name,
            Any,
            dataclasses.field(
                default=f.default,
                default_factory=f.default_factory,
                init=f.init,
                compare=f.compare,
                hash=f.hash,
                repr=f.repr,
            ),
        )
        for f in dataclasses.fields(cls)
    ]
    made = dataclasses.make_dataclass(cls.__name__, specs, frozen=True, order="__lt__" in cls.__dict__)
    made.__qualname__ = cls.__qualname__
    return made


def _bare(cls: type, values: dict[str, Any]) -> Any:
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def _outcome(make: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """What ``make(*args, **kwargs)`` gives: the new object's fields in order, or the kind of error."""
    try:
        made = make(*args, **kwargs)
    except TypeError:
        return TypeError
    return list(vars(made).items())


SAMPLES: list[Any] = [1, "a", (1, "b"), None, 2.5, ("x",)]


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__qualname__)
def test_compared_hashed_and_shown_like_a_frozen_dataclass(cls: type) -> None:
    reference = _reference(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    rows = [{name: SAMPLES[(i + shift) % len(SAMPLES)] for i, name in enumerate(names)} for shift in range(3)]
    rows.append(dict(rows[0]))
    if names:
        rows.append({**rows[0], names[-1]: "changed"})
    ours = [_bare(cls, row) for row in rows]
    theirs = [_bare(reference, row) for row in rows]
    for a, ra in zip(ours, theirs):
        assert repr(a) == repr(ra)
        assert hash(a) == hash(ra)
        for b, rb in zip(ours, theirs):
            assert (a == b) == (ra == rb)
            assert (a != b) == (ra != rb)
        assert (a == object()) is False and a.__eq__(object()) is NotImplemented
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
        ours[0].__setattr__(names[0] if names else "anything", 1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field"):
        ours[0].__delattr__(names[0] if names else "anything")


@pytest.mark.parametrize("cls", [c for c in ALL if not hasattr(c, "__post_init__")], ids=lambda c: c.__qualname__)
def test_made_like_a_frozen_dataclass(cls: type) -> None:
    reference = _reference(cls)
    init = [f.name for f in dataclasses.fields(cls) if f.init]
    values = [SAMPLES[i % len(SAMPLES)] for i in range(len(init))]
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (tuple(values), {}),
        ((), dict(zip(init, values))),
        (tuple(values[:1]), dict(zip(init[1:], values[1:]))),
        (tuple(values[:-1]), {}),  # the last one missing, or its default
        ((), {}),
        ((*values, "extra"), {}),
        (tuple(values), {"unknown": 1}),
        (tuple(values[:1]), dict(zip(init[:1], values[:1]))),  # given twice
    ]
    for args, kwargs in calls:
        assert _outcome(cls, args, kwargs) == _outcome(reference, args, kwargs), (args, kwargs)
    if init:
        made = cls(*values)
        assert dataclasses.replace(made, **{init[0]: "other"}) == cls("other", *values[1:])
        assert pickle.loads(pickle.dumps(made)) == made
        assert copy.copy(made) == made and copy.deepcopy(made) == made


def test_defaults_factories_post_init_and_order() -> None:
    made: list[str] = []

    @record(order=True)
    class Row:
        key: str
        weight: int = 1
        tags: list[str] = dataclasses.field(default_factory=list)
        seen: dict[str, int] = dataclasses.field(default_factory=dict, init=False, compare=False, repr=False)

        def __post_init__(self) -> None:
            made.append(self.key)
            self.seen["n"] = len(self.tags)

    a, b = Row("a", tags=["x", "y"]), Row("b", 0)
    assert list(vars(a).items()) == [("key", "a"), ("weight", 1), ("tags", ["x", "y"]), ("seen", {"n": 2})]
    assert b.tags == [] and b.tags is not Row("c").tags  # a new list per instance
    everything_named = Row(tags=["t"], weight=2, key="k")
    assert list(vars(everything_named).items()) == [("key", "k"), ("weight", 2), ("tags", ["t"]), ("seen", {"n": 1})]
    assert made == ["a", "b", "c", "k"]
    assert a < b and b > a and a <= Row("a", 1, ["x", "y"]) and sorted([b, a]) == [a, b]
    assert a.__lt__(object()) is NotImplemented
    assert repr(a) == "test_defaults_factories_post_init_and_order.<locals>.Row(key='a', weight=1, tags=['x', 'y'])"
    assert dataclasses.asdict(b) == {"key": "b", "weight": 0, "tags": [], "seen": {"n": 0}}
    with pytest.raises(TypeError, match=r"missing 1 required argument: 'key'"):
        Row()  # type: ignore[call-arg]
    with pytest.raises(ValueError):  # as for any dataclass: a field that __init__ does not take
        dataclasses.replace(a, seen={})

    class Child(Row):
        pass

    child = Child("c")
    child.extra = 1  # a subclass's own attributes may be set, as with dataclass(frozen=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        child.key = "d"  # type: ignore[misc]


def test_a_recursive_repr_and_misuse() -> None:
    @record
    class Box:
        inside: list[Any]
        hidden: int = dataclasses.field(default=0, repr=False, compare=False)

    box = Box([])
    box.inside.append(box)
    assert repr(box) == "test_a_recursive_repr_and_misuse.<locals>.Box(inside=[...])"
    assert Box([1], 1) == Box([1], 2) and hash(Box((1,), 1)) == hash(Box((1,), 2))
    with pytest.raises(TypeError):
        record(dataclasses.dataclass(frozen=True)(type("Plain", (), {"__annotations__": {"x": int}})))
    with pytest.raises(TypeError):
        record(type("Own", (), {"__annotations__": {"x": int}, "__eq__": lambda self, other: True}))


def test_the_frozen_classes_are_records() -> None:
    assert len(ALL) >= 40
    for module in MODULES:
        for value in vars(module).values():
            params = getattr(value, "__dataclass_params__", None)
            if isinstance(value, type) and value.__module__ == module.__name__ and params is not None:
                assert value in RECORDS or not params.frozen, f"{value.__qualname__}: use @record"
