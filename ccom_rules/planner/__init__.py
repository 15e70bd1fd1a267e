"""Remediation planning: ordered actions that reach targets, found greedily and incrementally.

- :mod:`.state`: every pack's decided statuses and scoring units, and what an action would change;
- :mod:`.keys` and :mod:`.actions`: the candidate actions and what each adds to the manifest;
- :mod:`.options`: which actions are candidates, kept up to date as actions are taken;
- :mod:`.describe`: actions and their gains in words;
- :mod:`.search`: the greedy search, scored by each target's distance as its scoring model measures it.
"""

from __future__ import annotations

from .search import RATIONALE, apply_actions, default_targets
from .timeline import as_of, done_by, plan_remediation

__all__ = ["RATIONALE", "apply_actions", "as_of", "default_targets", "done_by", "plan_remediation"]
