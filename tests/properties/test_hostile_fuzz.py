"""Hostile input, fuzzed: manifests and packs with their structure and scalars mutated (dates,
paths, numbers, aliases, an anchor inside itself).

Two laws: reading fails only with ``InvalidInput`` whose problems carry file:line:col, and the
same input always gives the same output; and whatever ``validate`` accepts, ``evaluate``,
``gaps``, ``report`` and ``test`` finish with exit status 0 or 1.
"""

from __future__ import annotations

import copy
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccom_rules import InvalidInput, evaluate, plan_remediation, trace_gaps
from ccom_rules.loader import load_manifest, load_pack
from ccom_rules.problems import CODES

from ..cli.hostile_inputs import MINI_PF, run

BASE_PACK: dict[str, Any] = yaml.safe_load((MINI_PF / "pack.yaml").read_text(encoding="utf-8"))
BASE_MANIFEST: dict[str, Any] = {
    "manifest_version": 1,
    "organisation": {
        "name": "Fuzz centre",
        "sourcing": "in_house",
        "industry": "test",
        "operations_began": date(2020, 1, 6),
        "seats": 10,
    },
    "assessment": {"date": date(2026, 6, 30), "precedence": "assessor"},
    "evidence_root": "evidence",
    "evidence": [
        {"id": "plan", "type": "strategic_plan", "title": "Plan", "date": date(2026, 1, 10), "path": "plan.md"},
        {"id": "kpi", "type": "kpi_definitions", "title": "KPIs", "date": date(2026, 2, 1)},
        {"id": "r1", "type": "kpi_appraisal_result", "title": "May", "date": date(2026, 6, 2), "period": "2026-05"},
        {
            "id": "em",
            "type": "emergency_plan",
            "title": "Plan",
            "date": date(2026, 1, 2),
            "approval": {"by": "Li", "date": date(2026, 1, 3)},
        },
        {
            "id": "d1",
            "type": "drill_record",
            "title": "Drill",
            "date": date(2026, 3, 30),
            "period": "2026-Q1",
            "metrics": {"b": 1.0, "a": 0.5},
        },
    ],
    "people": [
        {"name": "Li Na", "role": "Head", "certificates": [{"scheme": "CEL", "number": "C-1", "issued": date(2025, 1, 1)}]}
    ],
    "findings": [{"pack": "mini_pf", "target": "6.8.b", "status": "met"}],
    "not_applicable": [],
    "certified_levels": [],
}

