"""The scoring-model seam: a fourth model, defined only in the tests, runs through every command.

``tests/scoring_model/percent_met.py`` implements ``ScoringModel`` (share of clauses met with a
pass mark, targets ``PACK:<n>%``); registering it is all it takes for a pack to use it with
evaluate, ``--require``, gaps, the planner, and each output format the table lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar
from pathlib import Path

import pytest

from ccom_rules import evaluate, load_manifest, load_pack
from ccom_rules.planner import apply_actions, plan_remediation
from ccom_rules.problems import InvalidInput
from ccom_rules.report.formats import FORMATS
from ccom_rules.requirements import parse_requirement
from ccom_rules.scoring import MODELS, register, unregister
from ccom_rules.scoring.starter import Starter

from ..cli.test_cli import _usage_error, run
from ..conftest import CASES, TESTS
from ..scoring_model.percent_met import PercentMet, PercentMetShown, PercentOutcome

PACK = TESTS / "scoring_model" / "mini_pct"
MANIFEST = CASES / "gaps" / "root_and_blocked" / "manifest.yaml"


@pytest.fixture
def percent() -> Iterator[None]:
    register(PercentMet)
    try:
        yield
    finally:
        unregister("percent_met")


def test_an_unregistered_model_is_an_error_in_the_pack() -> None:
    assert "percent_met" not in MODELS
    with pytest.raises(InvalidInput) as err:
        load_pack(PACK)
    assert any("percent_met" in p.message or p.json_path.startswith("$.scoring") for p in err.value.problems)


def test_library_evaluate_gaps_and_plan(percent: None) -> None:
    pack = load_pack(PACK)
    assert isinstance(pack.scoring, PercentMet) and pack.scoring.pass_mark == 75
    manifest = load_manifest(MANIFEST, [pack])
    result = evaluate([pack], manifest)
    out = result.outcome("mini_pct", PercentOutcome)
    assert (out.met, out.applicable, out.passed) == (1, 4, False)  # 6.7 met; 5, 6.1 and 6.8 not
    assert json.loads(result.model_dump_json())["packs"][0]["outcome"]["percent"] == 25
    req = parse_requirement("mini_pct:75%")
    assert req.check(result.pack("mini_pct")) == (False, "mini_pct: needs 75 % of clauses met, has 25 %")
    plan = plan_remediation([pack], manifest)  # the default target is the pass mark
    assert [t.target for t in plan.targets] == ["mini_pct:75%"] and plan.targets[0].reached
    assert any("more clause(s) met" in g.summary for a in plan.actions for g in a.gains)
    after = evaluate([pack], apply_actions(manifest, plan.actions)).outcome("mini_pct", PercentOutcome)
    assert after.percent >= 75 and after.passed
    full = plan_remediation([pack], manifest, ["mini_pct:100%"])
    assert full.targets[0].reached and len(full.actions) > len(plan.actions)
    (status,) = plan_remediation([pack], manifest, ["mini_pct:101%"]).targets
    assert not status.reachable and "0–100" in status.reason


def test_require(percent: None) -> None:
    assert run("evaluate", MANIFEST, "--pack", PACK, "--require", "mini_pct:25%").exit_code == 0
    result = run("evaluate", MANIFEST, "--pack", PACK, "--require", "mini_pct:75%")
    assert result.exit_code == 1 and "needs 75 % of clauses met, has 25 %" in result.stderr
    _usage_error(run("evaluate", MANIFEST, "--pack", PACK, "--require", "mini_pct:pass"), "':pass' needs a pass_fail pack")
    _usage_error(run("evaluate", MANIFEST, "--pack", PACK, "--require", "mini_pct:x"), "PACK:<n>%")


COMMANDS = {
    "evaluate": ("evaluate", MANIFEST, "--pack", PACK),
    "gaps": ("gaps", MANIFEST, "--pack", PACK, "--target", "mini_pct:100%"),
    "report": ("report", MANIFEST, "--pack", PACK),
    "packs show": ("packs", "show", PACK),
}
ROWS = [(command, row.name) for row in FORMATS for command in row.commands if command in COMMANDS]


@pytest.mark.parametrize("command,fmt", ROWS, ids=[f"{c}-{f}" for c, f in ROWS])
def test_every_output_format(percent: None, command: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    to_file = () if command == "packs show" else ("--out", out)
    result = run(*COMMANDS[command], "--format", fmt, *to_file)
    assert result.exit_code == 0, result.output + result.stderr
    text = out.read_text(encoding="utf-8") if to_file else result.stdout
    assert "mini_pct" in text or "Mini percentage pack" in text
    if command == "evaluate" and fmt == "text" or command == "report":
        assert "FAIL — 25 % of clauses met (1/4), pass mark 75 %" in text
    if command == "gaps" and fmt == "json":
        data = json.loads(text)
        assert data["plan"]["targets"][0] == {
            "target": "mini_pct:100%",
            "reachable": True,
            "reached": True,
            # 2025-11 was never recorded: the 12-month KPI series restarts after it and ends in 2026-11
            "reason": "reached on 2026-11-30 at the earliest: mini_pct: needs 100 % of clauses met, has 100 %",
            "earliest": "2026-11-30",
        }


@pytest.fixture
def shown() -> Iterator[None]:
    """The same model name, another class (the pack cache never gives a pack of the other one)."""
    register(PercentMetShown)
    try:
        yield
    finally:
        unregister("percent_met")


def _report(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = run("report", MANIFEST, "--pack", PACK, "--out", out, *args)
    assert result.exit_code == 0, result.output + result.stderr
    return out.read_text(encoding="utf-8")


def _markdown(*args: str) -> str:
    result = run("evaluate", MANIFEST, "--pack", PACK, "--format", "md", *args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def test_the_reports_show_the_defaults(percent: None, tmp_path: Path) -> None:
    """A model that supplies none of them gets its headline as the summary sentence, its details
    in a code block in Markdown, and no chart."""
    page = _report(tmp_path)
    assert "<figure>" not in page and "<svg" not in page
    assert "<p><strong>MINI-PCT.</strong> FAIL — 25 % of clauses met (1/4), pass mark 75 %</p>" in page
    assert "**FAIL — 25 % of clauses met (1/4), pass mark 75 %**\n\n```text\n```\n" in _markdown()


def test_the_reports_show_what_the_model_supplies(shown: None, tmp_path: Path) -> None:
    page = _report(tmp_path)
    assert "<p><strong>MINI-PCT.</strong> 1 of 4 counted clauses are met, against a pass mark of 75 %.</p>" in page
    assert '<figure><figcaption class="caption">Share of clauses met</figcaption><svg' in page
    assert 'aria-label="Clauses met"' in page and ">25 %</text>" in page and ">pass</text>" in page
    page = _report(tmp_path, "--lang", "zh")
    assert "<p><strong>MINI-PCT.</strong> 计入的 4 条条款中 1 条符合，合格线 75 %。</p>" in page
    assert '<figcaption class="caption">条款符合比例</figcaption>' in page and 'aria-label="符合的条款"' in page
    section = "| Counted | Met | Pass mark |\n|---|---|---|\n| 4 | 1 | 75 % |\n\n**mini** fails\n\n"
    assert section in _markdown() and "```" not in _markdown()
    assert "| Counted<br>计入 | Met<br>符合 | Pass mark<br>合格线 |\n" in _markdown("--lang", "both")


def test_explain_asks_the_model(percent: None) -> None:
    result = run("explain", PACK, "6.1")
    assert result.exit_code == 0 and "counts toward the share met: yes" in result.stdout


def test_a_batch_row_shows_the_values_the_model_names(percent: None, tmp_path: Path) -> None:
    """``batch`` asks the model what a row shows: by default the outcome's plain values."""
    out = tmp_path / "rows.csv"
    result = run("batch", MANIFEST, "--pack", PACK, "--format", "csv", "--out", out)
    assert result.exit_code == 0, result.output + result.stderr
    header, row = out.read_text(encoding="utf-8").splitlines()
    assert header.split(",")[-2:] == ["mini_pct", "problems"]
    assert ",percent=25 met=1 applicable=4 pass_mark=75 passed=false," in row


