"""How much one input file may cost to read, and how to raise each limit.

Packs and manifests may come from anyone who opens a pull request, so every read is bounded:
the file's size, the YAML nodes it holds, and how far its aliases may expand it. Each limit has
a name, a default and an environment variable that raises it; a file over a limit is refused
with a problem that names both (see ``docs/security.md``).
"""

from __future__ import annotations

import os
from dataclasses import fields

from .records import record

ENV_PREFIX = "CCOM_RULES_"


@record
class Limits:
    """The limits in force for one read. Defaults fit any real pack or manifest many times over."""

    max_file_bytes: int = 8 * 1024 * 1024
    """Size of one YAML or JSON file (a manifest, pack.yaml, an included file, expected.yaml)."""
    max_nodes: int = 1_000_000
    """YAML nodes (mappings, sequences, scalars) in one file, counting each alias as what it expands to."""
    max_alias_ratio: int = 10
    """How many times its own size a file's aliases may expand it to (at least ``ALIAS_ALLOWANCE`` nodes)."""
    max_problems: int = 100
    """Problems printed in full by the command line; the rest are counted."""

    @staticmethod
    def env_name(limit: str) -> str:
        """The environment variable that sets ``limit``: ``max_nodes`` → ``CCOM_RULES_MAX_NODES``."""
        return ENV_PREFIX + limit.upper()

    def how_to_raise(self, limit: str) -> str:
        """The clause every over-limit problem ends with."""
        return f"limit {limit} = {getattr(self, limit):,}; set {self.env_name(limit)} to raise it"

    def expanded_allowance(self, own_nodes: int) -> int:
        """How many nodes a file of ``own_nodes`` composed nodes may expand to through aliases."""
        return min(self.max_nodes, max(ALIAS_ALLOWANCE, self.max_alias_ratio * own_nodes))


ALIAS_ALLOWANCE = 10_000
"""Expansion any file may reach through aliases, however small it is: harmless, and it keeps a
short file with a few shared anchors readable."""


def current() -> Limits:
    """The limits in force: the defaults, each raised or lowered by its environment variable.

    Raises ``ValueError`` naming the variable when one is not a positive whole number.
    """
    values: dict[str, int] = {}
    for f in fields(Limits):
        name = Limits.env_name(f.name)
        raw = os.environ.get(name)
        if raw is None or raw.strip() == "":
            continue
        text = raw.strip().replace("_", "")
        if not (text.isascii() and text.isdigit()) or int(text) < 1 or len(text) > 18:
            raise ValueError(f"{name}={raw!r} is not a positive whole number")
        values[f.name] = int(text)
    return Limits(**values)
