"""Control characters from inputs, made visible before they reach a terminal or a file.

A manifest may hold ``name: "\\e]0;owned\\a"``: printed raw, that retitles the terminal, moves
the cursor or hides lines. Every text the command line prints or writes goes through
:func:`visible`: C0 controls (but tab and newline) become ``\\x1b``-style escapes; DEL, the
C1 controls and the bidirectional formatting characters (marks, embeddings, overrides and
isolates, which reorder what a reader sees: a title can display as other text than it holds)
become ``\\u009b``-style escapes, which JSON also reads as the same character, so a JSON document
stays valid and equal in meaning (``json.dumps`` has already escaped its C0).
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline, and every bidirectional
    formatting character, written as an escape."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
