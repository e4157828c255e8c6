"""Spreadsheet files in and out: .xlsx through openpyxl, .csv through the standard library.

openpyxl is imported inside the functions that need it: `lkjip set` and the TUI never pay for loading it.
What comes back from a file is plain rows of cell values: None, str, int, Decimal (a float turned into the digits
it shows, a percent-formatted cell times 100), or whatever the file held that is not a number or text (a date,
a boolean) for the import to refuse with its place.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .csv_rows import rows as csv_rows
from .errors import WorkbookError
from .sheet_export import SheetOut
from .sheet_layout import KASKADE, PETUNJUK, PROFIL, letter
from .xlsx_formulas import Uncomputed
from .xlsx_write import append_row

if TYPE_CHECKING:  # openpyxl is imported when a sheet is written or read
    from openpyxl.worksheet.datavalidation import DataValidation as DV
    from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_ROWS = 100_000  # far beyond a kabupaten's cascade; a runaway sheet is refused rather than read for minutes


class SheetFileError(WorkbookError):
    """A file that is not a readable spreadsheet at all (as opposed to cells that are wrong)."""


@dataclass
class SheetIn:
    name: str
    rows: list[list[object]]
    hidden: bool = False
    # Formula cells whose value the file does not hold (store.xlsx_formulas): in `rows` they are None, never to be
    # read as empty.
    uncomputed: list[Uncomputed] = field(default_factory=list)


# -- writing ------------------------------------------------------------------------------------------------------
def render(sheets: list[SheetOut]) -> bytes:
    """The sheets as .xlsx bytes (saved to memory: the caller writes them through the one safe writer)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    assert book.active is not None  # a new book has its one sheet
    book.remove(book.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        if sheet.columns is not None:
            append_row(ws, [c.header for c in sheet.columns])
            for i, col in enumerate(sheet.columns):
                cell = ws.cell(row=1, column=i + 1)
                cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
                ws.column_dimensions[letter(i)].width = col.width
            ws.freeze_panes = "D2" if sheet.name == KASKADE else "C2"
        for row in sheet.rows:
            append_row(ws, row)  # a name or rumus starting with "=" is text, never a formula
        if sheet.columns is not None:
            _formats(ws, sheet, DataValidation)
        elif sheet.name == PETUNJUK:
            ws.column_dimensions["A"].width = 120
            for (cell,) in ws.iter_rows(min_row=1, max_col=1):
                cell.alignment = wrap
            ws["A1"].font = bold
        elif sheet.name == PROFIL:
            ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 22, 40
            ws["A1"].font = ws["B1"].font = bold
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _formats(ws: Worksheet, sheet: SheetOut, DataValidation: type[DV]) -> None:
    from .sheet_layout import ARAH_WORDS, LEVEL_WORDS

    last = max(len(sheet.rows) + 1, 500)
    lists = {
        "tingkat": ",".join(LEVEL_WORDS.values()),
        "arah": ",".join(ARAH_WORDS.values()),
        "rumus-negatif": "2T-R,T/R",
        "aturan-tw": "kumulatif,nilai akhir",
        "jenis": "outcome,output",
    }
    assert sheet.columns is not None
    for i, col in enumerate(sheet.columns):
        span = f"{letter(i)}2:{letter(i)}{last}"
        if col.kind == "money":
            for (cell,) in ws.iter_rows(min_row=2, max_row=len(sheet.rows) + 1, min_col=i + 1, max_col=i + 1):
                cell.number_format = "#,##0"
        elif col.key in ("kode", "id-simpul", "id-indikator"):
            # Text, so that Excel keeps 7.01 as typed instead of making it the number 7,01. Set on the column, not
            # on empty cells: a sheet whose last row is its last figure is what a script appending rows expects.
            ws.column_dimensions[letter(i)].number_format = "@"
            for (cell,) in ws.iter_rows(min_row=2, max_row=len(sheet.rows) + 1, min_col=i + 1, max_col=i + 1):
                cell.number_format = "@"
        if col.key in lists:
            dv = DataValidation(type="list", formula1=f'"{lists[col.key]}"', allow_blank=True)
            dv.error = "Pilih salah satu isian dari daftar."
            ws.add_data_validation(dv)
            dv.add(span)


# -- reading ------------------------------------------------------------------------------------------------------
class CellError(str):
    """A cell showing a formula's error (#REF!, #DIV/0!, #N/A): its text where a text is read as it was before, and
    refused by store.sheet_cells wherever a value is read, never stored as a name or a number."""


def _number(value: object, number_format: str | None) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    # A spreadsheet keeps 15 significant digits: 82.08 reads as 82.08 (never 82.0799999999999983), and a sum
    # like 0.1 + 0.2 as the 0.3 the operator sees. The export writes a float only when it survives this.
    d = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    if number_format and "%" in number_format:
        d = d * 100  # a cell formatted as percent holds 0.8208 for the 82,08 the operator sees
    return d


def read_xlsx(raw: bytes, where: str) -> dict[str, SheetIn]:
    from .xlsx_guard import check_xlsx

    check_xlsx(raw, where)  # a zip bomb is refused by its inflated size and shape before openpyxl parses it
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, xml, key) for a damaged or foreign file
        raise SheetFileError(f"{where} bukan berkas .xlsx yang dapat dibaca; simpan ulang dari Excel atau "
                             f"LibreOffice sebagai \u201cExcel 2007-365 (.xlsx)\u201d.") from None
    sheets: dict[str, SheetIn] = {}
    try:
        for ws in book.worksheets:
            ws.reset_dimensions()  # some writers state a wrong size; read what is there
            rows: list[list[object]] = []
            for n, row in enumerate(ws.iter_rows(), start=1):
                if n > MAX_ROWS:
                    raise SheetFileError(f"{where}: lembar {ws.title} lebih dari {MAX_ROWS} baris; hapus baris "
                                         f"kosong di bawah datanya.")
                rows.append([_number(c.value, getattr(c, "number_format", None)) if c.data_type != "e"
                             else CellError(c.value) for c in row])
            sheets[ws.title] = SheetIn(ws.title, rows, getattr(ws, "sheet_state", "visible") != "visible")
        _formulas(raw, book, sheets)
    except SheetFileError:
        raise
    except Exception:
        raise SheetFileError(f"{where} rusak di dalamnya dan tidak dapat dibaca; simpan ulang dari Excel atau "
                             f"LibreOffice.") from None
    finally:
        book.close()
    return sheets


