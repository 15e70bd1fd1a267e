"""``ccom-rules crosswalk apply``: findings proposed for one standard from another's, labelled
with where they came from, written to a new file for review; the input is never touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import ccom_rules.loader
from ccom_rules import load_manifest

from ..conftest import real_packs
from .test_lint import FIXTURE, run

CCOM, OP, CMM = "ccom_sj_t_11739", "cccs_op_2003", "cc_cmm"


@pytest.fixture(autouse=True)
def _packs_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))


Variant = Callable[[Callable[[str], str]], Path]


def not_yet_assessed(variant: Variant, *drop: str, extra: str = "") -> Path:
    """Harbour Bank before the CCCS-OP findings named in ``drop`` were recorded (and with ``extra`` ones)."""

    def edit(text: str) -> str:
        for target in drop:
            start = text.index(f"- pack: {OP}\n  target: {target}\n")
            text = text[:start] + text[text.index("- pack:", start + 5) :]
        return text.replace("\nfindings:\n", "\nfindings:\n" + extra, 1)

    return variant(edit)


def apply(manifest: Path, out: Path, source: str = CCOM, target: str = OP) -> tuple[int, str, str]:
    result = run("crosswalk", "apply", manifest, "--from", source, "--to", target, "--out", out, "--crosswalks", FIXTURE)
    return result.exit_code, result.stdout, result.stderr


def test_an_equivalent_clause_carries_the_finding_labelled_with_its_origin(harbour_variant: Variant, tmp_path: Path) -> None:
    manifest = not_yet_assessed(harbour_variant, "6.4.c")
    before = manifest.read_text(encoding="utf-8")
    out = manifest.parent / "proposed.yaml"
    code, stdout, stderr = apply(manifest, out)
    assert code == 0, stderr
    assert manifest.read_text(encoding="utf-8") == before  # the input is never written
    assert "1 finding(s) proposed for cccs_op_2003 from ccom_sj_t_11739" in stdout
    assert "  cccs_op_2003 6.4.c: status met" in stdout
    new = out.read_text(encoding="utf-8")
    assert new.startswith(before.rstrip("\n")[:2000])  # the original text, comments and order kept
    assert "# from ccom_sj_t_11739 7.2.c (met) via ccom_sj_t_11739--cccs_op_2003 7.2 equivalent 6.4" in new
    added = [f for f in yaml.safe_load(new)["findings"] if f["pack"] == OP and f["target"] == "6.4.c"]
    assert added == [
        {
            "pack": OP,
            "target": "6.4.c",
            "status": "met",
            "note": "carried from ccom_sj_t_11739 7.2.c (met) via ccom_sj_t_11739--cccs_op_2003 7.2 equivalent 6.4 — "
            "Three staff with weak QA results were retrained and re-checked.",
        }
    ]
    packs = list(real_packs())
    assert len(load_manifest(out, packs).findings) == len(load_manifest(manifest, packs).findings) + 1
    # a recorded finding that differs is kept and reported, never overwritten
    assert "conflict: cccs_op_2003 2.1.c: already recorded as status partially_met; ccom_sj_t_11739 5.1.b (met)" in stderr
    assert "not carried: ccom_sj_t_11739 6.7.1.b (met): 6.7.1 intersects cccs_op_2003 5.7, nothing follows" in stderr


def test_a_superset_carries_met_only(harbour_variant: Variant, tmp_path: Path) -> None:
    # 5.1 superset 2.1: CCOM met carries; CCCS-OP partially met on 2.1 would not carry back to the wider 5.1
    manifest = not_yet_assessed(harbour_variant, "2.1.c")
    code, stdout, _ = apply(manifest, tmp_path / "a.yaml")
    assert code == 0 and "  cccs_op_2003 2.1.c: status met" in stdout
    code, stdout, stderr = apply(not_yet_assessed(harbour_variant), tmp_path / "b.yaml", OP, CCOM)
    assert "not carried: cccs_op_2003 2.1.c (partially_met): 2.1 subset ccom_sj_t_11739 5.1, nothing follows" in stderr


def test_a_clause_finding_lands_in_the_fields_the_target_scoring_reads(harbour_variant: Variant, tmp_path: Path) -> None:
    # a whole-clause finding on CCOM 6.5 (equivalent to CCCS-OP sub-item 5.1, which has no assessor check)
    extra = f"- pack: {CCOM}\n  target: '6.5'\n  status: partially_met\n"
    manifest = not_yet_assessed(harbour_variant, extra=extra)
    out = manifest.parent / "out.yaml"
    code, stdout, stderr = apply(manifest, out)
    assert code == 0, stderr
    assert "  cccs_op_2003 5.1: fraction 0.5" in stdout
    added = [f for f in yaml.safe_load(out.read_text(encoding="utf-8"))["findings"] if f["target"] == "5.1"]
    assert added[0]["fraction"] == 0.5 and "status" not in added[0]


def test_refusals(harbour_variant: Variant, tmp_path: Path) -> None:
    manifest = not_yet_assessed(harbour_variant, "6.4.c")
    before = manifest.read_bytes()
    code, _, stderr = apply(manifest, manifest)
    assert code == 2 and "is an input file" in stderr
    assert manifest.read_bytes() == before
    code, _, stderr = apply(manifest, tmp_path / "x.yaml", CCOM, CCOM)
    assert code == 2 and "--from and --to name the same pack" in stderr
    code, _, stderr = apply(manifest, tmp_path / "x.yaml", CCOM, "nope")
    assert code == 2 and "--to nope: no such pack" in stderr
    assert not (tmp_path / "x.yaml").exists()


def test_nothing_to_propose_writes_nothing(harbour_variant: Variant, tmp_path: Path) -> None:
    out = tmp_path / "none.yaml"
    code, stdout, _ = apply(not_yet_assessed(harbour_variant), out, CMM, CCOM)
    assert code == 0 and "no findings to propose for ccom_sj_t_11739; nothing written" in stdout
    assert not out.exists()
