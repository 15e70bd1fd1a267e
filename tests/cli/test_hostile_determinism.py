"""Determinism as documented: the order of keys inside any mapping of a manifest, ``metrics:``
included, never changes its sha256 or the result."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ccom_rules import evaluate
from ccom_rules.loader import load_manifest, load_pack

from .hostile_inputs import MANIFEST, MINI_PF, write_manifest


def reversed_keys(value: Any) -> Any:
    """``value`` with the keys of every mapping in it in the opposite order."""
    if isinstance(value, dict):
        return {k: reversed_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    return value


def test_key_order_never_changes_the_manifest_sha256_or_the_result(tmp_path: Path) -> None:
    data = copy.deepcopy(MANIFEST)
    data["evidence"][1]["metrics"] = {"service_level": 0.82, "answer_rate": 0.9, "abandon_rate": 0.04}
    data["evidence"][1]["approval"] = {"by": "Li Na", "role": "Director", "date": "2026-02-02"}
    pack = load_pack(MINI_PF)
    first = evaluate([pack], load_manifest(write_manifest(tmp_path / "a", data)))
    second = evaluate([pack], load_manifest(write_manifest(tmp_path / "b", reversed_keys(data))))
    assert list(reversed_keys(data)["evidence"][1]["metrics"]) == ["abandon_rate", "answer_rate", "service_level"]
    assert first.manifest.sha256 == second.manifest.sha256
    assert first.model_dump_json() == second.model_dump_json()
