"""Safe YAML parsing that remembers where every value came from.

Positions live in a side table keyed by the path inside the document, never in the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from . import yamlguard
from .limits import current as current_limits
from .problems import Problem, json_path
from .safeio import Refused, read_bounded

DocPath = tuple[str | int, ...]


class Document:
    """A parsed file: its data, and the line/column of each value and key (1-based).

    The positions are only needed to report problems, so a document read on the fast path
    keeps its text and works them out on first use (``values``, ``keys``, ``where``).
    """

    __slots__ = ("_keys", "_lookups", "_text", "_values", "data", "file")

    def __init__(
        self,
        file: str,
        data: Any = None,
        values: dict[DocPath, tuple[int, int]] | None = None,
        keys: dict[DocPath, tuple[int, int]] | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self._values: dict[DocPath, tuple[int, int]] = {} if values is None else values
        self._keys: dict[DocPath, tuple[int, int]] = {} if keys is None else keys
        self._text: str | None = None
        self._lookups = 0

    @property
    def values(self) -> dict[DocPath, tuple[int, int]]:
        """Line and column of each value, by its path in the document."""
        self._locate()
        return self._values

    @property
    def keys(self) -> dict[DocPath, tuple[int, int]]:
        """Line and column of each mapping key, by the path of its value."""
        self._locate()
        return self._keys

    def _locate(self) -> None:
        text, self._text = self._text, None
        if text is not None:
            loader = _Loader(text, guard=False)  # bounded when first parsed
            try:
                _index(self, loader.get_single_node(), (), [])
            finally:
                loader.dispose()

    def __repr__(self) -> str:
        return f"Document(file={self.file!r}, data={self.data!r}, values={self.values!r}, keys={self.keys!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.file, self.data, self.values, self.keys) == (other.file, other.data, other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (its key when ``key``), or of its nearest ancestor.

        On a document read on the fast path, the first few lookups each read libyaml's events up
        to that one place (a warning costs only its position); after that every position is
        indexed at once."""
        if self._text is not None and self._lookups < LOOKUPS_BEFORE_INDEXING:
            self._lookups += 1
            return locate(self._text, path, key)
        keys, values = self.keys, self.values
        if key and path in keys:
            return keys[path]
        for n in range(len(path), -1, -1):
            if path[:n] in values:
                return values[path[:n]]
        return (1, 1)

    def problem(self, path: DocPath, code: str, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file, line, col, code, message, json_path(path), severity)  # type: ignore[arg-type]


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

LOOKUPS_BEFORE_INDEXING = 16
"""Positions looked up one by one before a document indexes all of them."""


_WILDCARD: list[Any] = list(_SafeBase.yaml_implicit_resolvers.get(None, []))
_IMPLICIT: dict[str, list[Any]] = {k: [*v, *_WILDCARD] for k, v in _SafeBase.yaml_implicit_resolvers.items() if k is not None}


class _Loader(_SafeBase):  # type: ignore[misc]
    """The safe loader, except that an impossible date stays text for validation to report."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """``BaseResolver.resolve`` without its general machinery (this loader has no path
        resolvers): the same tags, at a fraction of the cost, for every node libyaml composes."""
        if not self.yaml_path_resolvers:
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                        if regexp.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG
            if kind is yaml.MappingNode:
                return self.DEFAULT_MAPPING_TAG
            if kind is yaml.SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
        return super().resolve(kind, value, implicit)

    def __init__(self, text: str, guard: bool = True) -> None:
        super().__init__(text)
        self._guard = guard
        self._anchors = "&" in text  # without an anchor there is no alias to expand

    def get_single_node(self) -> Any:
        """The document's root node, refused (``yamlguard.Refusal``) when unbounded."""
        node = super().get_single_node()
        if node is not None and self._guard:
            yamlguard.check_graph(node, aliases=self._anchors)
        return node

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", yamlguard.checked_int)


def _index(doc: Document, node: yaml.Node, path: DocPath, problems: list[Problem]) -> None:
    doc._values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append(Problem(doc.file, line, col, "E002", f"duplicate key {key!r}", json_path(child)))
                continue
            seen.add(key)
            doc._keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(doc, value_node, child, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(doc, item, (*path, i), problems)


_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent, yaml.AliasEvent)


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _skip(events: Iterator[Any], first: Any) -> None:
    """Consume the rest of the node that begins with event ``first``."""
    if not isinstance(first, _COLLECTION_START):
        return
    depth = 1
    for event in events:
        if isinstance(event, _COLLECTION_START):
            depth += 1
        elif isinstance(event, _COLLECTION_END):
            depth -= 1
            if depth == 0:
                return