HOSTILE_TEXT = [
    "",
    ".",
    "..",
    "../..",
    "/",
    "/etc/passwd",
    "a\x00b",
    "x" * 5000,
    "y/" * 3000,
    "\x1b[31mred",
    "2026-02-30",
    "2025-Q5",
    "2025-07\n",
    "２０２５-07",
    "0000",
    "9999-12",
    "plan.md",
    "evidence",
    "mini_pf",
    "6.8.b",
    "met",
    "pass_fail",
    "month",
]
SCALARS = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1890, 1, 1), max_value=date(3010, 12, 31)),
    st.sampled_from(HOSTILE_TEXT),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, 1, 2, 5, 10, 240, 241, 365, 1000, 1001, 36600, 36601, 999_999_999, 10**15, 10**16, 10**4400]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e400, -1e400, 1e300, 0.5, -0.0]),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["set", "set", "set", "delete", "share", "self", "wrap"]),
        st.integers(0, 10**6),
        SCALARS,
        st.integers(0, 10**6),
    ),
    max_size=4,
)


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in ``data``, in a fixed order."""
    out: list[tuple[Any, Any]] = []
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        for key, value in items:
            out.append((node, key))
            stack.append(value)
    return out


def mutate(base: dict[str, Any], ops: list[tuple[str, int, Any, int]]) -> dict[str, Any]:
    """``base`` changed by each operation: set a scalar, delete, share a node (an alias), put a
    node inside itself (a recursive alias) or wrap a value in a list."""
    data = copy.deepcopy(base)
    for kind, at, value, other in ops:
        slots = _slots(data)
        if not slots:
            break
        node, key = slots[at % len(slots)]
        if kind == "set":
            node[key] = value
        elif kind == "delete":
            del node[key]
        elif kind == "share":
            source, skey = slots[other % len(slots)]
            node[key] = source[skey]
        elif kind == "self" and isinstance(node[key], (dict, list)):
            inner = node[key]
            if isinstance(inner, dict):
                inner["loop"] = inner
            else:
                inner.append(inner)
        elif kind == "wrap":
            node[key] = [node[key]]
    return data


def dump(data: Any) -> str:
    """YAML for ``data``, shared nodes as anchors and aliases, integers of any length written out."""
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    if limit is not None:
        sys.set_int_max_str_digits(0)
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    finally:
        if limit is not None:
            sys.set_int_max_str_digits(limit)


def write_inputs(folder: Path, pack: dict[str, Any], manifest: dict[str, Any]) -> tuple[Path, Path]:
    pack_dir = folder / "pack"
    pack_dir.mkdir(parents=True)
    (pack_dir / "pack.yaml").write_text(dump(pack), encoding="utf-8")
    (folder / "evidence").mkdir()
    (folder / "evidence" / "plan.md").write_text("plan\n")
    path = folder / "manifest.yaml"
    path.write_text(dump(manifest), encoding="utf-8")
    return pack_dir, path


def located(exc: InvalidInput) -> None:
    assert exc.errors, exc.problems
    for p in exc.problems:
        assert p.file and p.line >= 1 and p.column >= 1 and p.code in CODES and p.json_path.startswith("$"), p


def read_both(pack_dir: Path, path: Path) -> tuple[Any, Any]:
    try:
        pack = load_pack(pack_dir)
    except InvalidInput as exc:
        located(exc)
        return None, None
    try:
        return pack, load_manifest(path, [pack])
    except InvalidInput as exc:
        located(exc)
        return pack, None


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(pack_ops=st.one_of(st.just([]), OPS), manifest_ops=OPS)
def test_reading_fails_only_with_located_problems_and_results_are_deterministic(
    tmp_path_factory: pytest.TempPathFactory, pack_ops: list[Any], manifest_ops: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    pack_dir, path = write_inputs(folder, mutate(BASE_PACK, pack_ops), mutate(BASE_MANIFEST, manifest_ops))
    pack, manifest = read_both(pack_dir, path)
    if pack is None or manifest is None:
        return
    first = evaluate([pack], manifest)
    assert evaluate([pack], load_manifest(path, [load_pack(pack_dir)])).model_dump_json() == first.model_dump_json()
    trace_gaps([pack], manifest, first)
    plan_remediation([pack], manifest)


# Mild mutations: values of the right kind, across and beyond their ranges, in the fields the
# engine computes with; so that many examples validate and the commands must run on them.
DATES = st.dates(min_value=date(1895, 1, 1), max_value=date(3005, 12, 31))
PERIODS = st.builds(
    lambda year, suffix: f"{year:04d}{suffix}",
    st.integers(1890, 3010),
    st.sampled_from(["", "-Q1", "-Q4", "-01", "-06", "-12"]),
)
DAYS = st.one_of(st.integers(0, 40_000), st.sampled_from([0, 1, 36_600, 36_601]))
RUNS = st.one_of(st.integers(1, 250), st.sampled_from([1, 240, 241]))
COUNTS = st.one_of(st.integers(1, 1_050), st.sampled_from([1, 1000, 1001]))
FIELDS = [
    ("manifest", "assessment.date", DATES),
    ("manifest", "organisation.operations_began", st.dates(min_value=date(1895, 1, 1), max_value=date(2026, 6, 30))),
    ("manifest", "evidence.0.date", DATES),
    ("manifest", "evidence.2.period", PERIODS),
    ("manifest", "evidence.4.period", PERIODS),
    ("manifest", "evidence.4.metrics.a", st.floats(min_value=-1e16, max_value=1e16)),
    ("manifest", "people.0.certificates.0.issued", DATES),
    ("manifest", "evidence.3.approval.date", DATES),
    ("pack", "clauses.0.checkpoints.0.evidence.max_age_days", DAYS),
    ("pack", "clauses.1.children.0.checkpoints.1.evidence.count", RUNS),
    ("pack", "clauses.1.children.0.checkpoints.1.evidence.window_days", DAYS),
    ("pack", "scoring.prerequisites.0.check.min_count", COUNTS),
    ("pack", "clauses.1.children.2.checkpoints.0.evidence.count", RUNS),
    ("pack", "clauses.1.children.0.checkpoints.0.evidence.min_count", COUNTS),
]
MILD = st.lists(
    st.sampled_from(range(len(FIELDS))).flatmap(lambda i: st.tuples(st.just(FIELDS[i][:2]), FIELDS[i][2])),
    min_size=1,
    max_size=4,
)


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(changes=MILD)
def test_what_validate_accepts_every_command_can_run(tmp_path_factory: pytest.TempPathFactory, changes: list[Any]) -> None:
    pack, manifest = copy.deepcopy(BASE_PACK), copy.deepcopy(BASE_MANIFEST)
    for (which, dotted), value in changes:
        set_path(pack if which == "pack" else manifest, dotted, value)
    folder = tmp_path_factory.mktemp("law")
    pack_dir, path = write_inputs(folder, pack, manifest)
    if run("validate", pack_dir, path, "--pack", pack_dir).exit_code != 0:
        return
    case = pack_dir / "cases" / "fuzzed"
    shutil.copytree(folder / "evidence", case / "evidence")
    shutil.copy(path, case / "manifest.yaml")
    (case / "expected.yaml").write_text("outcome: {}\n")
    for args in (
        ("evaluate", path, "--pack", pack_dir, "--format", "json"),
        ("gaps", path, "--pack", pack_dir, "--format", "json"),
        ("report", path, "--pack", pack_dir, "--out", folder / "report.html"),
        ("test", pack_dir),
    ):
        assert run(*args).exit_code in (0, 1), args
