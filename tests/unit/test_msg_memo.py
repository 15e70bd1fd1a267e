"""A message said before is the one already made, and only when it says the same in every
language: parameters of another type, a nested message of another id, or -0.0 for 0.0 make
another message."""

from __future__ import annotations

import copy
import pickle

from ccom_rules.i18n import EvidenceType, Msg, reasons, say
from ccom_rules.model.common import Text


def test_same_id_and_parameters_give_the_same_message() -> None:
    a = Msg("present.ok", count=2, type=EvidenceType("drill_record"), min=2)
    assert Msg("present.ok", count=2, type=EvidenceType("drill_record"), min=2) is a
    assert Msg("present.ok", count=3, type=EvidenceType("drill_record"), min=2) != a


def test_evidence_type_and_plain_text_stay_apart() -> None:
    titled = Msg("evidence.none", type=EvidenceType("kpi_report"))
    plain = Msg("evidence.none", type="kpi_report")
    assert titled == plain == "no kpi_report" and titled is not plain

    def titles(type_id: str) -> Text:
        return Text(en="monthly KPI report", zh="月度KPI报告")

    assert say(titled, "en", titles) == "no monthly KPI report"
    assert say(plain, "en", titles) == "no kpi_report"


def test_nested_message_and_its_text_stay_apart() -> None:
    nested = Msg("reason.assessor", note=Msg("finding.met"))
    written = Msg("reason.assessor", note="met")
    assert nested == written and nested is not written
    assert say(nested, "zh") != say(written, "zh")


def test_signed_zero_and_int_stay_apart() -> None:
    def ok(value: float | int) -> Msg:
        return Msg("metric.ok", metric="m", value=value, item="i", wanted=Msg("metric.min", min=0.0))

    assert ok(0.0) == "m = 0 in i (≥ 0)"
    assert ok(-0.0) == "m = -0 in i (≥ 0)"
    assert ok(0) is not ok(0.0)


def test_text_parameters_by_content() -> None:
    first = Msg("assessor.needed", guide=Text(en="walk the floor", zh="现场查看"))
    second = Msg("assessor.needed", guide=Text(en="interview the lead", zh="访谈负责人"))
    assert first != second and say(second, "zh") != say(first, "zh")


def test_copies_and_pickles_keep_what_they_say() -> None:
    msg = Msg("series.ok", end="2026-06", count=12, period=Msg("series.month"), type=EvidenceType("kpi"))
    for again in (copy.deepcopy(msg), pickle.loads(pickle.dumps(msg))):
        assert again == msg and say(again, "zh") == say(msg, "zh")


def test_a_maker_says_what_msg_says() -> None:
    drill = EvidenceType("drill_record")
    ok = reasons("present.ok", ("count",), type=drill, min=2)
    for count in (2, 3, 2):
        (made,) = ok(count)
        direct = Msg("present.ok", count=count, type=drill, min=2)
        assert made == direct and say(made, "zh") == say(direct, "zh")
        assert made.msg_id == "present.ok" and dict(made.params) == {"count": count, "type": drill, "min": 2}
    assert ok(2) is ok(2) and ok(2) != ok(3)
