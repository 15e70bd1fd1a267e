"""ccom-rules: contact-centre operating standards as code.

The stable API::

    from ccom_rules import evaluate, installed_packs, load_manifest
    packs = installed_packs()
    result = evaluate(packs, load_manifest("manifest.yaml", packs))
    result.maturity("cc_cmm").level

Names are imported on first use, so ``import ccom_rules`` (and the CLI's ``--help``) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "evaluate": "engine",
    "evaluate_many": "batch",
    "load_pack": "loader",
    "load_manifest": "loader",
    "read_pack": "loader",
    "read_manifest": "loader",
    "installed_packs": "loader",
    "InvalidInput": "problems",
    "Problem": "problems",
    "ClausePack": "model.pack",
    "Manifest": "model.manifest",
    "Result": "model.result",
    "PackResult": "model.result",
    "PassFailOutcome": "model.result",
    "MaturityOutcome": "model.result",
    "BandsOutcome": "model.result",
    "UnknownPack": "model.result",
    "WrongModel": "model.result",
    "GapReport": "model.gaps",
    "Plan": "model.gaps",
    "trace_gaps": "gaps",
    "plan_remediation": "planner",
    "apply_actions": "planner",
    "Requirement": "requirements",
    "parse_requirement": "requirements",
    "compare": "crosswalk.compare",
    "load_crosswalks": "crosswalk.load",
    "Comparison": "crosswalk.result",
}

__all__ = [
    "__version__",
    "evaluate",
    "evaluate_many",
    "load_pack",
    "load_manifest",
    "read_pack",
    "read_manifest",
    "installed_packs",
    "InvalidInput",
    "Problem",
    "ClausePack",
    "Manifest",
    "Result",
    "PackResult",
    "PassFailOutcome",
    "MaturityOutcome",
    "BandsOutcome",
    "UnknownPack",
    "WrongModel",
    "GapReport",
    "Plan",
    "trace_gaps",
    "plan_remediation",
    "apply_actions",
    "Requirement",
    "parse_requirement",
    "compare",
    "load_crosswalks",
    "Comparison",
]
assert set(__all__) == {"__version__", *_EXPORTS}

if TYPE_CHECKING:  # explicit re-exports (``import X as X``) for type checkers; at run time, __getattr__
    from .crosswalk.compare import compare as compare
    from .crosswalk.load import load_crosswalks as load_crosswalks
    from .crosswalk.result import Comparison as Comparison
    from .batch import evaluate_many as evaluate_many
    from .engine import evaluate as evaluate
    from .gaps import trace_gaps as trace_gaps
    from .loader import installed_packs as installed_packs
    from .loader import load_manifest as load_manifest
    from .loader import load_pack as load_pack
    from .loader import read_manifest as read_manifest
    from .loader import read_pack as read_pack
    from .model.gaps import GapReport as GapReport
    from .model.gaps import Plan as Plan
    from .model.manifest import Manifest as Manifest
    from .model.pack import ClausePack as ClausePack
    from .model.result import BandsOutcome as BandsOutcome
    from .model.result import MaturityOutcome as MaturityOutcome
    from .model.result import PackResult as PackResult
    from .model.result import PassFailOutcome as PassFailOutcome
    from .model.result import Result as Result
    from .model.result import UnknownPack as UnknownPack
    from .model.result import WrongModel as WrongModel
    from .planner import apply_actions as apply_actions
    from .planner import plan_remediation as plan_remediation
    from .problems import InvalidInput as InvalidInput
    from .problems import Problem as Problem
    from .requirements import Requirement as Requirement
    from .requirements import parse_requirement as parse_requirement


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ccom_rules' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
