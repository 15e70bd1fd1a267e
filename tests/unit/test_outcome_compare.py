"""Each scoring model says how its outcome moved between two results (what the ratchet reads)."""

from __future__ import annotations

from ccom_rules import Result
from ccom_rules.ratchet import outcome_changes

from ..golden.golden import GOLDEN


def _result(name: str) -> Result:
    return Result.model_validate_json((GOLDEN / "examples" / f"{name}.evaluate.json").read_text(encoding="utf-8"))


def test_each_model_names_what_got_worse_and_what_got_better() -> None:
    young, bank = _result("jade-river-health"), _result("harbour-bank")
    for pack in ("ccom_sj_t_11739", "cc_cmm", "cccs_op_2003"):
        worse, better = outcome_changes(bank.pack(pack).outcome, young.pack(pack).outcome)
        back_worse, back_better = outcome_changes(young.pack(pack).outcome, bank.pack(pack).outcome)
        assert worse and not back_worse and back_better, pack  # the young centre is behind the bank on every standard
    worse, _ = outcome_changes(bank.pack("cc_cmm").outcome, young.pack("cc_cmm").outcome)
    assert "level L2 → L0" in worse and "certifiable level L2 → L0" in worse
    worse, _ = outcome_changes(bank.pack("ccom_sj_t_11739").outcome, young.pack("ccom_sj_t_11739").outcome)
    assert "pass → fail" in worse
    worse, _ = outcome_changes(bank.pack("cccs_op_2003").outcome, young.pack("cccs_op_2003").outcome)
    assert worse[0].startswith("score 73 → 54") and "band certified → conditional" in worse[0]
    assert outcome_changes(bank.pack("cc_cmm").outcome, bank.pack("cc_cmm").outcome) == ([], [])
