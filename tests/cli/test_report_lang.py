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
        "roots",
        "blocked",
        "evidence",
        "plan",
    ]
    for anchor in ("summary", "pack-cc_cmm", "roots", "evidence", "plan"):
        assert f'id="{anchor}"' in page


def test_one_summary_paragraph_and_one_chart_per_standard(tmp_path: Path) -> None:
    page = _page(tmp_path)
    summary = page[page.index('id="summary"') : page.index('id="pack-')]
    assert summary.count("<p><strong>") == 3
    assert "The evidence supports L2 (Professional)" in summary and "The centre scores 73 of 100: Certified." in summary
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3


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
