"""The engine's laws, stated as hypothesis properties over the fixture packs.

* adding evidence never lowers an outcome;
* the order of evidence and people never changes the result;
* scores, levels and fractions stay in range;
* every model survives dump → load.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccom_rules import InvalidInput, evaluate
from ccom_rules.loader import installed_pack_dirs, load_manifest, read_pack
from ccom_rules.model.common import ordinal_of_date, period_label
from ccom_rules.model.manifest import Manifest
from ccom_rules.model.pack import ClausePack
from ccom_rules.model.result import BandsOutcome, MaturityOutcome, PassFailOutcome, Result
from ccom_rules.scoring import MaturityLevels, WeightedBands

from ..conftest import fixture_pack

PACKS: tuple[ClausePack, ...] = tuple(fixture_pack(n) for n in ("mini_pf", "mini_levels", "mini_bands"))
BY_ID = {p.id: p for p in PACKS}
TYPES = sorted({t for p in PACKS for t in p.index.evidence_types}) + ["unlisted_type"]
METRICS = ("service_level", "abandon_rate", "first_contact_resolution")
PEOPLE = ("Wang Fang", "Zhao Lei", "Li Na", "Chen Jie")
ROLES = ("", "Director", "Manager", "Agent")
SCHEMES = ("CEL", "WFMP")
CERT_NUMBERS = tuple(f"CEL-{n:03d}" for n in range(1, 6))

LAWS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# met > partially_met > not_met = not_assessed; a declaration is not evidence and never changes here.
RANK = {"not_assessed": 0, "not_met": 0, "partially_met": 1, "met": 2, "not_applicable": 3}


def day(around: date) -> st.SearchStrategy[date]:
    """A day from about three years before ``around`` to a couple of months after it."""
    return st.integers(-1100, 70).map(lambda n: around + timedelta(days=n))


@st.composite
def evidence_item(draw: st.DrawFn, item_id: str, on: date) -> dict[str, Any]:
    issued = draw(day(on))
    item: dict[str, Any] = {"id": item_id, "type": draw(st.sampled_from(TYPES)), "title": f"Item {item_id}", "date": issued}
    period = draw(st.sampled_from((None, "same", "month", "quarter", "year")))
    if period == "same":
        item["period"] = period_label("month", ordinal_of_date("month", issued))
    elif period is not None:
        covered = draw(day(on))
        item["period"] = period_label(period, ordinal_of_date(period, covered))
    if draw(st.booleans()):
        item["approval"] = {"by": draw(st.sampled_from(PEOPLE)), "role": draw(st.sampled_from(ROLES)), "date": draw(day(on))}
    item["metrics"] = draw(
        st.dictionaries(
            st.sampled_from(METRICS),
            st.floats(0, 1.2, allow_nan=False, allow_infinity=False),
            max_size=2,
        )
    )
    return item


@st.composite
def certificate(draw: st.DrawFn, on: date) -> dict[str, Any]:
    issued = draw(day(on))
    cert: dict[str, Any] = {
        "scheme": draw(st.sampled_from(SCHEMES)),
        "number": draw(st.sampled_from(CERT_NUMBERS)),
        "issued": issued,
    }
    if draw(st.booleans()):
        cert["expires"] = issued + timedelta(days=draw(st.integers(0, 1500)))
    return cert


@st.composite
def person(draw: st.DrawFn, on: date) -> dict[str, Any]:
    return {
        "name": draw(st.sampled_from(PEOPLE)),
        "role": draw(st.sampled_from(ROLES)),
        "certificates": draw(st.lists(certificate(on), max_size=2)),
    }


@st.composite
def finding(draw: st.DrawFn, pack: ClausePack, target: str) -> dict[str, Any]:
    out: dict[str, Any] = {"pack": pack.id, "target": target}
    if draw(st.booleans()):
        out["status"] = draw(st.sampled_from(("met", "partially_met", "not_met")))
    if isinstance(pack.scoring, MaturityLevels):
        if draw(st.booleans()):
            out["c_rate"] = draw(st.sampled_from((0, 5, 10)))
        if draw(st.booleans()):
            out["f_rate"] = draw(st.sampled_from((0, 5, 10)))
    if isinstance(pack.scoring, WeightedBands) and draw(st.booleans()):
        out["fraction"] = draw(st.floats(0, 1, allow_nan=False))
    if len(out) == 2:
        out["status"] = "met"
    if draw(st.booleans()):
        out["note"] = "seen on site"
    return out


@st.composite
def assessor_input(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Findings (one per target at most) and not-applicable declarations for the fixture packs."""
    findings: list[dict[str, Any]] = []
    waivers: list[dict[str, Any]] = []
    for pack in PACKS:
        targets = sorted(set(pack.index.clauses) | set(pack.index.checkpoints))
        chosen = draw(st.lists(st.sampled_from(targets), unique=True, max_size=4))
        findings += [draw(finding(pack, t)) for t in chosen]
        for target in draw(st.lists(st.sampled_from(targets), unique=True, max_size=1)):
            waivers.append({"pack": pack.id, "target": target, "reason": "out of scope"})
    return findings, waivers