class PercentMetStarter(PercentMet):
    """The same model, with a starter pack of its own for ``packs new``."""

    STARTER: ClassVar[Starter | None] = Starter(
        scoring="scoring:\n  model: percent_met\n  pass_mark: 100\n",
        clause="1",
        checkpoints=("1.a", "1.b"),
        aspects=(None, None),
        section=None,
        expected='outcome:\n  percent: 100\n  passed: true\nclauses:\n  "1": {status: met}\n',
    )


def test_packs_new_offers_the_models_that_supply_a_starter(percent: None, tmp_path: Path) -> None:
    """``packs new`` asks each model for its starter: a model without one is not offered, and one
    with one gets a pack that validates strictly and whose case passes."""
    refused = run("packs", "new", "p", "--model", "percent_met", "--dir", tmp_path / "none")
    assert refused.exit_code == 2 and "'percent_met' is not one of 'pass_fail'" in refused.stderr
    assert not (tmp_path / "none").exists()
    register(PercentMetStarter)
    folder = tmp_path / "mine"
    made = run("packs", "new", "mine", "--model", "percent_met", "--dir", folder)
    assert made.exit_code == 0, made.output + made.stderr
    assert "model: percent_met" in (folder / "pack.yaml").read_text(encoding="utf-8")
    for command in (("validate", "--strict", folder), ("test", folder)):
        checked = run(*command)
        assert checked.exit_code == 0, checked.output + checked.stderr
