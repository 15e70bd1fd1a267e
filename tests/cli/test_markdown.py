"""``--format md``: Markdown for a pull-request comment or a wiki page."""

from __future__ import annotations

from pathlib import Path

from ccom_rules.report.md import escape

from ..conftest import EXAMPLES
from .test_cli import run
from .test_report import renamed_manifest

JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"


def test_evaluate_md_has_a_headline_per_pack_and_tables() -> None:
    result = run("evaluate", JADE, "--format", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("## Jade River Health Patient Service Centre — assessed 2026-06-30\n")
    assert "| Standard | Pack | Outcome |\n|---|---|---|\n" in text
    for headline in ("**FAIL — 21 nonconformities, 0 not assessed**", "**54/100 — Certified on condition (conditional)**"):
        assert headline in text
    assert "| 1.0–4.0 | 150 | 70.7 % | 32 % |" in text
    assert "<details>\n<summary>… and 11 more nonconformities</summary>\n\n| Clause |" in text


def test_gaps_md_folds_long_lists() -> None:
    result = run("gaps", JADE, "--format", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    for heading in (
        "### Root causes (",
        "### Blocked by prerequisites (",
        "### Evidence that holds most back (",
        "### Remediation plan",
    ):
        assert heading in text
    assert "more evidence types</summary>" in text and "more actions</summary>" in text
    assert text.count("<details>") == text.count("</details>")


def test_md_in_chinese() -> None:
    text = run("gaps", JADE, "--format", "md", "--lang", "zh").stdout
    assert "### 根本原因 (" in text and "未通过 — 21 项不符合" in text
    assert "Root causes" not in text


def test_md_escapes_what_the_inputs_say(tmp_path: Path) -> None:
    assert escape("a|b *c* [x](http://e.vil) <img src=x> #1 `c`") == (
        "a\\|b \\*c\\* \\[x\\](http:\\/\\/e.vil) &lt;img src=x&gt; \\#1 \\`c\\`"
    )
    manifest = renamed_manifest(tmp_path, '"Evil | <script>x</script> [link](https://e.vil) *Co*"')
    result = run("evaluate", manifest, "--format", "md")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "<script>" not in result.stdout and "](https://" not in first
    assert first.startswith("## Evil \\| &lt;script&gt;x&lt;/script&gt; \\[link\\]")
