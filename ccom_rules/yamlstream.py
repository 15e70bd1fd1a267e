"""A plain YAML document built straight from libyaml's events, with a compact map of positions.

Composing a document first builds a node for every value (each with two marks), which costs
several times the memory of the data itself. Every pack and manifest is a plain document (maps,
lists and scalars, no alias, no unusual tag), so it is built here in one pass over the parser's
events, keeping of each value only its line and column, in flat arrays (:class:`SourceMap`).
Anything else raises :class:`NotPlain`, and the general path composes and reports it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

import yaml

from .ranges import out_of_range

DocPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_PLAIN_SCALARS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_NUMBERS = frozenset((_TAG + "int", _TAG + "float"))


class NotPlain(Exception):
    """The document needs the general path: an alias, a merge key, a duplicate key, an unusual
    tag, more than one document, more nodes than the limit…"""


def _unpack(packed: int) -> tuple[int, int]:
    return (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1


_SCAN = 16
"""Keys of a mapping searched one by one; a larger mapping's keys are indexed on first lookup."""


class SourceMap:
    """Where each value (and each mapping key) of a document starts, by node number.

    Nodes are numbered in document order. Node ``n`` starts at ``marks[n]``; a collection's
    entries are ``count[n]`` consecutive slots from ``first[n]`` in ``kid`` (the entry's node),
    ``name`` (a mapping key's text, None in a list) and ``key`` (where that key starts)."""

    __slots__ = ("by_name", "count", "first", "key", "kid", "marks", "name")

    def __init__(self) -> None:
        self.marks = array("Q")
        self.first = array("L")
        self.count = array("L")
        self.kid = array("L")
        self.key = array("Q")
        self.name: list[str | None] = []
        self.by_name: dict[int, dict[str, int]] = {}

    def _entry(self, node: int, step: str | int) -> int | None:
        """The slot of ``step`` among the entries of ``node``, or None."""
        start, n = self.first[node], self.count[node]
        if not n:
            return None
        if self.name[start] is None:  # a list
            if isinstance(step, int) and 0 <= step < n:
                return start + step
            return None
        if not isinstance(step, str):
            return None
        if n <= _SCAN:
            for slot in range(start, start + n):
                if self.name[slot] == step:
                    return slot
            return None
        index = self.by_name.get(node)
        if index is None:  # a large mapping: its keys indexed on first lookup
            index = self.by_name[node] = {
                name: slot for slot, name in enumerate(self.name[start : start + n], start) if name is not None
            }
        return index.get(step)

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (its key when ``key``), or of its nearest ancestor."""
        node, slot = 0, None
        for step in path:
            slot = self._entry(node, step)
            if slot is None:
                return _unpack(self.marks[node])
            node = self.kid[slot]
        if key and slot is not None and self.name[slot] is not None:
            return _unpack(self.key[slot])
        return _unpack(self.marks[node])

    def key_at(self, path: DocPath) -> tuple[int, int] | None:
        """Where the key of ``path`` starts, when its last step is a mapping key in the document."""
        node, slot = 0, None
        for step in path:
            slot = self._entry(node, step)
            if slot is None:
                return None
            node = self.kid[slot]
        return _unpack(self.key[slot]) if slot is not None and self.name[slot] is not None else None

    def walk(self) -> Iterator[tuple[DocPath, tuple[int, int], tuple[int, int] | None]]:
        """Every value's path, its position and its key's position (None for list items and the root)."""
        stack: list[tuple[int, DocPath, int | None]] = [(0, (), None)]
        while stack:
            node, path, slot = stack.pop()
            yield path, _unpack(self.marks[node]), None if slot is None else _unpack(self.key[slot])
            start, n = self.first[node], self.count[node]
            for s in range(start + n - 1, start - 1, -1):
                name = self.name[s]
                stack.append((self.kid[s], (*path, s - start if name is None else name), None if name is None else s))


def build(
    loader: Any, implicit: dict[str, list[Any]], anywhere: list[Any], max_nodes: int
) -> tuple[Any, SourceMap, list[tuple[DocPath, str]]] | None:
    """The data of the one document ``loader`` parses, exactly as the safe constructor would
    build it, its source map, and every number that ``ranges.out_of_range`` refuses (with its
    path, as ``ranges.number_problems`` gives it); None for an empty stream. Raises
    :class:`NotPlain` when the document is not plain.

    ``implicit`` holds the loader's implicit resolvers by first character (the wildcard ones
    appended to each), ``anywhere`` the wildcard ones, for any other first character."""
    get = loader.get_event
    constructors = loader.yaml_constructors
    if loader.yaml_path_resolvers:
        raise NotPlain
    scalar_node = yaml.ScalarNode
    scalar_event = yaml.ScalarEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    smap = SourceMap()
    marks, kid, names, key_marks = smap.marks, smap.kid, smap.name, smap.key
    spans: list[tuple[int, int, int]] = []  # (node, first slot, entries) of each collection
    built: dict[tuple[str, str], Any] = {}  # each distinct non-text scalar constructed once (all immutable)
    shared: dict[str, str] = {}  # one string per distinct key text
    resolved_as: dict[str, str] = {}  # the tag of each plain text resolved before (keys, types, dates recur)
    numbers: list[tuple[DocPath, str]] = []
    stack: list[_Frame] = []
    frame: _Frame | None = None
    root: Any = None
    started = False
    nodes = 0
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            tag = event.tag
            text = event.value
            if tag is None:
                tag = _STR
                if event.implicit[0]:
                    known = resolved_as.get(text)
                    if known is not None:
                        tag = known
                    else:
                        for resolved, regexp in implicit.get(text[:1], anywhere):
                            if regexp.match(text):
                                tag = resolved
                                break
                        if len(resolved_as) < _RESOLVED_MAX:
                            resolved_as[text] = tag
            elif tag == "!":
                tag = loader.resolve(scalar_node, text, event.implicit)
            if tag == _STR:
                value: Any = text
            elif tag in _PLAIN_SCALARS:
                value = built.get((tag, text), built)
                if value is built:
                    value = built[tag, text] = constructors[tag](loader, scalar_node(tag, text, event.start_mark, event.end_mark))
            else:
                raise NotPlain
            if frame is not None and frame.names is not None and frame.pending is _NO_KEY:  # a mapping's key
                nodes += 1
                if value in frame.data or nodes > max_nodes:
                    raise NotPlain  # a duplicate key (the general path reports it), or too many nodes
                mark = event.start_mark
                frame.keys.append(mark.line << 32 | mark.column)
                if tag == _STR:
                    frame.pending = frame.name = shared.setdefault(text, text)
                else:
                    frame.pending, frame.name = value, text
                continue
            container: Any = None
        elif kind is mapping_start or kind is sequence_start:
            want = _MAP if kind is mapping_start else _SEQ
            if event.tag not in (None, "!", want):
                raise NotPlain
            if frame is not None and frame.names is not None and frame.pending is _NO_KEY:
                raise NotPlain  # a complex key
            value = container = {} if kind is mapping_start else []
            tag = want
        elif kind in collection_end:
            assert frame is not None
            entries = frame.entries
            spans.append((frame.node, len(kid), len(entries)))
            kid.extend(entries)
            if frame.names is None:
                names.extend([None] * len(entries))
                key_marks.extend(array("Q", [0]) * len(entries))
            else:
                names.extend(frame.names)
                key_marks.extend(frame.keys)
            stack.pop()
            frame = stack[-1] if stack else None
            continue
        elif kind is yaml.DocumentStartEvent:
            if started:
                raise NotPlain  # a second document
            started = True
            continue
        elif kind is yaml.StreamEndEvent:
            break
        elif kind is yaml.AliasEvent:
            raise NotPlain
        else:  # the stream's start, the document's end
            continue
        node = len(marks)
        nodes += 1
        if nodes > max_nodes:
            raise NotPlain  # the general path refuses it at its place
        mark = event.start_mark
        marks.append(mark.line << 32 | mark.column)
        if frame is None:
            if node:
                raise NotPlain
            root = value
        else:
            frame.entries.append(node)
            if frame.names is None:
                frame.data.append(value)
            else:
                frame.data[frame.pending] = value
                frame.names.append(frame.name)
                frame.last, frame.pending = frame.pending, _NO_KEY
        if container is not None:
            frame = _Frame(container, node)
            stack.append(frame)
        elif tag in _NUMBERS:
            why = out_of_range(value)
            if why is not None:
                numbers.append((tuple(f.step() for f in stack), why))
    if not marks:
        return None
    count = len(marks)
    smap.first = array("L", [0]) * count
    smap.count = array("L", [0]) * count
    for node, slot, size in spans:
        smap.first[node] = slot
        smap.count[node] = size
    return root, smap, numbers


_RESOLVED_MAX = 4096
"""Plain texts whose resolved tag is remembered while one document is read: the first ones met
(a document's keys and its common values come early), so that a large document costs no more."""

_NO_KEY: Any = object()
"""A mapping frame waiting for its next key."""


class _Frame:
    """An open collection while its entries are read."""

    __slots__ = ("data", "entries", "keys", "last", "name", "names", "node", "pending")

    def __init__(self, data: Any, node: int) -> None:
        self.data = data
        self.node = node
        self.entries: list[int] = []
        self.names: list[str | None] | None = [] if isinstance(data, dict) else None
        self.keys = array("Q")  # where each key starts
        self.pending: Any = _NO_KEY  # the key read, its value not yet
        self.name: str | None = None  # that key's text
        self.last: Any = None  # the key of the entry last added

    def step(self) -> str | int:
        """The path step of the entry last added (``ranges.number_problems`` names keys by ``str``)."""
        return len(self.data) - 1 if self.names is None else str(self.last)
