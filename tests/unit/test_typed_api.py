"""Typed per-model accessors and the error for a pack that was not evaluated."""

from __future__ import annotations

import pytest

import ccom_rules
from ccom_rules import MaturityOutcome, UnknownPack, WrongModel, evaluate, load_manifest

from ..conftest import EXAMPLES, real_packs


def test_accessors_return_the_typed_outcome_or_say_why_not() -> None:
    packs = list(real_packs())
    result = evaluate(packs, load_manifest(EXAMPLES / "harbour-bank" / "manifest.yaml", packs))
    assert result.maturity("cc_cmm") is result.pack("cc_cmm").outcome
    assert isinstance(result.maturity("cc_cmm"), MaturityOutcome)
    assert result.bands("cccs_op_2003").band == result.pack("cccs_op_2003").outcome.model_dump()["band"]
    assert isinstance(result.pass_fail("ccom_sj_t_11739").passed, bool)
    with pytest.raises(WrongModel, match="cc_cmm is scored maturity_levels, not weighted_bands"):
        result.bands("cc_cmm")
    with pytest.raises(UnknownPack) as err:
        result.pack("nope")
    assert isinstance(err.value, KeyError)
    assert str(err.value) == "pack 'nope' was not evaluated; the result holds cc_cmm, cccs_op_2003, ccom_sj_t_11739"
    with pytest.raises(KeyError):
        result.maturity("nope")


def test_every_public_name_resolves() -> None:
    for name in ccom_rules.__all__:
        assert getattr(ccom_rules, name) is not None


def test_each_model_says_its_headline_in_english_and_chinese() -> None:
    from ccom_rules.scoring import model_of

    packs = list(real_packs())
    result = evaluate(packs, load_manifest(EXAMPLES / "jade-river-health" / "manifest.yaml", packs))
    said = {
        p.pack.id: (model_of(p.outcome).headline(p.outcome), model_of(p.outcome).headline(p.outcome, "zh")) for p in result.packs
    }
    assert said["ccom_sj_t_11739"] == ("FAIL — 21 nonconformities, 0 not assessed", "未通过 — 21 项不符合，0 项未评估")
    assert said["cc_cmm"][1].startswith("证据支持 L0，可认证 L0")
    assert said["cccs_op_2003"] == ("54/100 — Certified on condition (conditional)", "54/100 — 有条件认证（conditional）")
