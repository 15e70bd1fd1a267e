"""The library API as the README shows it: what ``ccom_rules`` exports, frozen typed models
that survive dump → load, no printing, and one error type carrying every located problem."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import ccom_rules
from ccom_rules import (
    ClausePack,
    InvalidInput,
    Manifest,
    Problem,
    Result,
    evaluate,
    installed_packs,
    load_manifest,
    load_pack,
    plan_remediation,
    read_manifest,
    read_pack,
    trace_gaps,
)
from ccom_rules.model.gaps import GapReport, Plan

from ..conftest import CASES, FIXTURE_PACKS, ROOT, real_packs

PACKS_HOME = ROOT / "clause_packs"
CCOM_PASSES = PACKS_HOME / "ccom_sj_t_11739" / "cases" / "complete-centre-passes" / "manifest.yaml"
CMM_L2 = PACKS_HOME / "cc_cmm" / "cases" / "l2_exact_thresholds" / "manifest.yaml"
GAPS_MANIFEST = CASES / "gaps" / "cross_pack_blast_radius" / "manifest.yaml"
README_MANIFEST = "examples/harbour-bank/manifest.yaml"


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## As a library", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the README's library section has no python block"
    return match.group(1)


def _run_snippet(code: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the repository
    namespace: dict[str, Any] = {"__name__": "readme"}
    exec(compile(code, "README.md", "exec"), namespace)
    return namespace


def test_readme_snippet_as_written(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code = readme_snippet()
    assert README_MANIFEST in code
    if not (ROOT / README_MANIFEST).is_file():
        pytest.skip("examples/harbour-bank is not there yet")
    namespace = _run_snippet(code, monkeypatch)
    result = namespace["result"]
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == str(result.pack("cc_cmm").outcome.level)
    assert printed[1] == result.pack("cccs_op_2003").outcome.band
    assert len(printed) == 2 + len(result.pack("ccom_sj_t_11739").outcome.nonconformities)


def test_readme_snippet_on_a_pack_case(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The same code, pointed at a manifest that is always there."""
    code = readme_snippet().replace(README_MANIFEST, CMM_L2.relative_to(ROOT).as_posix())
    namespace = _run_snippet(code, monkeypatch)
    result = namespace["result"]
    assert isinstance(result, Result)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == ["2", result.pack("cccs_op_2003").outcome.band]
    nonconformities = result.pack("ccom_sj_t_11739").outcome.nonconformities
    assert nonconformities
    assert printed[2:] == [f"{nc.clause} {nc.reasons}" for nc in nonconformities]
    # "byte-identical for the same inputs"
    assert result.model_dump_json() == evaluate(namespace["packs"], namespace["manifest"]).model_dump_json()


# ---------------------------------------------------------------------------- exports


@pytest.mark.parametrize("name", ccom_rules.__all__)
def test_every_exported_name_imports(name: str) -> None:
    assert getattr(ccom_rules, name) is not None


def test_star_import_gives_exactly_the_exports() -> None:
    namespace: dict[str, Any] = {}
    exec("from ccom_rules import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(ccom_rules.__all__)


def test_the_readme_names_are_exported() -> None:
    for name in ("evaluate", "installed_packs", "load_manifest", "InvalidInput"):
        assert name in ccom_rules.__all__


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError):
        ccom_rules.no_such_name  # noqa: B018
    assert not hasattr(ccom_rules, "Frozen")


def test_the_package_is_typed() -> None:
    assert (Path(ccom_rules.__file__).parent / "py.typed").is_file()


# ---------------------------------------------------------------------------- models


@pytest.fixture(scope="module")
def evaluated() -> tuple[list[ClausePack], Manifest, Result]:
    packs = list(real_packs())
    manifest = load_manifest(CCOM_PASSES, packs)
    return packs, manifest, evaluate(packs, manifest)


def _models(evaluated: tuple[list[ClausePack], Manifest, Result]) -> list[BaseModel]:
    packs, manifest, result = evaluated
    return [result, manifest, *packs]


def test_models_are_frozen(evaluated: tuple[list[ClausePack], Manifest, Result]) -> None:
    packs, manifest, result = evaluated
    for model, field, value in (
        (result, "engine_version", "9"),
        (manifest, "evidence_root", "x"),
        (packs[0], "version", "9.9.9"),
        (result.packs[0].outcome, "model", "x"),
        (manifest.organisation, "seats", 1),
        (packs[0].clauses[0], "id", "x"),
    ):
        with pytest.raises(ValidationError):
            setattr(model, field, value)
    assert hash(manifest.organisation) == hash(manifest.organisation.model_copy())  # frozen models hash by value


@pytest.mark.parametrize("model", [ClausePack, Manifest, Result])
def test_models_forbid_unknown_keys(model: type[BaseModel]) -> None:
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"


def test_manifest_rejects_unknown_keys_and_wrong_types(evaluated: tuple[list[ClausePack], Manifest, Result]) -> None:
    _, manifest, _ = evaluated
    data = manifest.model_dump(mode="json")
    with pytest.raises(ValidationError):
        Manifest.model_validate({**data, "assesment": {}})
    with pytest.raises(ValidationError):
        Manifest.model_validate({**data, "organisation": {**data["organisation"], "seats": "many"}})


def _round_trip(model: BaseModel) -> None:
    text = model.model_dump_json()
    again = type(model).model_validate_json(text)
    assert again == model
    assert again.model_dump_json() == text
    assert type(model).model_validate(model.model_dump(mode="json")) == model


