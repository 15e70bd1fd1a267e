"""The bundled example organisations: their outcomes, their evidence files, and their generator."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from ccom_rules import evaluate, load_manifest
from ccom_rules.model.manifest import Manifest
from ccom_rules.model.result import Result

from ..conftest import EXAMPLES, real_packs

GENERATOR = EXAMPLES / "build_examples.py"

# passed CCOM, CC-CMM level and certifiable level, CCCS-OP band and score range
EXPECTED = {
    "jade-river-health": (False, 0, 0, "conditional", 41, 60),
    "harbour-bank": (True, 2, 2, "certified", 61, 80),
    "summit-outsourcing": (True, 4, 3, "five_star", 81, 100),
}
ORGS = sorted(EXPECTED)


def _manifest(org: str) -> Manifest:
    return load_manifest(EXAMPLES / org / "manifest.yaml", real_packs())


def _result(org: str) -> Result:
    return evaluate(real_packs(), _manifest(org))


@pytest.mark.parametrize("org", ORGS)
def test_outcomes(org: str) -> None:
    passed, level, certifiable, band, low, high = EXPECTED[org]
    result = _result(org)
    ccom = result.pack("ccom_sj_t_11739").outcome
    cmm = result.pack("cc_cmm").outcome
    cccs = result.pack("cccs_op_2003").outcome
    assert ccom.passed is passed  # type: ignore[union-attr]
    assert cmm.level == level  # type: ignore[union-attr]
    assert cmm.certifiable_level == certifiable  # type: ignore[union-attr]
    assert cccs.band == band  # type: ignore[union-attr]
    assert low <= cccs.score <= high  # type: ignore[union-attr]


def test_jade_river_fails_on_more_than_the_prerequisite() -> None:
    """One CEL facilitator, and a young centre's gaps besides."""
    ccom = _result("jade-river-health").pack("ccom_sj_t_11739").outcome
    (cel,) = [p for p in ccom.prerequisites if p.id == "cel_facilitators"]  # type: ignore[union-attr]
    assert not cel.held
    assert ccom.nonconformities  # type: ignore[union-attr]


def test_summit_evidence_is_ahead_of_what_can_be_certified() -> None:
    cmm = _result("summit-outsourcing").pack("cc_cmm").outcome
    assert (cmm.previous_level, cmm.level, cmm.certifiable_level) == (2, 4, 3)  # type: ignore[union-attr]
    assert cmm.operating_years >= 3  # type: ignore[union-attr]


def test_demo_is_harbour_bank() -> None:
    from ccom_rules.loader import DEMO_ORGANISATION, demo_manifest_path

    assert DEMO_ORGANISATION == "harbour-bank"
    assert demo_manifest_path().resolve() == (EXAMPLES / "harbour-bank" / "manifest.yaml").resolve()


@pytest.mark.parametrize("org", ORGS)
def test_evidence_files_exist_inside_the_evidence_root_and_match_their_sha256(org: str) -> None:
    manifest = _manifest(org)
    root = (EXAMPLES / org / manifest.evidence_root).resolve()
    assert root == (EXAMPLES / org / "evidence").resolve()
    referenced = set()
    for item in manifest.evidence:
        assert item.path is not None and item.sha256 is not None, item.id
        rel = PurePosixPath(item.path)
        assert not rel.is_absolute() and ".." not in rel.parts, item.path
        target = (root / rel).resolve()
        assert target.is_relative_to(root) and target.is_file(), item.path
        assert hashlib.sha256(target.read_bytes()).hexdigest() == item.sha256, item.path
        referenced.add(target)
    on_disk = {p.resolve() for p in root.rglob("*") if p.is_file()}
    assert on_disk == referenced, "evidence files that no manifest item points to"


@pytest.mark.parametrize("org", ORGS)
def test_manifest_header(org: str) -> None:
    lines = (EXAMPLES / org / "manifest.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/evidence-manifest.schema.json"
    assert "build_examples.py" in lines[1]


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for org in ORGS for p in sorted((root / org).rglob("*")) if p.is_file()
    }


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(GENERATOR), str(tmp_path), "--no-check"], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    built, committed = _files(tmp_path), _files(EXAMPLES)
    assert sorted(built) == sorted(committed)
    different = [name for name in built if built[name] != committed[name]]
    assert not different, f"run examples/build_examples.py: {different[:5]}"
