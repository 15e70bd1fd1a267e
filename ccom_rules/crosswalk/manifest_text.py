"""Adding findings to a manifest's text while keeping the rest of it as written: its comments,
its order, its formatting. Only the ``findings`` list is extended (or started)."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from ..model.manifest import Finding

HEADER = "proposed by ccom-rules crosswalk apply: review each one before relying on it"


def _entry(finding: Finding, indent: str, comment: str) -> str:
    data = finding.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    if not data.get("note"):
        data.pop("note", None)
    body = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=1000)
    lines = [f"{indent}# {comment}"] + [indent + line for line in body.splitlines()]
    return "\n".join(lines) + "\n"


def append_findings(text: str, findings: Sequence[tuple[Finding, str]]) -> str:
    """``text`` with each (finding, comment) added at the end of its ``findings`` list, a comment
    line above each; a block list is extended in place, a flow list (``findings: []``) rewritten
    as a block, and a manifest without findings gains the list at its end."""
    if not findings:
        return text
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "findings"), None)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        indent = " " * node.start_mark.column
        block = f"{indent}# {HEADER}\n" + "".join(_entry(f, indent, c) for f, c in findings)
        end = node.end_mark.index
        if end > 0 and text[end - 1] != "\n":  # the list ends inside a line: continue after it
            end = text.find("\n", end)
            end = len(text) if end < 0 else end + 1
        prefix = text[:end] if text[:end].endswith("\n") or not text[:end] else text[:end] + "\n"
        return prefix + block + text[end:]
    block = f"# {HEADER}\n" + "".join(_entry(f, "", c) for f, c in findings)
    if isinstance(node, yaml.SequenceNode):  # a flow list, or empty: rewrite it as a block
        existing = yaml.safe_load(text[node.start_mark.index : node.end_mark.index]) or []
        kept = yaml.safe_dump(existing, allow_unicode=True, sort_keys=False, width=1000) if existing else ""
        return text[: node.start_mark.index].rstrip(" ") + "\n" + kept + block + text[node.end_mark.index :].lstrip(" ")
    sep = "" if text.endswith("\n") or not text else "\n"
    return text + sep + "findings:\n" + block
