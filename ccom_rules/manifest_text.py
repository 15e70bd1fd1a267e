"""A manifest's findings replaced in its text, the rest kept as written (comments, order, layout).

Only the ``findings`` list is rewritten: findings for the same pack and target are replaced in
place, new ones are added at its end, each under a comment saying where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from .model.manifest import Finding


def _dump(finding: Finding) -> dict[str, object]:
    data = finding.model_dump(mode="json", exclude_none=True)
    if not data.get("note"):
        data.pop("note", None)
    return data


def _block(entries: Sequence[tuple[dict[str, object], str]], indent: str) -> str:
    out = []
    for data, comment in entries:
        if comment:
            out.append(f"{indent}# {comment}\n")
        body = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=1000)
        out += [f"{indent}{line}\n" for line in body.splitlines()]
    return "".join(out)


def _last_end(node: yaml.Node) -> int:
    """Where the last value written inside ``node`` ends (a block collection's own end mark runs
    on over the comments that follow it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def with_findings(text: str, findings: Sequence[Finding], comment: str) -> str:
    """``text`` whose ``findings`` hold ``findings``: each replaces one for the same pack and target,
    or is added at the end under the comment ``comment``."""
    if not findings:
        return text
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "findings"), None)
    new = {(f.pack, f.target): f for f in findings}
    if not isinstance(node, yaml.SequenceNode):
        sep = "" if text.endswith("\n") or not text else "\n"
        return text + sep + "findings:\n" + _block([(_dump(f), comment) for f in findings], "  ")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    existing = (yaml.load(text, Loader=loader) or {}).get("findings") or []
    entries: list[tuple[dict[str, object], str]] = []
    for data in existing:
        key = (str(data.get("pack")), str(data.get("target"))) if isinstance(data, dict) else None
        if key in new:
            entries.append((_dump(new.pop(key)), f"{comment} (replaces the finding recorded before)"))
        else:
            entries.append((data, ""))
    entries += [(_dump(f), comment) for f in findings if (f.pack, f.target) in new]
    if node.flow_style or not node.value:
        start = node.start_mark.index
        head, rest = text[:start].rstrip(" "), text[node.end_mark.index :].lstrip(" ")
        rest = rest[1:] if rest.startswith("\n") else rest
        return head + ("" if head.endswith("\n") else "\n") + _block(entries, "  ") + rest
    start = text.rfind("\n", 0, node.start_mark.index) + 1  # the line of the first "- "
    nl = text.find("\n", _last_end(node))  # to the end of the last item's line
    end = len(text) if nl < 0 else nl + 1
    return text[:start] + _block(entries, " " * node.start_mark.column) + text[end:]
