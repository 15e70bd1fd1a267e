"""The assessor's workbook: export, fill in a spreadsheet, import the findings, evaluate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import EXAMPLES
from .test_cli import run

openpyxl = pytest.importorskip("openpyxl")

BANK = EXAMPLES / "harbour-bank"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of the demo organisation, so nothing the test writes lands beside the example."""
    shutil.copytree(BANK, tmp_path / "bank")
    return tmp_path / "bank" / "manifest.yaml"


def _export(manifest: Path, out: Path) -> None:
    result = run("export", manifest, "--format", "xlsx", "--out", out)
    assert result.exit_code == 0, result.output


def _sheet_rows(book: object, name: str) -> list[tuple[object, ...]]:
    return list(book[name].iter_rows(min_row=2, values_only=True))  # type: ignore[index]


def test_export_writes_a_gap_register_and_a_worksheet_with_limited_cells(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "bank.xlsx"
    _export(bank, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Gap register", "Assessor worksheet"]
    register = _sheet_rows(book, "Gap register")
    assert register and all(r[0] in {"ccom_sj_t_11739", "cc_cmm", "cccs_op_2003"} for r in register)
    assert all(r[4] in {"not_met", "partially_met", "not_assessed"} for r in register)
    steps = [r[9] for r in register if r[9] is not None]
    assert steps and min(steps) == 1, "gaps the plan works on name its step"
    assert all(r[12] is None and r[13] is None for r in register), "owner and due date are the client's"
    sheet = book["Assessor worksheet"]
    rows = _sheet_rows(book, "Assessor worksheet")
    items = [r for r in rows if r[0] == "cc_cmm"]
    assert len(items) == 170  # one row per CC-CMM item
    assert len([r for r in rows if r[0] == "cccs_op_2003" and "." in str(r[1]) and not str(r[1]).startswith("0.")]) == 48
    rules = {(dv.type, dv.formula1, dv.formula2) for dv in sheet.data_validations.dataValidation}
    assert ("list", '"0,5,10"', None) in rules
    assert ("decimal", "0.0", "1.0") in rules
    assert ("list", '"met,partially_met,not_met"', None) in rules
    # The same inputs give the same bytes.
    again = tmp_path / "again.xlsx"
    _export(bank, again)
    assert again.read_bytes() == out.read_bytes()


def _fill(path: Path, values: dict[str, object]) -> None:
    """Fill every worksheet cell that the row's scoring reads (its validation covers it)."""
    book = openpyxl.load_workbook(path)
    sheet = book["Assessor worksheet"]
    headers = [c.value for c in sheet[1]]
    columns = {
        "status": headers.index("Status / 状态"),
        "c_rate": headers.index("C-Rate"),
        "f_rate": headers.index("F-Rate"),
        "fraction": headers.index("Fraction / 得分率"),
    }
    covered = {cell for dv in sheet.data_validations.dataValidation for r in dv.sqref.ranges for cell in _cells(r)}
    for row in sheet.iter_rows(min_row=2):
        for field, col in columns.items():
            if row[col].coordinate in covered and field in values:
                row[col].value = values[field]
    book.save(path)


def _cells(cell_range: object) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [
        f"{get_column_letter(c)}{r}"
        for r in range(cell_range.min_row, cell_range.max_row + 1)  # type: ignore[attr-defined]
        for c in range(cell_range.min_col, cell_range.max_col + 1)
    ]  # type: ignore[attr-defined]


def test_round_trip_export_fill_import_evaluate(bank: Path, tmp_path: Path) -> None:
    book = tmp_path / "bank.xlsx"
    _export(bank, book)
    _fill(book, {"status": "met", "c_rate": 10, "f_rate": 10, "fraction": 1})
    before = bank.read_bytes()
    new = tmp_path / "bank" / "assessed.yaml"
    result = run("import-findings", book, "--manifest", bank, "--out", new)
    assert result.exit_code == 0, result.output
    assert bank.read_bytes() == before, "the original manifest is never touched"
    text = new.read_text(encoding="utf-8")
    assert text.startswith(before.decode("utf-8").split("\nfindings:")[0]), "everything before the findings is kept as written"
    assert "# from bank.xlsx" in text
    evaluated = run("evaluate", new, "--format", "json")
    assert evaluated.exit_code == 0, evaluated.output
    packs = {p["pack"]["id"]: p["outcome"] for p in json.loads(evaluated.stdout)["packs"]}
    assert packs["cccs_op_2003"]["score"] == 100 and packs["cccs_op_2003"]["band"] == "five_star"
    assert packs["cc_cmm"]["total"] == packs["cc_cmm"]["max_total"]
    assert packs["ccom_sj_t_11739"]["passed"] is True


def test_import_names_the_sheet_and_cell_of_each_bad_value(bank: Path, tmp_path: Path) -> None:
    book_path = tmp_path / "bank.xlsx"
    _export(bank, book_path)
    book = openpyxl.load_workbook(book_path)
    sheet = book["Assessor worksheet"]
    rows = {(r[0].value, str(r[1].value)): r for r in sheet.iter_rows(min_row=2)}
    rows[("cc_cmm", "1")][6].value = 7  # C-Rate outside 0/5/10
    rows[("cccs_op_2003", "1.1")][8].value = 1.5  # fraction over 1
    rows[("ccom_sj_t_11739", "4.1")][6].value = 10  # a rating on a pass/fail clause
    book.save(book_path)
    out = bank.parent / "new.yaml"
    result = run("import-findings", book_path, "--manifest", bank, "--out", out)
    assert result.exit_code == 2
    c1, f11, r41 = (
        rows[k][c].coordinate for k, c in ((("cc_cmm", "1"), 6), (("cccs_op_2003", "1.1"), 8), (("ccom_sj_t_11739", "4.1"), 6))
    )
    assert f"'Assessor worksheet'!{c1}" in result.stderr and "c_rate must be one of 0, 5, 10, not 7" in result.stderr
    assert f"'Assessor worksheet'!{f11}" in result.stderr and "fraction must be a number from 0 to 1" in result.stderr
    assert f"'Assessor worksheet'!{r41}" in result.stderr and "c_rate is not read on ccom_sj_t_11739 4.1" in result.stderr
    assert not out.exists()


def test_import_refuses_a_file_that_is_not_a_workbook_and_never_writes_over_the_manifest(bank: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook", encoding="utf-8")
    result = run("import-findings", junk, "--manifest", bank, "--out", bank.parent / "new.yaml")
    assert result.exit_code == 2 and "not a readable .xlsx workbook" in result.stderr
    book = tmp_path / "bank.xlsx"
    _export(bank, book)
    before = bank.read_bytes()
    result = run("import-findings", book, "--manifest", bank, "--out", bank)
    assert result.exit_code == 2 and bank.read_bytes() == before
    elsewhere = run("import-findings", book, "--manifest", bank, "--out", tmp_path / "elsewhere.yaml")
    assert elsewhere.exit_code == 2 and "beside manifest.yaml" in elsewhere.stderr


def test_control_characters_from_inputs_are_escaped_in_the_workbook(bank: Path, tmp_path: Path) -> None:
    text = bank.read_text(encoding="utf-8")
    text = text.replace("name: Harbour Bank Customer Contact Centre", 'name: "Harbour\\e]0;owned\\a Bank"', 1)
    text = text.replace("note: Outbound procedure covers", 'note: "Outbound\\x01\\x9b procedure covers', 1)
    text = text.replace("callbacks for other lines.", 'callbacks for other lines."', 1)
    bank.write_text(text, encoding="utf-8")
    out = tmp_path / "bank.xlsx"
    _export(bank, out)  # openpyxl refuses these characters in a cell: it was a traceback
    book = openpyxl.load_workbook(out)
    assert ("Organisation / 组织", "Harbour\\x1b]0;owned\\x07 Bank") in _sheet_rows(book, "Summary")
    notes = [r[-1] for r in _sheet_rows(book, "Assessor worksheet") if r[:2] == ("cc_cmm", "47")]
    assert notes == ["Outbound\\x01\\u009b procedure covers card collections only, not callbacks for other lines."]
