"""Models build their validators when first used: importing the engine builds none of them, and a
model whose fields name a type defined elsewhere (the combinators' ``Predicate``) still validates."""

from __future__ import annotations

import subprocess
import sys


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_engine_builds_no_model() -> None:
    code = (
        "import ccom_rules.engine, ccom_rules.predicates as p\n"
        "from ccom_rules.model import manifest, pack, result\n"
        "print([m.__name__ for m in (pack.ClausePack, manifest.Manifest, result.Result, p.AllOf, p.Present)"
        " if m.__pydantic_complete__])"
    )
    assert _fresh(code) == "[]"


def test_a_combinator_validates_nested_predicates_in_a_fresh_interpreter() -> None:
    code = (
        "from ccom_rules.predicates import AtLeast\n"
        "p = AtLeast.model_validate({'kind': 'at_least', 'k': 1, 'of': [{'kind': 'present', 'type': 'x'},"
        " {'kind': 'all_of', 'of': [{'kind': 'present', 'type': 'y'}]}]})\n"
        "print(type(p.of[0]).__name__, type(p.of[1]).__name__, type(p.of[1].of[0]).__name__)"
    )
    assert _fresh(code) == "Present AllOf Present"


def test_the_demo_loads_no_gap_or_overlay_models() -> None:
    """Evaluating packs without overlays needs neither the gap and plan models nor the overlay ones,
    nor the other commands' subjects."""
    code = (
        "import sys\nfrom ccom_rules.cli import main\ntry: main(['demo'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('ccom_rules.model.gaps', 'ccom_rules.model.overlay', 'ccom_rules.report.other_subjects')"
        " if m in sys.modules))"
    )
    assert _fresh(code).endswith("[]")


def test_the_other_subjects_are_still_named_by_the_subjects_module() -> None:
    from ccom_rules.report import other_subjects, subjects
    from ccom_rules.report.subjects import Analysis, Compared, Validation

    assert (Analysis, Compared, Validation) == (other_subjects.Analysis, other_subjects.Compared, other_subjects.Validation)
    assert subjects.Evaluation.__module__ == "ccom_rules.report.subjects"
    try:
        subjects.Nothing  # noqa: B018
    except AttributeError as exc:
        assert "Nothing" in str(exc)
    else:
        raise AssertionError("an unknown name is an AttributeError")


def test_the_demo_builds_only_the_manifests_validator() -> None:
    """With its packs cached, ``ccom-rules demo`` validates only the manifest: every other model it
    makes (defaults, results, padded texts) is built from valid parts, and the keys by which compound
    predicates share their parts' outcomes come with the cached packs (no predicate serialiser)."""
    code = (
        "import io, sys, contextlib\nfrom pydantic import BaseModel\nfrom ccom_rules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['demo'])\n"
        "    except SystemExit: pass\n"
        "def subclasses(c):\n"
        "    for s in c.__subclasses__():\n"
        "        yield s\n"
        "        yield from subclasses(s)\n"
        "print(sorted({c.__name__ for c in subclasses(BaseModel) if c.__module__.startswith('ccom_rules')"
        " and c.__dict__.get('__pydantic_complete__')}))"
    )
    _fresh(code)  # the packs read from their files, compiled and cached (if they were not)
    assert _fresh(code) == "['Manifest']"