def _formulas(raw: bytes, book: OpenpyxlBook, sheets: dict[str, SheetIn]) -> None:
    """Mark the formula cells that hold no value the spreadsheet computed (store.xlsx_formulas)."""
    import zipfile

    from .xlsx_formulas import has_formula, recompute_on_open, uncomputed

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        placeholders = None
        for ws in book.worksheets:
            # The part openpyxl read this sheet from: read-only mode keeps it (its sheets are ReadOnlyWorksheet).
            part = ws._worksheet_path  # type: ignore[attr-defined]  # private to openpyxl, pinned below 4
            if not has_formula(archive, part):
                continue
            if placeholders is None:
                placeholders = recompute_on_open(archive)
            sheets[ws.title].uncomputed = uncomputed(archive, part, placeholders)


def read_csv(raw: bytes, where: str) -> dict[str, SheetIn]:
    """A CSV of the Kaskade layout; Indonesian spreadsheets write `;` between cells (the comma is the decimal)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetFileError(f"{where} bukan teks UTF-8; simpan ulang sebagai \u201cCSV UTF-8\u201d.") from None
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows: list[list[object]] = [[cell if cell.strip() else None for cell in r]
                                for _, r in csv_rows(text, where, delimiter)]  # refusals in Indonesian, with where
    if len(rows) > MAX_ROWS:
        raise SheetFileError(f"{where} lebih dari {MAX_ROWS} baris.")
    return {KASKADE: SheetIn(KASKADE, rows)}
