"""The report's second edition and ``--lang``: cover, contents, charts, folded lists, both languages."""

from __future__ import annotations

import re
from pathlib import Path

from ..conftest import EXAMPLES
from .test_cli import run

HARBOUR = EXAMPLES / "harbour-bank" / "manifest.yaml"


def _page(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = run("report", HARBOUR, *args, "--out", out)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_cover_names_scope_assessor_engine_and_every_pack_hash(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert "Assessment report" in page and "Harbour Bank Customer Contact Centre" in page
    assert "Re-assessment: CCOM certification" in page and "lead assessor Zhao Min" in page
    for pack_id in ("cc_cmm", "cccs_op_2003", "ccom_sj_t_11739"):
        assert re.search(rf"<code>{pack_id}</code> [0-9.]+</td><td><code>[0-9a-f]{{64}}</code>", page)
    toc = page[page.index('<nav class="toc"') : page.index("</nav>")]
    assert [m for m in re.findall(r'href="#([^"]+)"', toc)] == [
        "summary",
        "pack-cc_cmm",
        "pack-cccs_op_2003",
        "pack-ccom_sj_t_11739",
        "themes",
        "roots",
        "blocked",
        "evidence",
        "plan",
    ]
    for anchor in ("summary", "pack-cc_cmm", "themes", "roots", "evidence", "plan"):
        assert f'id="{anchor}"' in page


def test_one_summary_paragraph_and_one_chart_per_standard(tmp_path: Path) -> None:
    page = _page(tmp_path)
    summary = page[page.index('id="summary"') : page.index('id="pack-')]
    assert summary.count("<p><strong>") == 3
    assert "The evidence supports L2 (Professional)" in summary and "The centre scores 73 of 100: Certified." in summary
    assert (
        page.count('class="chart"') == 3 and page.count('class="chart themes"') == 3
    )  # a chart per standard; the themes in 3 parts


def test_long_lists_fold_into_details_and_reasons_name_evidence_by_title(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert re.search(r"<details><summary>… and \d+ more evidence types</summary><table>", page)
    assert re.search(r"<details><summary>… and \d+ more root causes</summary>", page)
    # The JSON keeps the id ("no office_asset_register …"); the page shows the evidence type's title.
    assert "newest Office asset register and stock-take (office_asset_register, 2024-12-31) is older than 365 days" in page


def test_print_css_for_a4(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert "@page { size: A4;" in page
    assert "thead { display: table-header-group; }" in page and "tr { break-inside: avoid; }" in page


def test_the_page_needs_no_network_and_no_script(tmp_path: Path) -> None:
    page = _page(tmp_path, "--lang", "both")
    assert "<script" not in page
    assert not re.search(r'(?:src|href)="(?!#)', page)
    assert set(re.findall(r"https?://[^\s\"'<]+", page)) == {"http://www.w3.org/2000/svg"}


def test_chinese_report(tmp_path: Path) -> None:
    page = _page(tmp_path, "--lang", "zh")
    assert '<html lang="zh">' in page
    for words in ("评估报告", "执行摘要", "根本原因", "整改计划", "通过 — 0 项不符合", "证据支持 L2，可认证 L2", "通过认证"):
        assert words in page, words
    assert "Executive summary" not in page and "Root causes" not in page
    # Reasons are said in Chinese, evidence types by their Chinese titles.
    assert "连续 4 期季度「" in page and "Culture communication record" not in page


def test_both_languages(tmp_path: Path) -> None:
    page = _page(tmp_path, "--lang", "both")
    assert 'Executive summary <span class="zh" lang="zh">执行摘要</span>' in page
    assert "level L2 supported" in page and "证据支持 L2" in page


def test_evaluate_and_gaps_take_lang_and_json_ignores_it(tmp_path: Path) -> None:
    en = run("evaluate", HARBOUR, "--format", "json").stdout
    assert run("evaluate", HARBOUR, "--format", "json", "--lang", "zh").stdout == en
    gaps = run("gaps", HARBOUR, "--format", "json").stdout
    assert run("gaps", HARBOUR, "--format", "json", "--lang", "both").stdout == gaps
    bad = run("report", HARBOUR, "--lang", "fr")
    assert bad.exit_code == 2 and "--lang" in bad.stderr


def test_text_output_in_chinese_and_both() -> None:
    jade = EXAMPLES / "jade-river-health" / "manifest.yaml"
    zh = run("evaluate", jade, "--lang", "zh").stdout
    assert "未通过 — " in zh and "评估日期 2026-06-30" in zh
    # The JSON keeps the English reasons with evidence-type ids.
    assert "management_system_manual present but not approved" in run("evaluate", jade, "--format", "json").stdout


JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"
ENGLISH_TEMPLATES = (
    "Root causes",
    "Blocked (",
    "Evidence blast radius",
    "Targets",
    "Remediation plan",
    "By phase",
    "By workstream",
    "Provide ",
    "Close ",
    "Bring ",
    "Raise ",
    "reached on",
    "needs L",
    "share in",
    " points (",
    "closes ",
    "can be done now",
    "theme ",
    "How: ",
    "item(s) present",
    "to reach L",
    "operating years",
)


def test_gaps_text_in_chinese_has_no_english_sentences() -> None:
    """Headings, reasons, action titles, gains, target reasons, phases, workstreams and the rationale
    are all said in Chinese; only ids and text written by people (assessors' notes) stay as they are."""
    zh = run("gaps", JADE, "--lang", "zh").stdout
    assert zh.startswith("根本原因（57）：")
    for words in (
        "\n目标\n",
        "整改计划（共 ",
        "  按阶段：\n",
        "    现在：",
        "按工作流：",
        "\n  [现在] 评审员确认\n",
        "方法：贪心法",
    ):
        assert words in zh, words
    assert "提供 11 份「月度绩效报告" in zh and "完成 cc_cmm " in zh and "并请评审员确认" in zh
    assert "  ✓ cc_cmm:L1：最早于 2026-06-30 达成：cc_cmm：需要 L1，可认证 L1" in zh
    assert "cccs_op_2003：+" in zh and " 分（" in zh and "主题「" in zh
    assert "「月度绩效报告" in zh and "[monthly_performance_report]（不足，已有 11 份）" in zh
    notes = {line for line in zh.splitlines() if "评审员：" in line}  # assessors' notes are quoted as written
    leftover = [w for w in ENGLISH_TEMPLATES if any(w in line for line in zh.splitlines() if line not in notes)]
    assert leftover == []


def test_gaps_text_in_both_languages_and_json_unchanged() -> None:
    both = run("gaps", JADE, "--lang", "both").stdout
    assert "Root causes (57): unmet on their own evidence\n根本原因（57）：" in both
    assert "  ✓ cc_cmm:L1: reached on 2026-06-30 at the earliest: cc_cmm: needs L1" in both
    assert re.search(r"\n +\d+\. Provide 11 × Monthly performance report[^\n]*\n +\d+\. 提供 11 份「月度绩效报告", both)
    assert "How: Greedy" in both and "方法：贪心法" in both
    en_json = run("gaps", JADE, "--format", "json").stdout
    assert run("gaps", JADE, "--format", "json", "--lang", "zh").stdout == en_json
    assert '"title": "Provide 11 × Monthly performance report' in en_json and '"title": "提供' not in en_json


def test_plan_in_chinese_in_markdown_and_html(tmp_path: Path) -> None:
    md = run("gaps", JADE, "--format", "md", "--lang", "zh").stdout
    plan = md[md.index("### 整改计划") :]
    assert "提供 11 份「月度绩效报告" in plan and "现在 · 绩效管理 · 2026-06-30 — 现在即可完成" in plan
    assert "- 以后：" in plan and "按工作流：" in plan and "<sub>贪心法" in plan
    assert "Provide " not in plan and "can be done now" not in plan and "within 3 months" not in plan
    out = tmp_path / "jade.html"
    assert run("report", JADE, "--lang", "zh", "--out", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    plan = page[page.index('<section id="plan">') :]
    assert "按工作流：" in plan and "现在 · 绩效管理 · 2026-06-30 — 现在即可完成" in plan and "最早于 2026-06-30 达成" in plan
    assert "within 3 months" not in plan and "Provide " not in plan and "Greedy" not in plan


def test_evaluate_text_details_in_chinese() -> None:
    zh = run("evaluate", JADE, "--lang", "zh").stdout
    assert "达到 L1 还需：" in zh and "运营年数：" in zh and "原始总分 " in zh and "「管理体系手册」已有但未经批准" in zh
    assert "to reach L" not in zh and "operating years" not in zh and "raw total" not in zh


def test_evaluate_text_in_chinese_names_packs_in_chinese_and_lines_up_wide_titles() -> None:
    from ccom_rules.i18n import columns

    result = run("evaluate", HARBOUR, "--lang", "zh")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "■ cccs_op_2003 1.0.2 — 全国呼叫中心运营绩效标准（CCCS-OP）" in lines
    assert not any("Contact Centre" in line for line in lines if line.startswith("■"))
    # CCCS-OP categories: the score column starts at the same terminal column whatever the title's width
    rows = [line for line in lines if re.match(r"\s+[1-8] \S", line) and " / " in line]
    assert len(rows) == 8
    assert len({columns(row[: row.index(" / ")]) for row in rows}) == 1, rows


def test_evaluate_text_in_both_languages_names_each_pack_once_per_language() -> None:
    result = run("evaluate", HARBOUR, "--lang", "both")
    assert result.exit_code == 0, result.output
    assert "■ cc_cmm 1.0.2 — Contact Centre Capability Maturity Model — operation centres" in result.stdout
    assert "■ cc_cmm 1.0.2 — 呼叫中心能力成熟度模型——运营机构(CC-CMM-OC)" in result.stdout