def locate(text: str, path: DocPath, key: bool = False) -> tuple[int, int]:
    """Line and column of ``path`` in a plain document (its key when ``key``), or of its nearest
    ancestor: :meth:`Document.where` for one path, from libyaml's events up to that place only,
    without composing the document or indexing every value."""
    events = iter(yaml.parse(text, Loader=_SafeBase))
    node: Any = next((e for e in events if isinstance(e, _NODE_START)), None)
    if node is None:
        return (1, 1)
    best = _mark(node)
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        found = None
        if isinstance(node, yaml.MappingStartEvent) and isinstance(step, str):
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    break
                _skip(events, key_event)  # a complex key: past it to its value
                value = next(events)
                if isinstance(key_event, yaml.ScalarEvent) and key_event.value == step:
                    if key and last:
                        return _mark(key_event)
                    found = value
                    break
                _skip(events, value)
        elif isinstance(node, yaml.SequenceStartEvent) and isinstance(step, int) and step >= 0:
            for index, item in enumerate(events):
                if isinstance(item, yaml.SequenceEndEvent):
                    break
                if index == step:
                    found = item
                    break
                _skip(events, item)
        if found is None:
            return best
        node, best = found, _mark(found)
    return best


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_PLAIN_SCALARS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


class _NotPlain(Exception):
    """The document needs the general path: an alias, a merge key, a duplicate key, an unusual tag…"""


def _plain_data(loader: Any, root: yaml.Node) -> Any:
    """Construct ``root`` in one pass, exactly as the safe constructor would, when the document
    uses only plain maps, lists and scalars, each node once and no key twice (every pack and
    manifest); raises :class:`_NotPlain` otherwise."""
    constructors = loader.yaml_constructors
    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    seen: set[int] = set()

    def build(node: yaml.Node) -> Any:
        ident = id(node)
        if ident in seen:  # an alias: shared objects, perhaps recursive
            raise _NotPlain
        seen.add(ident)
        kind, tag = type(node), node.tag
        if kind is scalar:
            if tag == _STR:
                return node.value
            if tag not in _PLAIN_SCALARS:
                raise _NotPlain
            return constructors[tag](loader, node)
        if kind is mapping and tag == _MAP:
            data: dict[Any, Any] = {}
            texts: set[str] = set()
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag not in _PLAIN_SCALARS or key_node.value in texts:
                    raise _NotPlain  # a complex, merge or duplicate key
                texts.add(key_node.value)
                data[build(key_node)] = build(value_node)
            return data
        if kind is sequence and tag == _SEQ:
            return [build(item) for item in node.value]
        raise _NotPlain

    return build(root)


def _parse_fast(text: str, file: str) -> Document | None:
    """The common case: a well-formed plain document, read without its positions (they are
    worked out from the kept text if a problem is ever reported). None when anything is unusual:
    :func:`parse` then takes the general path, which finds and reports every problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        doc = Document(file, _plain_data(loader, node))
    except Exception:  # noqa: BLE001 - any surprise: the general path reproduces or reports it
        return None
    finally:
        loader.dispose()
    doc._text = text
    return doc


def parse(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse one YAML (or JSON) document safely. Returns the document and any problems."""
    fast = _parse_fast(text, file)
    if fast is not None:
        return fast, []
    doc = Document(file)
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(file, 1, 1, "E001", "the file is empty"))
            return doc, problems
        _index(doc, node, (), problems)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        problems.append(Problem(file, line, col, getattr(exc, "code", "E001"), what or "invalid YAML"))
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        bad = yamlguard.unreadable_character(text) if isinstance(exc, yaml.reader.ReaderError) else None
        if bad is not None:
            problems.append(Problem(file, bad[0], bad[1], "E001", bad[2]))
        else:
            problems.append(Problem(file, 1, 1, "E001", f"cannot read the YAML: {exc}"))
    finally:
        loader.dispose()
    return doc, problems


def read(path: Path, shown: str | None = None) -> tuple[Document, list[Problem]]:
    """Read and parse ``path``; a missing or unreadable file is a problem, not an exception.

    Only a regular file is read, and only up to the ``max_file_bytes`` limit (``safeio``)."""
    name = shown or str(path)
    limits = current_limits()
    try:
        data = read_bounded(path, limits.max_file_bytes, limits.how_to_raise("max_file_bytes"))
    except Refused as exc:
        return Document(name), [Problem(name, 1, 1, "E010", str(exc))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = yamlguard.position_of_offset(data, exc.start)
        return Document(name), [Problem(name, line, col, "E010", f"cannot read the file: {exc}")]
    return parse(text, name)
