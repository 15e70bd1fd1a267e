"""Safe YAML parsing that remembers where every value came from.

Positions live in a side table keyed by the path inside the document, never in the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, json_path

DocPath = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed file: its data, and the line/column of each value and key (1-based)."""

    file: str
    data: Any = None
    values: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: DocPath, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (its key when ``key``), or of its nearest ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for n in range(len(path), -1, -1):
            if path[:n] in self.values:
                return self.values[path[:n]]
        return (1, 1)

    def problem(self, path: DocPath, code: str, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file, line, col, code, message, json_path(path), severity)  # type: ignore[arg-type]


_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """The safe loader, except that an impossible date stays text for validation to report."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _index(doc: Document, node: yaml.Node, path: DocPath, problems: list[Problem]) -> None:
    doc.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
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
            doc.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(doc, value_node, child, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(doc, item, (*path, i), problems)


def parse(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse one YAML (or JSON) document safely. Returns the document and any problems."""
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
        problems.append(Problem(file, line, col, "E001", what or "invalid YAML"))
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problems.append(Problem(file, 1, 1, "E001", f"cannot read the YAML: {exc}"))
    finally:
        loader.dispose()
    return doc, problems


def read(path: Path, shown: str | None = None) -> tuple[Document, list[Problem]]:
    """Read and parse ``path``; a missing or unreadable file is a problem, not an exception."""
    name = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Document(name), [Problem(name, 1, 1, "E010", "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return Document(name), [Problem(name, 1, 1, "E010", f"cannot read the file: {exc}")]
    return parse(text, name)
