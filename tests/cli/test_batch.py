"""``ccom-rules batch``: one summary row per manifest as JSON or CSV; a broken manifest is reported
in its row while the others are evaluated, and the exit status is then 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from ccom_rules.cli import main

from ..conftest import EXAMPLES

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/manifest.yaml"))
PACK_IDS = ["cc_cmm", "cccs_op_2003", "ccom_sj_t_11739"]


def _run(*args: str | Path) -> tuple[int, str, str]:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, ["batch", *map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text("manifest_version: 1\norganisation: {name: Broken Centre}\n", encoding="utf-8")
    return path


def test_json_rows_with_a_broken_manifest_among_good_ones(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    code, out, err = _run(EXAMPLE_MANIFESTS[0], broken, EXAMPLE_MANIFESTS[1], "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["packs"] == PACK_IDS
    rows = data["manifests"]
    assert [r["path"] for r in rows] == [str(EXAMPLE_MANIFESTS[0]), str(broken), str(EXAMPLE_MANIFESTS[1])]
    assert [r["evaluated"] for r in rows] == [True, False, True]
    good = rows[0]
    assert set(good) == {"path", "evaluated", "organisation", "assessment_date", "manifest_sha256", "outcomes", "problems"}
    assert set(good["outcomes"]) == set(PACK_IDS)
    assert good["outcomes"]["cc_cmm"]["model"] == "maturity_levels" and "level" in good["outcomes"]["cc_cmm"]
    assert good["outcomes"]["cccs_op_2003"]["model"] == "weighted_bands" and "band" in good["outcomes"]["cccs_op_2003"]
    assert good["outcomes"]["ccom_sj_t_11739"]["model"] == "pass_fail" and "passed" in good["outcomes"]["ccom_sj_t_11739"]
    bad = rows[1]
    assert bad["outcomes"] == {} and bad["organisation"] is None
    assert any("error E005" in p and "assessment" in p for p in bad["problems"])
    assert "1 of 3 manifests invalid" in err


def test_csv_has_a_header_and_one_line_per_manifest(tmp_path: Path) -> None:
    out_file = tmp_path / "rows.csv"
    code, out, _ = _run(*EXAMPLE_MANIFESTS, _broken(tmp_path), "--format", "csv", "--out", out_file)
    assert code == 2 and out == ""
    rows = list(csv.reader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert rows[0] == ["path", "status", "organisation", "assessment_date", "manifest_sha256", *PACK_IDS, "problems"]
    assert len(rows) == 1 + len(EXAMPLE_MANIFESTS) + 1
    assert [r[1] for r in rows[1:]] == ["evaluated"] * len(EXAMPLE_MANIFESTS) + ["invalid"]
    for row in rows[1:-1]:
        assert len(row) == len(rows[0])
        assert row[5].startswith("level=") and "certifiable_level=" in row[5]
        assert row[6].startswith("score=") and " band=" in row[6]
        assert row[7] in ("passed=true", "passed=false")
    assert "error E005" in rows[-1][-1]


def test_all_good_exits_0_and_a_folder_is_searched(tmp_path: Path) -> None:
    code, out, _ = _run(EXAMPLES, "--jobs", "2")
    assert code == 0
    data = json.loads(out)
    assert [r["path"] for r in data["manifests"]] == [str(p) for p in EXAMPLE_MANIFESTS]
    assert all(r["evaluated"] and r["problems"] == [] for r in data["manifests"])


def test_out_never_replaces_an_evidence_file_of_a_manifest_in_the_batch(tmp_path: Path) -> None:
    """evaluate refuses --out over an evidence file its manifest names; batch wrote over one."""
    from .hostile_inputs import copy_pack, write_manifest

    centre = tmp_path / "centre"
    manifest, pack = write_manifest(centre), copy_pack(tmp_path)
    evidence = centre / "evidence" / "plan.md"
    code, _, err = _run(tmp_path / "centre", "--pack", pack, "--out", evidence)
    assert code == 2 and "is an input file" in err, err
    assert evidence.read_text() == "plan\n"
    beside = centre / "rows.json"  # beside the manifest, not an input: written
    assert _run(manifest, "--pack", pack, "--out", beside)[0] == 0 and beside.is_file()
