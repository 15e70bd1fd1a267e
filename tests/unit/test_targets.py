"""Targets mean the same in --require and in the planner."""

from __future__ import annotations

import pytest

from ccom_rules import evaluate, load_manifest, parse_requirement, plan_remediation

from ..conftest import EXAMPLES, real_packs


@pytest.mark.parametrize("expr", ["cccs_op_2003:0", "cc_cmm:L0", "cc_cmm:L1"])
def test_a_target_met_at_the_start_is_met_everywhere(expr: str) -> None:
    packs = list(real_packs())
    manifest = load_manifest(EXAMPLES / "harbour-bank" / "manifest.yaml", packs)
    req = parse_requirement(expr)
    met, _ = req.check(evaluate(packs, manifest).pack(req.pack))
    assert met
    (status,) = plan_remediation(packs, manifest, [expr]).targets
    assert (status.target, status.reached, status.reason) == (expr, True, "already met")


def test_targets_read_back_as_written() -> None:
    for expr in ("ccom_sj_t_11739:pass", "cc_cmm:L3", "cccs_op_2003:81"):
        assert str(parse_requirement(expr)) == expr
    with pytest.raises(ValueError, match=r"use PACK:pass, PACK:L<n> or PACK:<score>"):
        parse_requirement("cc_cmm:L10")
