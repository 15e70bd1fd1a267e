"""Bounds on a parsed YAML node graph, and the real position of what the YAML reader refuses.

An alias is a pointer, so a file under a kilobyte can stand for billions of nodes ("billion
laughs"), and an anchor used inside itself stands for an infinite one. Both are refused here,
before anything walks or constructs the graph; so are files with more nodes than the limit.
"""

from __future__ import annotations

import re
import sys

import yaml

from .limits import Limits
from .limits import current as current_limits


class Refusal(yaml.MarkedYAMLError):
    """A YAML file refused at a place, with the problem code to report it under."""

    def __init__(self, code: str, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.code = code


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _count(root: yaml.Node, limits: Limits) -> None:
    """Refuse a graph without aliases (a tree) of more than ``max_nodes`` nodes."""
    cap, own = limits.max_nodes, 0
    stack = [root]
    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    while stack:
        node = stack.pop()
        own += 1
        kind = type(node)
        if kind is mapping:
            for pair in node.value:
                stack.extend(pair)
        elif kind is sequence:
            stack.extend(node.value)
        if own > cap:
            raise Refusal(
                "E001", f"the file has more than {cap:,} YAML nodes ({limits.how_to_raise('max_nodes')})", node.start_mark
            )


def check_graph(root: yaml.Node, limits: Limits | None = None, aliases: bool = True) -> None:
    """Raise :class:`Refusal` for an anchor used inside itself (E001), more nodes than
    ``max_nodes``, or aliases expanding the file beyond its allowance (see :class:`Limits`).

    Linear in the number of distinct nodes, whatever the aliases expand to. ``aliases=False``
    says the text has no anchor, so the graph is a tree: only its size is checked.
    """
    limits = limits or current_limits()
    if not aliases:
        _count(root, limits)
        return
    cap = limits.max_nodes
    state: dict[int, int] = {}  # 1: on the path being walked, 2: done
    size: dict[int, int] = {}  # nodes each expands to, capped just over max_nodes
    own = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        ident = id(node)
        if finished:
            size[ident] = min(cap + 1, 1 + sum(size[id(c)] for c in _children(node)))
            state[ident] = 2
            continue
        seen = state.get(ident)
        if seen == 2:
            continue
        if seen == 1:
            raise Refusal("E001", "an alias refers to the anchor it is inside: the data would be infinite", node.start_mark)
        own += 1
        if own > cap:
            raise Refusal(
                "E001", f"the file has more than {cap:,} YAML nodes ({limits.how_to_raise('max_nodes')})", node.start_mark
            )
        state[ident] = 1
        stack.append((node, True))
        for child in reversed(_children(node)):
            if state.get(id(child)) == 1:
                raise Refusal("E001", "an alias refers to the anchor it is inside: the data would be infinite", child.start_mark)
            stack.append((child, False))
    allowance = limits.expanded_allowance(own)
    if size[id(root)] > allowance:
        node = root
        while True:  # point at the innermost node whose aliases overflow
            big = [c for c in _children(node) if size[id(c)] > allowance]
            if not big:
                break
            node = max(big, key=lambda c: size[id(c)])
        shown = f"{size[id(root)]:,}" if size[id(root)] <= cap else f"over {cap:,}"
        raise Refusal(
            "E001",
            f"aliases expand this file of {own:,} nodes to {shown} nodes, more than it may "
            f"({limits.how_to_raise('max_alias_ratio')}; and {limits.how_to_raise('max_nodes')})",
            node.start_mark,
        )


def checked_int(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> int:
    """The integer of ``node``, or :class:`Refusal` (E004) at its place when it has more digits
    than Python converts (``sys.get_int_max_str_digits``)."""
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
        raise Refusal(
            "E004", f"a number of {len(str(node.value)):,} characters: at most {limit:,} digits", node.start_mark
        ) from None


# What YAML 1.1 lets a stream hold (the reader's own test), and so what it refuses.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unreadable_character(text: str) -> tuple[int, int, str] | None:
    """Line, column and description of the first character YAML refuses in ``text``, or None."""
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    char = match.group()
    what = "a NUL byte" if char == "\x00" else f"the control character U+{ord(char):04X}"
    return line, col, f"{what} is not allowed in YAML (write it as an escape in a double-quoted string)"


def position_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of byte ``offset`` of UTF-8 ``data``."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    last = before[before.rfind(b"\n") + 1 :]
    return line, len(last.decode("utf-8", "replace")) + 1
