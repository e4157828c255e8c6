"""The rekap as a spreadsheet (openpyxl) or a Word document (python-docx), written to bytes for the safe writer.

The spreadsheet keeps figures as numbers (money as whole Rupiah, ratios rounded to two places as shown) so the
Bagian Organisasi can sort and sum them; the Word document prints the very table `lkjip rekap` shows.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from io import BytesIO

from store.exchange.xlsx_write import append_row

from reports.efisiensi import efisiensi_places
from .rekap import DASH, EFISIENSI, Office, Rekap, as_table, columns, printed_tables

MONEY_FORMAT = "#,##0"
RATIO_FORMAT = "0.00"


def _ratio(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else float(value.quantize(Decimal(1).scaleb(-places)))


def _values(no: int | None, o: Office, bands: list[str]) -> list[object]:
    if not o.readable:
        return [no, o.source.shown, *[None] * (14 + len(bands)), f"Tidak terbaca: {o.reason}."]
    return [no, o.source.shown, o.instansi, o.year, o.revision, o.sasaran, o.indikator, _ratio(o.capaian),
            o.predikat if o.predikat != DASH else None, *[o.bands.get(b, 0) for b in bands], o.pagu, o.realisasi,
            _ratio(o.serapan), _ratio(o.efisiensi, efisiensi_places(o.efisiensi_rumus)),
            o.efisiensi_label if o.efisiensi_label != DASH else None, o.belum_diisi, o.galat, o.note or None]


def to_xlsx(rekap: Rekap) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    cols = columns(rekap)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new book has its one sheet
    sheet.title = "Rekap"
    append_row(sheet, cols)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for no, o in enumerate(rekap.offices, start=1):
        append_row(sheet, _values(no, o, rekap.bands))  # an instansi "=HYPERLINK(…)" stays text
    append_row(sheet, _values(None, rekap.total, rekap.bands))
    # Efisiensi as its rows' reports print it: a difference with two decimals, a ratio (1,063) with three.
    col = cols.index(EFISIENSI) + 1
    for row, o in enumerate([*rekap.offices, rekap.total], start=2):
        sheet.cell(row=row, column=col).number_format = "0." + "0" * efisiensi_places(o.efisiensi_rumus)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    formats = {c: MONEY_FORMAT for c in ("Pagu (Rp)", "Realisasi (Rp)")}
    formats.update({c: RATIO_FORMAT for c in ("Capaian (%)", "Serapan (%)")})
    for i, name in enumerate(cols, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = max(8, min(40, len(name) + 2))
        if name in formats:
            for cells in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cells[0].number_format = formats[name]
    sheet.column_dimensions["B"].width = sheet.column_dimensions["C"].width = 32
    sheet.freeze_panes = "C2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(rekap: Rekap, *, now: datetime | None = None) -> bytes:
    from reports.docx.doc import ShortDocument

    title = as_table(rekap).title
    d = ShortDocument(title=title, author="lkjip", landscape=True)
    d.centered(title.upper(), size=13, after=4)
    stamp = (now or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    d.centered(f"{len(rekap.offices)} buku kerja, dibaca {stamp}", size=10, bold=False, after=8)
    for table in printed_tables(rekap):
        d.table(table)
    if rekap.total.note:  # the printed tables leave Keterangan out: how many offices the total row counts
        d.text(f"Baris jumlah: {rekap.total.note}")
    return d.to_bytes()
