"""Golden JSON results: the examples and every pack case, frozen byte for byte.

``python -m tests.golden.golden`` rewrites the files; do that only when an issue asks for a
different outcome, and say which in the commit.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
EXAMPLES = ("harbour-bank", "jade-river-health", "summit-outsourcing")


def cases() -> Iterator[tuple[str, str]]:
    """(golden file name, description) for every frozen result."""
    for name in EXAMPLES:
        yield f"examples/{name}.evaluate.json", name
        yield f"examples/{name}.gaps.json", name
    for pack_dir in sorted((ROOT / "clause_packs").iterdir()):
        for case in sorted((pack_dir / "cases").glob("*/manifest.yaml")):
            yield f"cases/{pack_dir.name}/{case.parent.name}.json", str(case)


def render(name: str) -> str:
    """The current JSON for golden file ``name``."""
    from ccom_rules import evaluate, installed_packs, load_manifest, load_pack, plan_remediation, trace_gaps
    from ccom_rules.model.gaps import GapAnalysis
    from ccom_rules.report.json import render as render_json

    kind, rest = name.split("/", 1)
    if kind == "examples":
        org, what, _ = rest.split(".")
        packs = installed_packs()
        manifest = load_manifest(ROOT / "examples" / org / "manifest.yaml", packs)
        result = evaluate(packs, manifest)
        if what == "evaluate":
            return render_json(result)
        analysis = GapAnalysis(
            engine_version=result.engine_version,
            manifest_sha256=result.manifest.sha256,
            assessment_date=str(result.manifest.assessment_date),
            gaps=trace_gaps(packs, manifest, result),
            plan=plan_remediation(packs, manifest, []),
        )
        return render_json(analysis)
    pack_name, case_file = rest.split("/", 1)
    pack = load_pack(ROOT / "clause_packs" / pack_name)
    manifest = load_manifest(ROOT / "clause_packs" / pack_name / "cases" / case_file[:-5] / "manifest.yaml", [pack])
    return render_json(evaluate([pack], manifest))


def main() -> int:
    for name, _ in cases():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
