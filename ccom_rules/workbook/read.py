"""Reading the filled worksheet back as findings; every problem names its sheet and cell."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model.manifest import Finding
from ..model.pack import ClausePack
from ..problems import Problem
from . import layout, openpyxl

MAX_ROWS = 20_000
"""More rows than any pack has clauses: a larger sheet is refused, not read."""


def _where(path: Path, row: int, column: int, message: str, code: str = "E004") -> Problem:
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(column)}{row}"
    return Problem(str(path), row, column, code, message, f"'{layout.WORKSHEET}'!{cell}")


def _value(raw: Any, field: str) -> Any:
    """The cell's value as the finding field takes it (numbers typed as text are read as numbers)."""
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
        if field in ("c_rate", "f_rate", "fraction"):
            try:
                number = float(raw)
            except ValueError:
                return raw
            raw = number
    if isinstance(raw, bool):
        return raw  # refused by the check below, not read as 0 or 1
    if field in ("c_rate", "f_rate") and isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw


def _check(field: str, value: Any) -> str | None:
    choices = layout.allowed(field)
    if field == "fraction":
        low, high = choices
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            return f"fraction must be a number from {low:g} to {high:g}, not {value!r}"
        return None
    if value not in choices or isinstance(value, bool):
        return f"{field} must be one of {', '.join(map(str, choices))}, not {value!r}"
    return None


def read_findings(path: Path, packs: Sequence[ClausePack]) -> tuple[list[Finding], list[Problem]]:
    """The findings recorded on the worksheet of workbook ``path``: one per row with a value in any
    finding cell. Problems (unknown clause, a value outside its list, a cell the clause's scoring
    does not read) name the sheet and cell; every problem is collected."""
    xl = openpyxl()
    problems: list[Problem] = []
    try:
        book = xl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [Problem(str(path), 1, 1, "E001", f"not a readable .xlsx workbook: {type(exc).__name__}")]
    if layout.WORKSHEET not in book.sheetnames:
        return [], [Problem(str(path), 1, 1, "E005", f"no sheet named {layout.WORKSHEET!r}: export one with ccom-rules export")]
    sheet = book[layout.WORKSHEET]
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    want = [h for _, h in layout.COLUMNS]
    if list(header[: len(want)]) != want:
        return [], [_where(path, 1, 1, f"the header row must be {' | '.join(want)}", "E005")]
    known = {(p.id, cid): (p, p.index.clauses[cid]) for p in packs for cid in p.index.clauses}
    findings: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    for n, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if n > MAX_ROWS:
            problems.append(_where(path, n, 1, f"more than {MAX_ROWS} rows; is this the exported worksheet?"))
            break
        row = dict(zip((k for k, _ in layout.COLUMNS), cells, strict=False))
        values = {f: _value(row.get(f), f) for f in layout.FIELDS}
        note = row.get("note")
        note = str(note).strip() if note is not None else ""
        if all(v is None for v in values.values()):
            continue  # nothing recorded on this row (a note alone is no finding)
        pack_id, target = str(row.get("pack") or "").strip(), str(row.get("target") or "").strip()
        if (pack_id, target) not in known:
            problems.append(_where(path, n, layout.COLUMN["target"], f"no clause {target!r} in pack {pack_id!r}", "E007"))
            continue
        pack, placed = known[(pack_id, target)]
        reads = pack.scoring.reads(pack.index, placed) & set(layout.FIELDS) or {"status"}
        bad = False
        for field, value in values.items():
            if value is None:
                continue
            column = layout.COLUMN[field]
            if field not in reads:
                problems.append(
                    _where(path, n, column, f"{field} is not read on {pack_id} {target}; use {', '.join(sorted(reads))}")
                )
                bad = True
            elif (message := _check(field, value)) is not None:
                problems.append(_where(path, n, column, message))
                bad = True
        if (pack_id, target) in seen:
            problems.append(_where(path, n, 1, f"{pack_id} {target} is also on row {seen[(pack_id, target)]}", "E006"))
            bad = True
        seen[(pack_id, target)] = n
        if bad:
            continue
        try:
            findings.append(Finding(pack=pack_id, target=target, note=note, **{k: v for k, v in values.items() if v is not None}))
        except ValidationError as exc:
            problems.append(_where(path, n, 1, exc.errors()[0]["msg"]))
    book.close()
    return findings, problems
