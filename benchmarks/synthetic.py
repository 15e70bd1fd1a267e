"""A deterministic synthetic manifest drawn from the packs' own catalogues (for the benchmarks)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from collections.abc import Sequence
from typing import Any


def _predicates(pred: Any) -> Any:
    yield pred
    for sub in getattr(pred, "of", ()) or ():
        yield from _predicates(sub)


def _period_back(granularity: str, on: date, back: int) -> tuple[str, date]:
    """The label and last day of the period ``back`` periods before the one containing ``on``."""
    from ccom_rules.model.common import ordinal_of_date, period_end, period_label

    ordinal = ordinal_of_date(granularity, on) - back  # type: ignore[arg-type]
    return period_label(granularity, ordinal), period_end(granularity, ordinal)  # type: ignore[arg-type]


def synthetic_manifest_data(packs: Sequence[Any], items: int = 500, seed: int = 11739) -> dict[str, Any]:
    """A deterministic manifest of ``items`` evidence items drawn from the packs' catalogues:
    every evidence type, monthly/quarterly/yearly series with a few gaps, metrics around each
    threshold, approvals, a few items dated after the assessment, people with CEL and key-post
    certificates (some expired, one number listed twice), findings, ratings, fractions and
    not-applicable declarations."""
    rng = random.Random(seed)
    on = date(2026, 6, 30)
    types: dict[str, dict[str, Any]] = {}
    schemes: dict[str, set[str]] = {}
    for pack in packs:
        for et in pack.evidence_types:
            types.setdefault(et.id, {"periods": set(), "metrics": {}, "roles": set()})
        preds = [cp.evidence for cp, _ in pack.index.checkpoints.values()]
        preds += [pre.check for pre in getattr(pack.scoring, "prerequisites", ())]
        for top in preds:
            for pred in _predicates(top):
                kind = pred.kind
                if kind == "certified_people":
                    schemes.setdefault(pred.scheme, set()).add(pred.role or "")
                    continue
                info = types.setdefault(getattr(pred, "type", ""), {"periods": set(), "metrics": {}, "roles": set()})
                if kind == "continuous":
                    info["periods"].add(pred.period)
                elif kind == "metric":
                    info["metrics"][pred.metric] = (pred.min, pred.max)
                elif kind == "approved":
                    info["roles"].add(pred.role or "")
    types.pop("", None)
    names = sorted(types)
    counters = dict.fromkeys(names, 0)
    evidence = []
    for n in range(items):
        etype = names[n % len(names)] if n < 2 * len(names) else rng.choice(names)
        info = types[etype]
        k = counters[etype]
        counters[etype] += 1
        item: dict[str, Any] = {"id": f"ev-{n:04d}", "type": etype, "title": f"{etype} #{k + 1}"}
        if info["periods"]:
            granularity = sorted(info["periods"])[k % len(info["periods"])]
            back = k % 96 + (1 if rng.random() < 0.08 else 0)  # an occasional gap; large manifests repeat periods
            label, end = _period_back(granularity, on, back)
            item["period"] = label
            item["date"] = min(end, on)
        else:
            item["date"] = on - timedelta(days=rng.randint(0, 900))
        if rng.random() < 0.03:
            item["date"] = on + timedelta(days=rng.randint(1, 60))  # after the assessment: ignored
        if info["metrics"]:
            metrics = {}
            for metric, (lo, hi) in sorted(info["metrics"].items()):
                edge = lo if lo is not None else hi
                metrics[metric] = round(edge * rng.uniform(0.9, 1.1), 4) if edge else round(rng.uniform(0, 1), 4)
            item["metrics"] = metrics
        if info["roles"] and rng.random() < 0.7:
            role = sorted(info["roles"])[k % len(info["roles"])] or "Director"
            item["approval"] = {"by": f"Approver {k % 7}", "role": role, "date": item["date"] - timedelta(days=3)}
        if n % 50 == 0:
            item["uri"] = f"https://records.example.invalid/{etype}/{k}"
        evidence.append(item)
    people = []
    for i in range(40):
        scheme_names = sorted(schemes) or ["CEL"]
        scheme = "CEL" if i % 2 == 0 and "CEL" in schemes else scheme_names[i % len(scheme_names)]
        roles = sorted(schemes.get(scheme, {""}))
        issued = on - timedelta(days=rng.randint(30, 1500))
        cert: dict[str, Any] = {"scheme": scheme, "number": f"{scheme}-{i:03d}", "issued": issued}
        if i % 9 == 4:
            cert["expires"] = on - timedelta(days=10)  # expired
        if i == 39:
            cert["number"] = f"{scheme}-001"  # listed twice: counts once
        people.append({"name": f"Person {i:02d}", "role": roles[i % len(roles)], "certificates": [cert]})
    findings, not_applicable = [], []
    for pack in packs:
        index = pack.index
        model = pack.scoring.model
        if model == "maturity_levels":
            items_ = index.leaves_under((*pack.scoring.core_sections, *pack.scoring.innovation_sections))
            for clause in rng.sample(items_, min(25, len(items_))):
                findings.append(
                    {"pack": pack.id, "target": clause.id, "c_rate": rng.choice([0, 5, 10]), "f_rate": rng.choice([0, 5, 10])}
                )
        elif model == "weighted_bands":
            tops = tuple(p.clause.id for p in index.clauses.values() if p.depth == 0)
            items_ = index.leaves_under(tops)
            for clause in rng.sample(items_, min(25, len(items_))):
                findings.append({"pack": pack.id, "target": clause.id, "fraction": rng.choice([0.0, 0.25, 0.5, 1.0])})
        taken = {f["target"] for f in findings if f["pack"] == pack.id}
        checkpoints = sorted(c for c in index.checkpoints if c not in taken)
        for cp in rng.sample(checkpoints, min(20, len(checkpoints))):
            findings.append(
                {
                    "pack": pack.id,
                    "target": cp,
                    "status": rng.choice(["met", "partially_met", "not_met"]),
                    "note": "observed on site",
                }
            )
            taken.add(cp)
        free = [c for c in index.order if c not in taken and index.clauses[c].depth > 0]
        for cid in rng.sample(free, min(2, len(free))):
            not_applicable.append({"pack": pack.id, "target": cid, "reason": "not offered by this centre"})
    certified = [{"pack": p.id, "level": 2, "date": date(2024, 5, 1)} for p in packs if p.scoring.model == "maturity_levels"]
    return {
        "manifest_version": 1,
        "organisation": {
            "name": "Synthetic Centre",
            "sourcing": "in_house",
            "industry": "banking",
            "operations_began": date(2021, 3, 1),
            "seats": 800,
        },
        "assessment": {"date": on, "scope": "all sites", "assessor": "bench", "precedence": "assessor"},
        "evidence": evidence,
        "people": people,
        "findings": findings,
        "not_applicable": not_applicable,
        "certified_levels": certified,
    }
