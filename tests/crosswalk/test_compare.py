"""``ccom-rules compare``: themes side by side, disagreements with each side's reasons, the
evidence-reuse matrix and the shared actions, in text, JSON, Markdown and HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import ccom_rules.loader
from ccom_rules import compare, load_crosswalks, load_manifest

from ..conftest import real_packs
from ..unit.test_schemas import schema_errors
from .conftest import HARBOUR
from .test_lint import FIXTURE, run


@pytest.fixture(autouse=True)
def _packs_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))


def _drill_failed(text: str) -> str:
    """Harbour Bank, except that the assessor found staff did not know the drill steps (CCOM
    6.7.2.b not met), and a name with markup in it."""
    text = text.replace("target: 6.7.2.b\n  status: met", "target: 6.7.2.b\n  status: not_met", 1)
    return text.replace("name: Harbour Bank Customer Contact Centre", "name: Harbour <b>Bank</b>", 1)


@pytest.fixture
def drill_failed(harbour_variant: Callable[[Callable[[str], str]], Path]) -> Path:
    return harbour_variant(_drill_failed)


def test_text_shows_themes_side_by_side_and_an_equivalence_broken() -> None:
    result = run("compare", HARBOUR, "--crosswalks", FIXTURE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Themes (7): 4 disagreement(s) in 4 theme(s)" in out
    assert "■ Emergency management [emergency_management]" in out
    assert "    ✓ 23 Six parts of the emergency plan — met (C 10 · F 10)" in out
    assert "    Drill or real-event test record [drill_record] (cc_cmm, cccs_op_2003, ccom_sj_t_11739): 4 item(s)" in out
    assert "✗ ccom_sj_t_11739 6.5 met  —equivalent→  cccs_op_2003 5.1 partially met" in out
    assert "cccs_op_2003 5.1: 5.1.c: forecast_accuracy = 0.884 in monthly_performance_report-2026-05; needs ≥ 0.9" in out
    assert "same evidence: shift_schedule-2025-06" in out
    assert "crosswalks: cc_cmm--cccs_op_2003 1.0.0 (sha256 " in out
    # the matrix says what is at stake in each model's own terms
    assert "ccom_sj_t_11739: 6.2, 8.2: 2 nonconformities if unmet" in out
    assert "cccs_op_2003: sub-items 3.2, 4.2, 5.1, 5.3, 8.2, 8.3, 8.4: up to 7.99 points" in out
    assert "up to 180 points; F share of 1.0–4.0" in out
    assert "Shared actions: 2 plan step(s) that move more than one standard" in out  # the plan works towards L3 too


def test_a_failed_drill_disagrees_with_the_wider_cmm_item_on_the_same_evidence(drill_failed: Path, tmp_path: Path) -> None:
    result = run("compare", drill_failed, "--crosswalks", FIXTURE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "✗ ccom_sj_t_11739 6.7.2 partially met  —subset→  cc_cmm 24 met (C 10 · F 10)" in out
    assert "rule: the wider clause cannot stand higher than the narrower one it contains" in out
    assert "ccom_sj_t_11739 6.7.2: 6.7.2.b: assessor:" in out
    assert "same evidence: drill_plan, drill_record-2026-04-22" in out


def test_json_records_the_crosswalks_and_validates(drill_failed: Path, tmp_path: Path) -> None:
    result = run("compare", drill_failed, "--crosswalks", FIXTURE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert schema_errors("comparison.schema.json", data) == []
    found, _ = ccom_rules.crosswalk.load.read_crosswalks(FIXTURE)
    assert found is not None
    assert data["crosswalks"] == [
        {"id": c.id, "version": c.version, "sha256": c.sha256, "left": c.packs.left.id, "right": c.packs.right.id}
        for c in found.pairs
    ]
    emergency = next(t for t in data["themes"] if t["id"] == "emergency_management")
    assert [(d["left"]["clause"], d["relation"], d["right"]["clause"]) for d in emergency["disagreements"]] == [
        ("6.7.2", "subset", "24")
    ]
    assert {s["pack"]: s["clauses"] for s in emergency["statuses"]} == {"cc_cmm": 5, "cccs_op_2003": 1, "ccom_sj_t_11739": 2}
    assert run("compare", drill_failed, "--crosswalks", FIXTURE, "--format", "json").stdout == result.stdout


def test_markdown_and_html(drill_failed: Path, tmp_path: Path) -> None:
    md = run("compare", drill_failed, "--crosswalks", FIXTURE, "--format", "md").stdout
    assert md.startswith("# Harbour &lt;b&gt;Bank&lt;/b&gt; — standards compared")  # markup from a manifest is escaped
    assert "| `cc_cmm` | 24 | Testing and updating the emergency plan | ✓ met (C 10 · F 10) |" in md
    assert "- ccom\\_sj\\_t\\_11739 6.7.2 partially met — subset — cc\\_cmm 24 met (C 10 · F 10): the wider clause" in md
    out = tmp_path / "compare.html"
    result = run("compare", drill_failed, "--crosswalks", FIXTURE, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Harbour &lt;b&gt;Bank&lt;/b&gt;" in html and "<b>Bank</b>" not in html
    assert '<div class="disagree">' in html


def test_out_never_overwrites_an_input(drill_failed: Path, tmp_path: Path) -> None:
    manifest = drill_failed
    before = manifest.read_bytes()
    result = run("compare", manifest, "--crosswalks", FIXTURE, "--out", manifest)
    assert result.exit_code == 2 and "is an input file" in result.stderr
    assert manifest.read_bytes() == before


def test_a_broken_crosswalk_folder_stops_compare_with_its_problems(tmp_path: Path) -> None:
    (tmp_path / "themes.yaml").write_text("themes: []\n", encoding="utf-8")
    result = run("compare", HARBOUR, "--crosswalks", tmp_path)
    assert result.exit_code == 2
    assert "themes.yaml:1:9: error E004" in result.stderr


def test_compare_as_a_library_function() -> None:
    packs = list(real_packs())
    comparison = compare(packs, load_manifest(HARBOUR, packs), load_crosswalks(FIXTURE, packs))
    assert [t.id for t in comparison.themes] == [
        "emergency_management",
        "complaint_management",
        "forecasting_scheduling",
        "quality_monitoring",
        "floor_management",
        "people_development",
        "strategy",
    ]
    only_two = [p for p in packs if p.id != "cc_cmm"]
    narrower = compare(only_two, load_manifest(HARBOUR, only_two), load_crosswalks(FIXTURE, only_two))
    assert [c.id for c in narrower.crosswalks] == ["ccom_sj_t_11739--cccs_op_2003"]
    assert all(v.pack != "cc_cmm" for t in narrower.themes for v in t.clauses)


def test_compare_in_chinese_and_in_both_languages(tmp_path: Path) -> None:
    """--lang says headings, theme titles, statuses, rules, stakes and plan steps in Chinese;
    evidence types appear by their titles; the JSON stays the same bytes."""
    md = run("compare", HARBOUR, "--crosswalks", FIXTURE, "--format", "md", "--lang", "zh").stdout
    for words in (
        "— 标准比较",
        "评估日期 2026-06-30。",
        "| 条款包 | 版本 | 结论 |",
        "## 应急管理",
        "## 证据复用",
        "## 同时推进多项标准的行动",
    ):
        assert words in md, words
    assert "| 标准 | 条款 | 标题 | 状态 |" in md and "✓ 符合（C 10 · F 10）" in md and "「演练或实际事件测试记录」" in md
    assert "若未满足则有 2 项不符合" in md and "最多 7.99 分" in md
    for english in ("standards compared", "Emergency management", "Evidence reuse", "nonconformities if unmet", "up to "):
        assert english not in md, english
    both = run("compare", HARBOUR, "--crosswalks", FIXTURE, "--format", "md", "--lang", "both").stdout
    assert "## Emergency management / 应急管理" in both and "met (C 10 · F 10)<br>符合（C 10 · F 10）" in both
    text = run("compare", HARBOUR, "--crosswalks", FIXTURE, "--lang", "zh").stdout
    assert "■ 应急管理 [emergency_management]" in text and "主题（7）：4 个主题中有 4 处不一致" in text
    assert "规则：等同的条款状态应相同" in text and "—等同→" in text and "Themes (" not in text
    out = tmp_path / "compare.html"
    assert run("compare", HARBOUR, "--crosswalks", FIXTURE, "--format", "html", "--lang", "zh", "--out", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh">' in page and "<h2>应急管理</h2>" in page and "证据复用" in page and "Evidence reuse" not in page
    data = run("compare", HARBOUR, "--crosswalks", FIXTURE, "--format", "json").stdout
    assert run("compare", HARBOUR, "--crosswalks", FIXTURE, "--format", "json", "--lang", "both").stdout == data
