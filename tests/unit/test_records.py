"""Classes made with ``records.compared`` compare, hash and show themselves exactly as the same
class made with ``@dataclass(frozen=True)`` does."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from typing import Any

import pytest

import ccom_rules
from ccom_rules.records import COMPARED, compared

for _module in pkgutil.walk_packages(ccom_rules.__path__, "ccom_rules."):
    if _module.name != "ccom_rules.__main__":
        importlib.import_module(_module.name)


def _reference(cls: type) -> type:
    """``cls``'s fields (names, compare, hash and repr flags) in a plain ``@dataclass(frozen=True)``."""
    specs = [(f.name, Any, dataclasses.field(compare=f.compare, hash=f.hash, repr=f.repr)) for f in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
    made.__qualname__ = cls.__qualname__
    return made


def _bare(cls: type, values: dict[str, Any]) -> Any:
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


SAMPLES: list[Any] = [1, "a", (1, "b"), None, 2.5, ("x",)]


@pytest.mark.parametrize(
    "cls", sorted(set(COMPARED), key=lambda c: f"{c.__module__}.{c.__qualname__}"), ids=lambda c: c.__qualname__
)
def test_like_a_frozen_dataclass(cls: type) -> None:
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
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours[0].__setattr__(names[0] if names else "anything", 1)


def test_more_than_twenty_classes_are_made_so() -> None:
    assert len(set(COMPARED)) >= 20


def test_a_recursive_repr_and_misuse() -> None:
    @compared
    @dataclasses.dataclass(frozen=True, eq=False, repr=False)
    class Box:
        inside: list[Any]
        hidden: int = dataclasses.field(default=0, repr=False, compare=False)

    box = Box([])
    box.inside.append(box)
    assert repr(box) == "test_a_recursive_repr_and_misuse.<locals>.Box(inside=[...])"
    assert Box([1], 1) == Box([1], 2) and hash(Box((1,), 1)) == hash(Box((1,), 2))
    with pytest.raises(TypeError):
        compared(dataclasses.dataclass(frozen=True)(type("Plain", (), {"__annotations__": {"x": int}})))
