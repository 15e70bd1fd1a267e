"""Every predicate, driven by the case files in tests/cases/predicates/<kind>/<case>.yaml."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import get_args

import pytest
import yaml
from pydantic import TypeAdapter

from ccom_rules.model.manifest import Manifest
from ccom_rules.predicates import Facts, Predicate

from ..conftest import CASES

CASE_FILES = sorted((CASES / "predicates").glob("*/*.yaml"))
PREDICATE = TypeAdapter(Predicate)


def _facts(case: dict) -> Facts:
    manifest = Manifest.model_validate(
        {
            "organisation": {
                "name": "Case",
                "sourcing": "in_house",
                "industry": "x",
                "operations_began": "2020-01-01",
                "seats": 1,
            },
            "assessment": {"date": case["on"]},
            "evidence": case.get("evidence") or [],
            "people": case.get("people") or [],
        }
    )
    return Facts.of(manifest)


@pytest.mark.parametrize("path", CASE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in CASE_FILES])
def test_predicate_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    predicate = PREDICATE.validate_python(case["predicate"])
    outcome = predicate.evaluate(_facts(case))
    expect = case["expect"]
    assert outcome.satisfied is expect["satisfied"], outcome.reasons
    if "degree" in expect:
        assert outcome.degree == Fraction(expect["degree"]), outcome.reasons
    if "reason" in expect:
        assert any(expect["reason"] in r for r in outcome.reasons), outcome.reasons
    if "evidence" in expect:
        assert list(outcome.evidence) == expect["evidence"]
    if "decided" in expect:
        assert outcome.decided is expect["decided"]
    assert 0 <= outcome.degree <= 1
    assert outcome.satisfied == (outcome.degree == 1)


def test_every_predicate_kind_has_cases() -> None:
    kinds = {member.model_fields["kind"].default for member in get_args(get_args(Predicate)[0])}
    covered = set()
    for path in CASE_FILES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        stack = [case["predicate"]]
        while stack:
            node = stack.pop()
            covered.add(node["kind"])
            stack += node.get("of", [])
    assert kinds <= covered, f"predicates without a case: {sorted(kinds - covered)}"


def test_a_bilingual_guide_reads_as_its_english_and_says_its_chinese() -> None:
    from ccom_rules.i18n import say

    facts = _facts({"on": "2026-06-30"})
    plain = PREDICATE.validate_python({"kind": "assessor_check", "guide": "Interview two agents."})
    both = PREDICATE.validate_python({"kind": "assessor_check", "guide": {"en": "Interview two agents.", "zh": "访谈两名座席。"}})
    (en_reason,) = plain.evaluate(facts).reasons
    (reason,) = both.evaluate(facts).reasons
    assert reason == en_reason  # results keep the English text byte for byte
    assert say(reason, "zh").endswith("访谈两名座席。")


def test_every_bundled_assessor_guide_has_chinese() -> None:
    from ccom_rules import installed_packs
    from ccom_rules.model.common import Text
    from ccom_rules.predicates import AllOf, AnyOf, AssessorCheck, AtLeast

    def guides(pred: object) -> list[object]:
        if isinstance(pred, AssessorCheck):
            return [pred.guide]
        if isinstance(pred, (AllOf, AnyOf, AtLeast)):
            return [g for sub in pred.of for g in guides(sub)]
        return []

    found = [
        (pack.id, cp.id, g)
        for pack in installed_packs()
        for cp, _ in pack.index.checkpoints.values()
        for g in guides(cp.evidence)
    ]
    assert len(found) >= 73
    assert [(p, c) for p, c, g in found if not isinstance(g, Text)] == []


def test_certificate_holders_sort_the_people_once_for_every_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan for a pack asking for 1,000 holders of each of 100 schemes adds 100,000 people; every
    scheme's count sorted all of them again, on every state the plan tried (gaps ran for minutes).
    The people are now sorted once per facts; each scheme reads only its own certificates."""
    from datetime import date

    from ccom_rules.model.manifest import Person
    from ccom_rules.predicates import people as module

    people = tuple(
        Person.model_validate(
            {
                "name": f"P{n:03d}",
                "role": "Agent" if n % 2 else "Lead",
                "certificates": [
                    {
                        "scheme": f"S{n % 30}",
                        "number": f"N{n}",
                        "issued": "2026-01-01",
                        **({"expires": "2026-03-01"} if n % 7 == 0 else {}),
                    }
                ],
            }
        )
        for n in range(300)
    )
    facts = Facts(on=date(2026, 6, 30), by_type={}, people=people)
    sorts = 0
    real_sorted = sorted

    def counting_sorted(*args: object, **kwargs: object) -> object:
        nonlocal sorts
        sorts += 1
        return real_sorted(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(module, "sorted", counting_sorted, raising=False)
    for n in range(30):
        numbers, expired = module.certificate_holders(facts, f"S{n}", None)
        holders = [p for p in people if p.certificates[0].scheme == f"S{n}"]
        assert numbers == {p.certificates[0].number: p.name for p in holders if p.certificates[0].expires is None}
        assert expired == sum(1 for p in holders if p.certificates[0].expires is not None)
        leads, _ = module.certificate_holders(facts, f"S{n}", "lead")
        assert leads == {k: v for k, v in numbers.items() if int(v[1:]) % 2 == 0}
    assert sorts == 1
