"""Message catalogues: every id in both languages with the same placeholders; reasons keep their ids."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from ccom_rules import evaluate, load_manifest
from ccom_rules.i18n import LANGS, EvidenceType, Msg, catalogue, langs_of, placeholders, say, t
from tests.conftest import EXAMPLES, real_packs


def test_every_message_is_in_every_language_with_the_same_placeholders() -> None:
    en, zh = catalogue("en"), catalogue("zh")
    assert sorted(set(en) - set(zh)) == [], "missing in zh.yaml"
    assert sorted(set(zh) - set(en)) == [], "missing in en.yaml"
    differ = {k: (placeholders(en[k]), placeholders(zh[k])) for k in en if placeholders(en[k]) != placeholders(zh[k])}
    assert differ == {}


def test_chinese_messages_are_translated() -> None:
    """A message with English words outside its placeholders is not left the same in zh.yaml."""
    en, zh = catalogue("en"), catalogue("zh")
    words = re.compile(r"[A-Za-z]{2,}")
    untranslated = [k for k in en if en[k] == zh[k] and words.search(re.sub(r"\{[^}]*\}", "", en[k]))]
    assert untranslated == []


def test_a_message_is_its_english_text_and_says_itself_in_chinese() -> None:
    msg = Msg("present.short", count=1, min=2, type=EvidenceType("drill_record"))
    assert msg == "1 of 2 drill_record item(s) present"
    assert say(msg, "zh") == "「drill_record」仅有 1 份，需要 2 份"
    assert say(msg, "en", lambda _: None) == msg
    from ccom_rules.model.common import Text

    named = say(msg, "zh", lambda _: Text(en="Drill record", zh="演练记录"))
    assert named == "「演练记录」仅有 1 份，需要 2 份"
    assert say("plain text from a manifest", "zh") == "plain text from a manifest"


def test_nested_messages_and_lists_are_said_in_the_same_language() -> None:
    inner = Msg("evidence.none", type=EvidenceType("x"))
    msg = Msg("reason.at", checkpoint="6.1-a", reason=Msg("logic.none_of", reasons=(inner, inner)))
    assert msg == "6.1-a: none of: no x; no x"
    assert say(msg, "zh") == "6.1-a：以下均不满足：缺少「x」；缺少「x」"


def test_messages_survive_copy_and_pickle() -> None:
    msg = Msg("evidence.none", type=EvidenceType("x"))
    for other in (copy.deepcopy(msg), pickle.loads(pickle.dumps(msg))):
        assert isinstance(other, Msg) and other == msg and say(other, "zh") == say(msg, "zh")


def test_t_formats_and_rejects_unknown_ids() -> None:
    assert t("maturity.total", "en", total=3, level=2, required=5) == "total is 3 points, L2 needs 5"
    with pytest.raises(KeyError):
        t("no.such.message", "en")
    assert langs_of("both") == LANGS and langs_of("zh") == ("zh",)
    with pytest.raises(ValueError):
        langs_of("fr")


def test_every_reason_of_the_examples_can_be_said_in_chinese() -> None:
    """Reasons in results keep their message ids through the result models, so renderers can translate them."""
    packs = list(real_packs())
    for name in ("harbour-bank", "jade-river-health", "summit-outsourcing"):
        result = evaluate(packs, load_manifest(EXAMPLES / name / "manifest.yaml", packs))
        reasons = [r for p in result.packs for c in p.clauses for cp in c.checkpoints for r in cp.reasons]
        reasons += [
            r for p in result.packs if p.outcome.model == "pass_fail" for nc in p.outcome.nonconformities for r in nc.reasons
        ]
        reasons += [g.message for p in result.packs if p.outcome.model == "maturity_levels" for g in p.outcome.next_level_gaps]
        assert reasons
        plain = [r for r in reasons if not isinstance(r, Msg)]
        assert plain == []
        assert all(re.search("[\u4e00-\u9fff]", say(r, "zh")) for r in reasons)