@st.composite
def manifests(draw: st.DrawFn, max_items: int = 14) -> dict[str, Any]:
    """A manifest as plain data (what YAML would give), for all three fixture packs at once."""
    on = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    count = draw(st.integers(0, max_items))
    evidence = [draw(evidence_item(f"e{i:02d}", on)) for i in range(count)]
    findings, waivers = draw(assessor_input()) if draw(st.booleans()) else ([], [])
    data: dict[str, Any] = {
        "organisation": {
            "name": "Generated Centre",
            "sourcing": draw(st.sampled_from(("in_house", "outsourced"))),
            "industry": "banking",
            "operations_began": on - timedelta(days=draw(st.integers(0, 3700))),
            "seats": 50,
        },
        "assessment": {"date": on, "precedence": draw(st.sampled_from(("assessor", "stricter")))},
        "evidence": evidence,
        "people": draw(st.lists(person(on), max_size=4)),
        "findings": findings,
        "not_applicable": waivers,
    }
    if draw(st.booleans()):
        data["certified_levels"] = [
            {"pack": "mini_levels", "level": draw(st.integers(0, 5)), "date": on - timedelta(days=draw(st.integers(0, 900)))}
        ]
    return data


@st.composite
def more_evidence(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with one more evidence item, certificate or certified person."""
    on = data["assessment"]["date"]
    bigger = {**data, "evidence": list(data["evidence"]), "people": [dict(p) for p in data["people"]]}
    what = draw(st.sampled_from(("item", "certificate", "person")))
    if what == "item" or (what == "certificate" and not bigger["people"]):
        bigger["evidence"].append(draw(evidence_item("zz-extra", on)))
    elif what == "certificate":
        i = draw(st.integers(0, len(bigger["people"]) - 1))
        bigger["people"][i]["certificates"] = [*bigger["people"][i]["certificates"], draw(certificate(on))]
    else:
        bigger["people"].append(draw(person(on)))
    return bigger


def rank_of(result: Result) -> dict[tuple[str, str], int]:
    """Rank of every checkpoint and clause status, by (pack, id)."""
    ranks = {}
    for pr in result.packs:
        for clause in pr.clauses:
            ranks[(pr.pack.id, clause.id)] = RANK[clause.status]
            for cp in clause.checkpoints:
                ranks[(pr.pack.id, cp.id)] = RANK[cp.status]
    return ranks


@LAWS
@given(st.data())
def test_adding_evidence_never_lowers_an_outcome(data: st.DataObject) -> None:
    small = data.draw(manifests(), label="manifest")
    big = data.draw(more_evidence(small), label="with more evidence")
    before = evaluate(PACKS, Manifest.model_validate(small))
    after = evaluate(PACKS, Manifest.model_validate(big))
    for was, now in zip(before.packs, after.packs):
        a, b = was.outcome, now.outcome
        if isinstance(a, PassFailOutcome) and isinstance(b, PassFailOutcome):
            assert b.passed or not a.passed, f"{was.pack.id} passed before and fails after"
            assert sum(p.held for p in b.prerequisites) >= sum(p.held for p in a.prerequisites)
        elif isinstance(a, MaturityOutcome) and isinstance(b, MaturityOutcome):
            assert b.level >= a.level
            assert b.certifiable_level >= a.certifiable_level
            assert b.total >= a.total
        elif isinstance(a, BandsOutcome) and isinstance(b, BandsOutcome):
            assert b.score >= a.score
            assert b.raw_score >= a.raw_score - 1e-9
        else:  # pragma: no cover - the same pack gives the same model
            pytest.fail(f"outcome model changed: {a.model} → {b.model}")
    ranks_before, ranks_after = rank_of(before), rank_of(after)
    lowered = {k: (ranks_before[k], ranks_after[k]) for k in ranks_before if ranks_after[k] < ranks_before[k]}
    assert not lowered, f"statuses lowered by more evidence: {lowered}"


@LAWS
@given(manifests(), st.randoms(use_true_random=False))
def test_evidence_and_people_order_never_change_the_result(data: dict[str, Any], rnd: random.Random) -> None:
    shuffled = {
        **data,
        "evidence": rnd.sample(data["evidence"], len(data["evidence"])),
        "people": rnd.sample(data["people"], len(data["people"])),
        "findings": rnd.sample(data["findings"], len(data["findings"])),
    }
    one = evaluate(PACKS, Manifest.model_validate(data))
    two = evaluate(PACKS, Manifest.model_validate(shuffled))
    # The manifest's sha256 is of its canonical content, so even the JSON is byte-identical.
    assert one.model_dump_json() == two.model_dump_json()


ORDER_EXAMPLE: dict[str, Any] = {
    "organisation": {
        "name": "Order Centre",
        "sourcing": "in_house",
        "industry": "banking",
        "operations_began": date(2020, 1, 1),
        "seats": 5,
    },
    "assessment": {"date": date(2026, 6, 30)},
    "evidence": [
        {"id": "a", "type": "strategic_plan", "title": "Strategy", "date": date(2026, 1, 15)},
        {"id": "b", "type": "kpi_definitions", "title": "KPI dictionary", "date": date(2025, 3, 1)},
    ],
}


def test_evidence_order_never_changes_the_result_json() -> None:
    reordered = {**ORDER_EXAMPLE, "evidence": list(reversed(ORDER_EXAMPLE["evidence"]))}
    one = evaluate(PACKS, Manifest.model_validate(ORDER_EXAMPLE)).model_dump_json()
    two = evaluate(PACKS, Manifest.model_validate(reordered)).model_dump_json()
    assert one == two


@LAWS
@given(manifests())
def test_scores_stay_in_range(data: dict[str, Any]) -> None:
    result = evaluate(PACKS, Manifest.model_validate(data))
    for pr in result.packs:
        pack = BY_ID[pr.pack.id]
        out = pr.outcome
        if isinstance(out, PassFailOutcome):
            assert out.passed == (not out.nonconformities and not out.not_assessed and all(p.held for p in out.prerequisites))
        elif isinstance(out, MaturityOutcome):
            assert isinstance(pack.scoring, MaturityLevels)
            full = pack.scoring.scale.full
            assert 0 <= out.total <= out.max_total
            assert out.max_total == 2 * full * (out.core.items + out.innovation.items)
            assert 0 <= out.level <= len(pack.scoring.levels)
            assert 0 <= out.certifiable_level <= out.level
            assert out.certifiable_level <= out.previous_level + 1
            assert out.next_level == (out.level + 1 if out.level < len(pack.scoring.levels) else None)
            for shares in (out.core, out.innovation):
                assert 0 <= shares.c_full <= shares.items and 0 <= shares.f_full <= shares.items
                assert 0 <= shares.c_percent <= 100 and 0 <= shares.f_percent <= 100
            for clause in pr.clauses:
                for rate in (clause.c_rate, clause.f_rate):
                    assert rate is None or 0 <= rate <= full
        elif isinstance(out, BandsOutcome):
            assert isinstance(pack.scoring, WeightedBands)
            assert 0 <= out.score <= out.max_total
            assert 0 <= out.raw_score <= out.max_total + 1e-9
            band = pack.scoring.band_for(out.score)
            assert out.band == band.id
            for cat in out.categories:
                assert cat.fraction is None or 0 <= cat.fraction <= 1
                assert 0 <= cat.score <= cat.points + 1e-9
            for clause in pr.clauses:
                assert clause.fraction is None or 0 <= clause.fraction <= 1
                if clause.score is not None and clause.points is not None:
                    assert 0 <= clause.score <= clause.points + 1e-9
            by_clause = {c.id: c for c in pr.clauses}
            for cat in out.categories:  # sub-item points and scores add up to their category's
                subs = [by_clause[s.id] for s in pack.index.leaves_under((cat.id,))]
                if cat.fraction is not None:
                    assert abs(sum(c.points or 0 for c in subs) - cat.points) < 1e-3
                    assert abs(sum(c.score or 0 for c in subs) - cat.score) < 1e-3


# --- dump → load ----------------------------------------------------------------------------


@LAWS
@given(manifests())
def test_manifest_survives_dump_and_load(data: dict[str, Any]) -> None:
    manifest = Manifest.model_validate(data)
    assert Manifest.model_validate_json(manifest.model_dump_json()) == manifest


@LAWS
@given(manifests())
def test_result_survives_dump_and_load(data: dict[str, Any]) -> None:
    result = evaluate(PACKS, Manifest.model_validate(data))
    again = Result.model_validate_json(result.model_dump_json())
    assert again == result
    assert again.model_dump_json() == result.model_dump_json()


@pytest.mark.parametrize("pack", PACKS, ids=[p.id for p in PACKS])
def test_fixture_pack_survives_dump_and_load(pack: ClausePack) -> None:
    again = ClausePack.model_validate_json(pack.model_dump_json())
    assert again == pack
    assert again.index.order == pack.index.order


INSTALLED = installed_pack_dirs()


@pytest.mark.parametrize("directory", INSTALLED, ids=[d.name for d in INSTALLED])
def test_installed_pack_survives_dump_and_load(directory: Any) -> None:
    pack, problems = read_pack(directory)
    if pack is None:
        pytest.skip(f"{directory.name} does not load yet ({sum(p.severity == 'error' for p in problems)} errors)")
    assert ClausePack.model_validate_json(pack.model_dump_json()) == pack


def test_non_finite_metric_is_refused_where_it_is_written(tmp_path: Any) -> None:
    """A metric written as ``.inf`` is refused, at its line, rather than lost as null in JSON."""
    path = tmp_path / "manifest.yaml"
    path.write_text(
        "organisation: {name: Inf Centre, sourcing: in_house, industry: banking, operations_began: 2020-01-01, seats: 5}\n"
        "assessment: {date: 2026-06-30}\n"
        "evidence:\n"
        "  - {id: r1, type: monthly_performance_report, title: June, date: 2026-06-05, metrics: {service_level: .inf}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_manifest(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.json_path) == (4, "$.evidence[0].metrics.service_level"), str(problem)
