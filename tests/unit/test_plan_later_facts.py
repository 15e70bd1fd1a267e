"""A check of a plan on a later date with no action done by then reads the manifest's own facts
moved to that date (the same items, and what they indexed already) instead of indexing the
manifest again: the facts, and so the plans, are those made afresh."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ccom_rules import load_manifest
from ccom_rules.model.manifest import Manifest
from ccom_rules.planner import plan_remediation
from ccom_rules.planner.timeline import as_of
from ccom_rules.predicates import Facts
from ccom_rules.predicates.people import certificate_holders

from ..conftest import EXAMPLES, real_packs

SUMMIT = EXAMPLES / "summit-outsourcing" / "manifest.yaml"


def _with_item_the_day_after(manifest: Manifest) -> Manifest:
    """``manifest`` with one more item, a copy of its first, dated the day after the assessment."""
    day_after = manifest.assessment.date + timedelta(days=1)
    extra = manifest.evidence[0].model_copy(update={"id": "later-item", "date": day_after})
    return manifest.model_copy(update={"evidence": (*manifest.evidence, extra)})


def test_facts_moved_to_a_later_date_equal_those_made_on_it() -> None:
    manifest = load_manifest(SUMMIT, real_packs())
    facts = Facts.of(manifest)
    facts.covered("monthly_performance_report", "month")  # an index built before the move is carried with it
    on = manifest.assessment.date + timedelta(days=30)
    moved = facts.later(on, manifest.evidence)
    assert moved is not None and moved.on == on
    fresh = Facts.of(as_of(manifest, on))
    assert (moved.on, moved.by_type, moved.people, moved.now) == (fresh.on, fresh.by_type, fresh.people, fresh.now)
    assert moved.memo is not facts.memo and moved.memo.items() >= facts.memo.items()
    # An item dated in between, an earlier date, or facts looking ahead of a plan's `now`: not moved.
    between = _with_item_the_day_after(manifest)
    assert Facts.of(between).later(on, between.evidence) is None
    assert facts.later(manifest.assessment.date - timedelta(days=1), manifest.evidence) is None
    assert Facts.of(manifest, manifest.assessment.date).later(on, manifest.evidence) is None


def test_certificate_holders_are_found_for_each_date_of_the_moved_facts() -> None:
    manifest = load_manifest(SUMMIT, real_packs())
    person = manifest.people[0]  # Wang Lihua: CEL-2022-0655 expires on 2026-11-04
    cert = person.certificates[0]
    assert cert.expires is not None and cert.valid_on(manifest.assessment.date)
    facts = Facts.of(manifest)
    held = certificate_holders(facts, cert.scheme, None)
    moved = facts.later(cert.expires + timedelta(days=1), manifest.evidence)
    assert moved is not None
    assert cert.number in held[0]
    assert certificate_holders(moved, cert.scheme, None) == certificate_holders(
        Facts.of(as_of(manifest, moved.on)), cert.scheme, None
    )
    assert cert.number not in certificate_holders(moved, cert.scheme, None)[0]


@pytest.mark.parametrize("with_item", [False, True], ids=["as-given", "item-the-day-after"])
def test_a_plan_checked_on_moved_facts_equals_one_on_facts_made_afresh(with_item: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Summit's L4 waits for L3 to be certified first: it is checked the day after the
    assessment, with no action, on the assessment's facts moved there (or, with an item dated
    that day, on facts made afresh)."""
    packs = real_packs()
    manifest = load_manifest(SUMMIT, packs)
    if with_item:
        manifest = _with_item_the_day_after(manifest)
    moves: list[bool] = []
    later = Facts.later

    def counting(self: Facts, *args, **kwargs):  # type: ignore[no-untyped-def]
        found = later(self, *args, **kwargs)
        moves.append(found is not None)
        return found

    monkeypatch.setattr(Facts, "later", counting)
    moved = plan_remediation(packs, manifest)
    assert moves and (False in moves) == with_item
    monkeypatch.setattr("ccom_rules.planner.start.Start.facts", lambda self, m: Facts.of(m))
    afresh = plan_remediation(packs, manifest)
    assert moved.model_dump_json() == afresh.model_dump_json()
    assert any(t.assumes for t in moved.targets), "no target waited for a certification: the check proves nothing"
