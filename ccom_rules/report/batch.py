"""``ccom-rules batch`` output: one row per manifest, as JSON or CSV. Formats what the engine decided."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..batch import BatchReport, BatchRow


def _row_dict(row: BatchRow) -> dict[str, Any]:
    return {
        "path": row.path,
        "evaluated": row.evaluated,
        "organisation": row.organisation,
        "assessment_date": row.assessment_date,
        "manifest_sha256": row.manifest_sha256,
        "outcomes": {s.pack: {"model": s.model, **dict(s.values)} for s in row.outcomes},
        "problems": [str(p) for p in row.problems],
    }


def render_json(report: BatchReport) -> str:
    """``{"engine_version", "packs", "manifests": [row…]}``, indented, with a final newline."""
    data = {
        "engine_version": report.engine_version,
        "packs": list(report.packs),
        "manifests": [_row_dict(r) for r in report.rows],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_csv(report: BatchReport) -> str:
    """A header, then one line per manifest: path, status, organisation, date, identity, one
    column per pack (its outcome's stable keys, e.g. ``level=3 certifiable_level=2``), problems
    (joined by `` | ``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "status", "organisation", "assessment_date", "manifest_sha256", *report.packs, "problems"])
    for row in report.rows:
        outcomes = {s.pack: s.compact for s in row.outcomes}
        writer.writerow(
            [
                row.path,
                "evaluated" if row.evaluated else "invalid",
                row.organisation or "",
                row.assessment_date or "",
                row.manifest_sha256 or "",
                *(outcomes.get(p, "") for p in report.packs),
                " | ".join(str(p) for p in row.problems),
            ]
        )
    return out.getvalue()
