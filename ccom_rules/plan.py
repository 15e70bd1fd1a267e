"""The planner's former module name: :mod:`ccom_rules.planner` holds it now."""

from __future__ import annotations

from .planner import RATIONALE, apply_actions, default_targets, plan_remediation

__all__ = ["RATIONALE", "apply_actions", "default_targets", "plan_remediation"]
