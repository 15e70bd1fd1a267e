"""The assessor's workbook (``export --format xlsx``): a summary, a gap register for the client,
and a worksheet of findings for the assessor, which ``import-findings`` reads back.

Nothing here decides anything: outcomes, gaps and the plan come from the engine, the scoring
models and the planner; the worksheet's rows and cell rules from :mod:`ccom_rules.workbook.layout`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

from ..i18n import LANGS, say, t
from ..model.gaps import ClauseGap
from ..model.pack import ClausePack
from ..scoring import model_of
from ..workbook import layout, openpyxl
from .subjects import Analysis

REGISTER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Standard / 标准", 16),
    ("Clause / 条款", 10),
    ("Checkpoint / 检查点", 14),
    ("Title / 标题", 40),
    ("Status / 状态", 14),
    ("Kind / 类型", 10),
    ("Reason", 60),
    ("原因", 60),
    ("Evidence needed / 所需证据", 50),
    ("Plan step / 计划步骤", 10),
    ("Phase / 阶段", 14),
    ("Earliest completion / 最早完成", 14),
    ("Owner / 负责人", 16),
    ("Due date / 截止日期", 14),
)
_OPEN = ("not_met", "partially_met", "not_assessed")


def render(subject: Analysis) -> bytes:
    """The workbook as ``.xlsx`` bytes (deterministic: no creation time is stored)."""
    xl = openpyxl()
    book = xl.Workbook()
    _summary(book.active, subject)
    _register(book.create_sheet(layout.REGISTER), subject)
    _worksheet(book.create_sheet(layout.WORKSHEET), subject, xl)
    book.properties.creator = "ccom-rules"
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01 and the document's created and modified
    times fixed (openpyxl writes the clock's), so the same inputs give the same bytes."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def _append(sheet: Any, values: Sequence[Any]) -> None:
    """A row whose text has its control characters escaped (as in every text the tool writes):
    openpyxl refuses most of them in a cell, and a worksheet should not hide them either."""
    from ..safetext import visible

    sheet.append([visible(v) if isinstance(v, str) else v for v in values])


def _header(sheet: Any, headers: Sequence[str], widths: Sequence[int] = ()) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    _append(sheet, list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _summary(sheet: Any, subject: Analysis) -> None:
    sheet.title = layout.SUMMARY
    m, r = subject.manifest, subject.result
    _header(sheet, ("Item / 项目", "Value / 内容"), (28, 90))
    for label, value in (
        ("Organisation / 组织", m.organisation.name),
        ("Assessment date / 评估日期", str(m.assessment.date)),
        ("Scope / 范围", m.assessment.scope),
        ("Assessor / 评估人", m.assessment.assessor),
        ("Manifest sha256", r.manifest.sha256),
        ("ccom-rules", r.engine_version),
    ):
        _append(sheet, [label, value])
    for pack in r.packs:
        model = model_of(pack.outcome)
        _append(sheet, [f"{pack.pack.id} {pack.pack.version}", model.headline(pack.outcome, "en")])
        _append(sheet, ["", model.headline(pack.outcome, "zh")])
    titles = _titles(subject.packs)
    for target in subject.plan.targets:
        _append(sheet, [f"Target / 目标 {target.target}", say(target.reason, "en", titles)])
        _append(sheet, ["", say(target.reason, "zh", titles)])


def _titles(packs: Sequence[ClausePack]) -> Any:
    known = {t.id: t.title for p in packs for t in p.evidence_types}
    return known.get


def _register_rows(subject: Analysis) -> Iterator[tuple[ClauseGap, str, tuple[str, ...], tuple[str, ...]]]:
    """(gap, checkpoint id or "", its reasons, the evidence types it needs) for each unmet part."""
    by_pack = {p.id: p for p in subject.packs}
    results = {(p.pack.id, c.id): c for p in subject.result.packs for c in p.clauses}
    for gap in (*subject.gaps.roots, *subject.gaps.blocked):
        clause = results[(gap.pack, gap.clause)]
        index = by_pack[gap.pack].index
        open_checkpoints = [cp for cp in clause.checkpoints if cp.status in _OPEN]
        if not open_checkpoints:
            yield gap, "", gap.reasons, gap.evidence_types
        for cp in open_checkpoints:
            needs = tuple(sorted(index.checkpoints[cp.id][0].evidence.evidence_types()))
            yield gap, cp.id, cp.reasons, needs


def _plan_step(subject: Analysis, gap: ClauseGap, checkpoint: str, needs: tuple[str, ...]) -> int | None:
    """The number of the first plan action that works on this gap: one that closes the clause,
    provides evidence it needs, or records a finding on it."""
    targets = {gap.clause, checkpoint}
    for n, action in enumerate(subject.plan.actions, start=1):
        if any(g.pack == gap.pack and gap.clause in g.closes for g in action.gains):
            return n
        if any(item.type in needs for item in action.evidence):
            return n
        if any(f.pack == gap.pack and f.target in targets for f in action.findings):
            return n
    return None


def _register(sheet: Any, subject: Analysis) -> None:
    _header(sheet, [h for h, _ in REGISTER_COLUMNS], [w for _, w in REGISTER_COLUMNS])
    titles = _titles(subject.packs)
    for gap, checkpoint, reasons, needs in _register_rows(subject):
        n = _plan_step(subject, gap, checkpoint, needs)
        action = subject.plan.actions[n - 1] if n else None
        names = [say(titles(e), "en") if titles(e) else e for e in needs]
        names_zh = [say(titles(e), "zh") if titles(e) else e for e in needs]
        _append(
            sheet,
            [
                gap.pack,
                gap.clause,
                checkpoint,
                f"{gap.title.en} / {gap.title.zh}",
                gap.status,
                gap.kind,
                "; ".join(say(r, "en", titles) for r in reasons),
                "；".join(say(r, "zh", titles) for r in reasons),
                "\n".join(f"{en} / {zh}" if en != zh else en for en, zh in zip(names, names_zh, strict=True)),
                n,
                " / ".join(t(f"plan.phase.{action.phase}", lang) for lang in LANGS) if action and action.phase else None,
                str(getattr(action, "earliest", "") or "") or None,
                None,
                None,
            ],
        )
    sheet.auto_filter.ref = sheet.dimensions


def _worksheet(sheet: Any, subject: Analysis, xl: Any) -> None:
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    _header(sheet, [h for _, h in layout.COLUMNS], (16, 10, 50, 30, 16, 16, 9, 9, 12, 40))
    grey = PatternFill("solid", fgColor="EEEEEE")
    validations: dict[str, Any] = {}
    for field in layout.FIELDS:
        choices = layout.allowed(field)
        if all(isinstance(c, str) for c in choices):
            dv = DataValidation(type="list", formula1='"' + ",".join(map(str, choices)) + '"', allow_blank=True)
        elif all(isinstance(c, int) for c in choices):
            dv = DataValidation(type="list", formula1='"' + ",".join(map(str, choices)) + '"', allow_blank=True)
        else:
            low, high = choices
            dv = DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
        dv.error = f"{field}: " + ", ".join(map(str, choices)) if len(choices) != 2 or field != "fraction" else f"{field}: 0–1"
        dv.showErrorMessage = True
        sheet.add_data_validation(dv)
        validations[field] = dv
    for n, row in enumerate(layout.rows(subject.packs, subject.manifest, subject.result), start=2):
        c = row.clause
        now: str = c.status
        if c.c_rate is not None or c.f_rate is not None:
            now = f"C {c.c_rate} / F {c.f_rate}"
        elif c.fraction is not None:
            now = f"{c.fraction:g}"
        values: dict[str, Any] = {
            "pack": row.pack,
            "target": row.target,
            "title_en": c.title.en,
            "title_zh": c.title.zh,
            "now": now,
            "note": row.recorded.note if row.recorded else None,
        }
        for field in layout.FIELDS:
            values[field] = getattr(row.recorded, field) if row.recorded and field in row.fields else None
        _append(sheet, [values[key] for key, _ in layout.COLUMNS])
        for field in layout.FIELDS:
            cell = sheet.cell(row=n, column=layout.COLUMN[field])
            if field in row.fields:
                validations[field].add(cell.coordinate)
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
        sheet.cell(row=n, column=layout.COLUMN["note"]).protection = Protection(locked=False)
    sheet.auto_filter.ref = sheet.dimensions
