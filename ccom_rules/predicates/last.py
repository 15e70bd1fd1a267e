"""What compiled predicates are, and what they keep from one evaluation to the next.

A compiled predicate (:data:`Run`, made by ``ccom_rules.predicates.run``) keeps what it worked out
last in a :class:`Last` box, to give it again; :func:`forget_outcomes` empties every box at once.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar
from weakref import WeakSet

from .base import Facts, Outcome

Memo = dict[str, Outcome]
"""Outcomes of one evaluation by predicate (its canonical JSON): a predicate asked by several
checkpoints, packs or compound predicates is evaluated once per evaluation."""


class Run(Protocol):
    """A compiled predicate: its outcome on ``facts``; a compound one looks its parts up in (and
    adds them to) ``memo`` when given."""

    def __call__(self, facts: Facts, memo: Memo | None = None, /) -> Outcome: ...


T = TypeVar("T")


class Last(Generic[T]):
    """What a compiled predicate worked out last (its inputs and outcome, one value replaced whole),
    to give again when the next inputs are equal; every one made can be let go of at once
    (:func:`forget_outcomes`)."""

    __slots__ = ("value", "__weakref__")

    def __init__(self) -> None:
        self.value: T | None = None
        _LASTS.add(self)


_LASTS: WeakSet[Last[Any]] = WeakSet()


def forget_outcomes() -> None:
    """Let go of every compiled predicate's last outcome: the next evaluation works all out anew."""
    for last in list(_LASTS):
        last.value = None
