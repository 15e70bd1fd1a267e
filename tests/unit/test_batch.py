"""evaluate_many: one row per manifest, equal to evaluating each alone; a broken one does not stop the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccom_rules import evaluate, evaluate_many, load_manifest
from ccom_rules.batch import manifest_paths, summarise

from ..conftest import EXAMPLES, real_packs

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/manifest.yaml"))


def _one_by_one(paths: list[Path]) -> list[object]:
    packs = list(real_packs())
    return [summarise(str(p), evaluate(packs, load_manifest(p, packs))) for p in paths]


@pytest.mark.parametrize("jobs", [1, 2])
def test_rows_equal_one_by_one_evaluation(jobs: int) -> None:
    packs = list(real_packs())
    rows = evaluate_many(packs, EXAMPLE_MANIFESTS, jobs=jobs)
    assert [r.path for r in rows] == [str(p) for p in EXAMPLE_MANIFESTS]
    assert [r.evaluated for r in rows] == [True] * len(EXAMPLE_MANIFESTS)
    # Each row's identity hash, organisation, date and every pack's outcome: as evaluated alone.
    strip = [r.__class__(r.path, r.organisation, r.assessment_date, r.manifest_sha256, r.outcomes, ()) for r in rows]
    assert strip == _one_by_one(EXAMPLE_MANIFESTS)
    outcomes = {s.pack: s.compact for s in rows[0].outcomes}
    assert set(outcomes) == {p.id for p in packs}
    assert all(outcomes.values())


def test_a_broken_manifest_gets_its_problems_and_the_others_still_run(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("organisation: {name: X}\nassessment: [not, a, mapping\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    paths = [EXAMPLE_MANIFESTS[0], broken, missing, EXAMPLE_MANIFESTS[1]]
    rows = evaluate_many(list(real_packs()), paths, jobs=2)
    assert [r.evaluated for r in rows] == [True, False, False, True]
    assert rows[1].problems[0].code == "E001" and rows[1].outcomes == ()
    assert rows[2].problems[0].code == "E010"
    assert rows[0].manifest_sha256 == _one_by_one([EXAMPLE_MANIFESTS[0]])[0].manifest_sha256  # type: ignore[attr-defined]


def test_a_folder_names_its_manifests(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "summit-outsourcing", tmp_path / "one")
    (tmp_path / "extra.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a manifest", encoding="utf-8")
    assert manifest_paths([tmp_path]) == [tmp_path / "extra.yaml", tmp_path / "one" / "manifest.yaml"]


def test_jobs_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="jobs"):
        evaluate_many(list(real_packs()), EXAMPLE_MANIFESTS, jobs=-1)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_long_batch_shared_between_processes_keeps_every_row_once_in_order(jobs: int) -> None:
    # More manifests than workers, in chunks: every manifest is evaluated exactly once and the
    # rows keep the order the paths were given.
    paths = [EXAMPLE_MANIFESTS[i % len(EXAMPLE_MANIFESTS)] for i in range(24)]
    packs = list(real_packs())
    rows = evaluate_many(packs, paths, jobs=jobs)
    assert [r.path for r in rows] == [str(p) for p in paths]
    assert rows == evaluate_many(packs, paths, jobs=1)
