"""Findings written into a manifest's text, the rest kept as written (comments, order, layout).

Only the ``findings`` list changes: an entry for a pack and target already recorded takes that
entry's place in the list's text (the old one is removed), and every entry is added at the end of
the list under its own comment. ``import-findings`` and ``crosswalk apply`` both write this way.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from .model.manifest import Finding

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dump(finding: Finding) -> dict[str, object]:
    data = finding.model_dump(mode="json", exclude_none=True)
    if not data.get("note"):
        data.pop("note", None)
    return data


def _block(entries: Sequence[tuple[dict[str, object], str]], indent: str, header: str) -> str:
    out = [f"{indent}# {header}\n"] if header else []
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


def _key(node: yaml.Node) -> tuple[str, str] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    fields = {k.value: v.value for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
    return (str(fields.get("pack")), str(fields.get("target")))


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def with_findings(text: str, entries: Sequence[tuple[Finding, str]], header: str = "") -> str:
    """``text`` with each (finding, comment) of ``entries`` in its ``findings`` list: one recorded
    for the same pack and target is replaced, the others stay as written; ``header``, when given,
    is a comment line above the added entries. A flow list (``findings: []``) is rewritten as a
    block; a manifest without findings gains the list at its end."""
    if not entries:
        return text
    new = {(f.pack, f.target) for f, _ in entries}
    root = yaml.compose(text, Loader=_LOADER)
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "findings"), None)
    replaced = set()
    if isinstance(node, yaml.SequenceNode):
        replaced = {key for item in node.value if (key := _key(item)) in new}
    added = [
        (_dump(f), comment + (" (replaces the finding recorded before)" if (f.pack, f.target) in replaced else ""))
        for f, comment in entries
    ]
    if not isinstance(node, yaml.SequenceNode):
        sep = "" if text.endswith("\n") or not text else "\n"
        return text + sep + "findings:\n" + _block(added, "  ", header)
    if node.flow_style or not node.value:
        existing = (yaml.load(text, Loader=_LOADER) or {}).get("findings") or []
        kept = [(d, "") for d in existing if not (isinstance(d, dict) and (str(d.get("pack")), str(d.get("target"))) in new)]
        head, rest = text[: node.start_mark.index].rstrip(" "), text[node.end_mark.index :].lstrip(" ")
        rest = rest[1:] if rest.startswith("\n") else rest
        return head + ("" if head.endswith("\n") else "\n") + _block(kept, "  ", "") + _block(added, "  ", header) + rest
    end = _line_end(text, _last_end(node))  # the end of the last item's line
    out = text[:end] + _block(added, " " * node.start_mark.column, header) + text[end:]
    items = node.value
    for i in reversed(range(len(items))):  # remove replaced entries, from the last, before `end`
        if _key(items[i]) in new:
            start = _line_start(text, items[i].start_mark.index)
            stop = _line_end(text, _last_end(items[i]))  # comments after it stay with what follows
            out = out[:start] + out[stop:]
    return out