def test_result_survives_dump_and_load(evaluated: tuple[list[ClausePack], Manifest, Result]) -> None:
    _round_trip(evaluated[2])
    assert Result.model_validate_json(evaluated[2].model_dump_json()).pack("cc_cmm").outcome.model == "maturity_levels"


@pytest.mark.parametrize(
    "manifest_path",
    [CCOM_PASSES, CMM_L2, GAPS_MANIFEST, PACKS_HOME / "cccs_op_2003" / "cases" / "not_applicable_sub_item" / "manifest.yaml"],
    ids=lambda p: p.parent.name,
)
def test_manifest_survives_dump_and_load(manifest_path: Path) -> None:
    _round_trip(load_manifest(manifest_path))


@pytest.mark.parametrize(
    "pack_dir",
    [*(PACKS_HOME / p for p in ("cc_cmm", "cccs_op_2003", "ccom_sj_t_11739")), *sorted(FIXTURE_PACKS.iterdir())],
    ids=lambda p: p.name,
)
def test_pack_survives_dump_and_load(pack_dir: Path) -> None:
    pack = {p.id: p for p in real_packs()}.get(pack_dir.name) or load_pack(pack_dir)
    _round_trip(pack)
    again = ClausePack.model_validate_json(pack.model_dump_json())
    assert again.sha256 == pack.sha256
    assert again.index.order == pack.index.order


def test_gap_report_and_plan_survive_dump_and_load() -> None:
    packs = [p for p in real_packs() if p.id == "ccom_sj_t_11739"]
    manifest = load_manifest(GAPS_MANIFEST, packs)
    report = trace_gaps(packs, manifest)
    plan = plan_remediation(packs, manifest, ["ccom_sj_t_11739:pass"])
    assert isinstance(report, GapReport) and isinstance(plan, Plan)
    assert report.roots and plan.actions
    _round_trip(report)
    _round_trip(plan)


# ---------------------------------------------------------------------------- the library never prints


def test_the_library_never_prints(capfd: pytest.CaptureFixture[str]) -> None:
    packs = installed_packs()
    load_pack(FIXTURE_PACKS / "mini_pf")
    read_pack(CASES / "bad_input" / "unknown_key" / "pack")
    read_manifest(CASES / "bad_input" / "manifest_many_errors" / "manifest.yaml", packs)
    manifest = load_manifest(GAPS_MANIFEST, packs)
    result = evaluate(packs, manifest)
    trace_gaps(packs, manifest, result)
    one = [p for p in packs if p.id == "ccom_sj_t_11739"]
    plan_remediation(one, load_manifest(GAPS_MANIFEST, one))
    with pytest.raises(InvalidInput):
        load_manifest(CASES / "bad_input" / "manifest_many_errors" / "manifest.yaml", packs)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# ---------------------------------------------------------------------------- InvalidInput


def _expected(case: str) -> list[str]:
    return (CASES / "bad_input" / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_invalid_manifest_carries_every_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "bad_input" / "manifest_many_errors")
    with pytest.raises(InvalidInput) as info:
        load_manifest("manifest.yaml", list(real_packs()))
    problems = info.value.problems
    assert [str(p) for p in problems] == _expected("manifest_many_errors")
    assert len(info.value.errors) == len(problems) == 10
    assert list(problems) == sorted(problems)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.file == "manifest.yaml"
        assert p.line >= 1 and p.column >= 1
        assert p.json_path.startswith("$")
        assert re.fullmatch(r"[EW]\d{3}", p.code)
        assert p.message
        assert p.to_dict()["line"] == p.line
    first = problems[0]
    assert (first.line, first.column, first.code, first.json_path) == (1, 1, "E005", "$")
    typo = next(p for p in problems if p.code == "E003")
    assert (typo.line, typo.column, typo.json_path) == (6, 1, "$.assesment")
    assert str(info.value) == "\n".join(_expected("manifest_many_errors"))


@pytest.mark.parametrize("case", ["unknown_reference", "wrong_type", "missing_field", "cycle"])
def test_invalid_pack_carries_every_problem(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "bad_input" / case)
    with pytest.raises(InvalidInput) as info:
        load_pack("pack")
    assert [str(p) for p in info.value.problems] == _expected(case)
    assert all(p.file.startswith("pack/") for p in info.value.problems)


def test_problems_name_files_outside_the_working_directory_by_their_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = Path(shutil.copytree(CASES / "bad_input" / "unknown_key", tmp_path / "case"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(InvalidInput) as info:
        load_pack(case / "pack")
    (problem,) = info.value.problems
    assert Path(problem.file) == case / "pack" / "pack.yaml"
    assert (problem.line, problem.column, problem.code) == (15, 5, "E003")


def test_invalid_input_is_an_exception_with_problems() -> None:
    problem = Problem("a.yaml", 3, 7, "E003", "unknown key 'x'", "$.x")
    exc = InvalidInput([problem, Problem("a.yaml", 1, 1, "W101", "unused", severity="warning")])
    assert isinstance(exc, Exception)
    assert [p.line for p in exc.problems] == [1, 3]
    assert exc.errors == (problem,)
    assert str(problem) == "a.yaml:3:7: error E003 unknown key 'x' (at $.x)"
    assert str(exc).splitlines() == [str(p) for p in exc.problems]
