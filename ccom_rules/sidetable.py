"""Values derived from objects, kept beside the object while it lives."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SideTable:
    """Values derived from objects, kept while the object lives (by identity, not equality:
    frozen models compare and hash by value, which costs as much as deriving)."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], Any]] = {}

    def get(self, obj: Any, build: Callable[[], T]) -> T:
        key = id(obj)
        entry = self._entries.get(key)
        if entry is not None and entry[0]() is obj:
            value: T = entry[1]
            return value
        value = build()
        entries = self._entries
        entries[key] = (weakref.ref(obj, lambda _ref: entries.pop(key, None)), value)
        return value
