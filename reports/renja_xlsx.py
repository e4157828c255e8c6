"""The Renja evaluation (Tabel E.81) as a spreadsheet Bappeda can add up: a number in every figure cell, an empty
cell where the workbook lacks the figure (listed under the table, never 0), every text through the formula-safe
writer (store.xlsx_write.append_row)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from store.xlsx_write import append_row

from .renja_eval import PERCENT_COLUMNS, EvaluasiRenja, average_line, headers, legend, missing_line
from .renja_figures import FIGURE_COLUMNS

MONEY_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
HEADER_ROW = 5  # title, instansi, stamp, legend, then the form's header
FIRST_FIGURE = 7  # column G: after No, Sasaran, Kode, Uraian, Indikator, Satuan


def render(report: EvaluasiRenja) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new book has its one sheet
    sheet.title = f"E.81 TW {report.tw}"
    append_row(sheet, [report.title])
    append_row(sheet, [report.instansi])
    append_row(sheet, [report.stamp.text])  # the DRAF mark, or the final copy's lock line, as in md and Word
    append_row(sheet, [legend(report)])
    append_row(sheet, headers(report))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    for r in report.rows:
        figures: list[object] = []
        for c in FIGURE_COLUMNS:
            for f in (r.k, r.rp):
                value = None if f is None else f.values.get(c)
                figures.append(float(value) if isinstance(value, Decimal) else value)  # Decimal: exact in, a number out
        append_row(sheet, [r.no, r.sasaran, r.kode, r.uraian, r.indikator, r.satuan, *figures, r.unit,
                           r.keterangan])
        row = sheet.max_row
        for j, c in enumerate(FIGURE_COLUMNS):
            k, rp = sheet.cell(row, FIRST_FIGURE + 2 * j), sheet.cell(row, FIRST_FIGURE + 2 * j + 1)
            k.number_format = DECIMAL_FORMAT
            rp.number_format = DECIMAL_FORMAT if c in PERCENT_COLUMNS else MONEY_FORMAT
    append_row(sheet, [])
    append_row(sheet, [average_line(report)])
    for key, title, text in report.texts:
        append_row(sheet, [title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        append_row(sheet, [text or "Belum diisi."])
    for line in missing_line(report):
        append_row(sheet, [line])
    for letter, width in (("A", 5), ("B", 30), ("C", 16), ("D", 40), ("E", 36), ("F", 10)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, FIRST_FIGURE).coordinate  # the cell's name: what openpyxl keeps
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
