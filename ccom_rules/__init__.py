"""ccom-rules: contact-centre operating standards as code.

The stable API::

    from ccom_rules import evaluate, installed_packs, load_manifest
    packs = installed_packs()
    result = evaluate(packs, load_manifest("manifest.yaml", packs))
    result.pack("cc_cmm").outcome.level

Names are imported on first use, so ``import ccom_rules`` (and the CLI's ``--help``) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "evaluate": "engine",
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
    "trace_gaps": "gaps",
    "plan_remediation": "planner",
}

__all__ = [
    "__version__",
    "evaluate",
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
    "trace_gaps",
    "plan_remediation",
]
assert set(__all__) == {"__version__", *_EXPORTS}

if TYPE_CHECKING:
    from .engine import evaluate
    from .gaps import trace_gaps
    from .loader import installed_packs, load_manifest, load_pack, read_manifest, read_pack
    from .model.manifest import Manifest
    from .model.pack import ClausePack
    from .model.result import Result
    from .planner import plan_remediation
    from .problems import InvalidInput, Problem


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ccom_rules' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
