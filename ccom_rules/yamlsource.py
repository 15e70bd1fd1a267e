"""Safe YAML parsing that remembers where every value came from.

Positions live in a side table keyed by the path inside the document, never in the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import yamlguard, yamlstream
from .limits import current as current_limits
from .problems import Problem, json_path
from .safeio import Refused, read_bounded
from .yamlstream import SourceMap

DocPath = tuple[str | int, ...]


class Document:
    """A parsed file: its data, and the line/column of each value and key (1-based).

    A plain document (every pack and manifest) keeps its positions in a compact
    :class:`~ccom_rules.yamlstream.SourceMap`; any other keeps them in two tables by path.
    """

    __slots__ = ("_keys", "_source", "_values", "data", "file", "numbers")

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
        self._source: SourceMap | None = None
        self.numbers: list[tuple[DocPath, str]] | None = None
        """Out-of-range numbers found while reading (``ranges.number_problems``); None: not looked for."""

    @property
    def values(self) -> dict[DocPath, tuple[int, int]]:
        """Line and column of each value, by its path in the document."""
        self._tables()
        return self._values

    @property
    def keys(self) -> dict[DocPath, tuple[int, int]]:
        """Line and column of each mapping key, by the path of its value."""
        self._tables()
        return self._keys

    def _tables(self) -> None:
        if self._source is not None and not self._values:
            for path, value, key in self._source.walk():
                self._values[path] = value
                if key is not None:
                    self._keys[path] = key

    def __repr__(self) -> str:
        return f"Document(file={self.file!r}, data={self.data!r}, values={self.values!r}, keys={self.keys!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.file, self.data, self.values, self.keys) == (other.file, other.data, other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (its key when ``key``), or of its nearest ancestor."""
        if self._source is not None:
            return self._source.where(path, key)
        keys, values = self._keys, self._values
        if key and path in keys:
            return keys[path]
        for n in range(len(path), -1, -1):
            if path[:n] in values:
                return values[path[:n]]
        return (1, 1)

    def key_at(self, path: DocPath) -> tuple[int, int] | None:
        """Line and column of the key of ``path``, when it is a mapping key in the document."""
        return self._source.key_at(path) if self._source is not None else self.keys.get(path)

    def problem(self, path: DocPath, code: str, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file, line, col, code, message, json_path(path), severity)  # type: ignore[arg-type]


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

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


def _parse_fast(text: str, file: str) -> Document | None:
    """The common case: a plain document (:mod:`.yamlstream`), built from the parser's events
    with a compact map of its positions. None when anything is unusual: :func:`parse` then takes
    the general path, which finds and reports every problem."""
    loader = _Loader(text)
    try:
        found = yamlstream.build(loader, _IMPLICIT, _WILDCARD, current_limits().max_nodes)
    except Exception:  # noqa: BLE001 - any surprise: the general path reproduces or reports it
        return None
    finally:
        loader.dispose()
    if found is None:
        return None
    doc = Document(file, found[0])
    doc._source, doc.numbers = found[1], found[2]
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
