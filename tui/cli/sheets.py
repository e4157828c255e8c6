"""`lkjip template`, `lkjip export --format xlsx` and `lkjip import` of .xlsx and .csv files.

The spreadsheet side of the command line; the rules of the sheet live in store.sheet_* and store.exchange.xlsx_io.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from store.text.errors import WorkbookError
from store.disk.output import write_output
from store.text.sanitize import cut, quote
from store.edits.workbook import Workbook

from tui.printer import out

OTHER_SHEETS = (".xls", ".ods", ".numbers")  # spreadsheets openpyxl cannot read: ask for .xlsx
SHEET_SUFFIXES = (".xlsx", ".csv", *OTHER_SHEETS)


def _write_sheet(output: str | None, payload: bytes) -> None:
    """A spreadsheet never replaces an existing file: it may be a Seksi's filled copy, or a workbook."""
    if not output:
        raise WorkbookError("Lembar kerja .xlsx memerlukan -o BERKAS.xlsx.")
    path = Path(output)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"{output}: nama berkas lembar kerja harus berakhiran .xlsx.")
    if path.exists() or path.is_symlink():
        raise WorkbookError(f"{output} sudah ada; lkjip tidak menimpa lembar kerja (mungkin sudah diisi), pilih "
                            f"nama lain.")
    if not path.parent.is_dir():
        raise WorkbookError(f"Folder {path.parent} tidak ada.")
    write_output(path, payload)  # the one export writer: exclusive temp name, 0660, never over a workbook


def _periode(text: str | None) -> tuple[int, int]:
    from store.exchange.sheet_layout import default_periode

    if not text:
        return default_periode(date.today().year)
    try:
        awal, akhir = (int(x) for x in text.replace("\u2013", "-").split("-"))
    except ValueError:
        raise WorkbookError(f"Periode {quote(text)} tidak terbaca; tulis seperti 2025-2029.") from None
    if not 1900 < awal <= akhir < 2200 or akhir - awal > 10:
        raise WorkbookError(f"Periode {quote(text)} tidak masuk akal; tulis seperti 2025-2029.")
    return awal, akhir


def cmd_template(args: argparse.Namespace) -> int:
    from store.exchange.sheet_export import template_book
    from store.exchange.xlsx_io import render

    awal, akhir = _periode(args.periode)
    tahun = min(max(date.today().year, awal), akhir)
    output = args.output or f"templat-{awal}-{akhir}.xlsx"  # named and printed; _write_sheet never overwrites
    _write_sheet(output, render(template_book(awal, akhir, tahun)))
    out(f"Templat periode {awal}\u2013{akhir} ditulis: {output} (baca lembar Petunjuk; lalu `lkjip import "
         f"{output} BUKU-KERJA.json`).")
    return 0


def export_xlsx(wb: Workbook, args: argparse.Namespace, year: int) -> int:
    from store.exchange.sheet_export import export_book
    from store.exchange.xlsx_io import render

    casc = wb.cascade()
    awal, akhir = int(casc.meta["periode_awal"]), int(casc.meta["periode_akhir"])
    if not awal - 4 <= year <= akhir:
        raise WorkbookError(f"Tahun {year} di luar periode buku kerja ({awal}\u2013{akhir}).")
    # Without -o: beside the workbook, named by it and the year (kantor.json -> kantor-2025.xlsx).
    output = args.output or str(wb.path.with_name(f"{wb.path.stem}-{year}.xlsx"))
    _write_sheet(output, render(export_book(casc, year)))
    out(f"Ditulis: {output} (realisasi tahun {year}; revisi {casc.meta.get('revision', 0)}).")
    return 0


def tree(document: dict) -> None:
    """The cascade that would be built, indented by level, so the operator sees every parent before writing. A node
    is named by its code; one without a code (a tujuan, a sasaran) by its REF, never by an internal id, which after
    a move looks like the node's old code (store.domain.refs)."""
    from store.domain.cascade import Cascade
    from store.domain.model import LEVEL_LABELS
    from store.domain.refs import node_ref
    from store.exchange.sheet_import import LABEL_MAX

    casc = Cascade(document)
    for node, depth in casc.walk():
        ref = "" if node["code"] else f" [{node_ref(node)}]"
        out(f"{'  ' * (depth + 1)}{LEVEL_LABELS[node['level']]}{ref}: {cut(casc.label(node), LABEL_MAX)} "
            f"({len(node['indicators'])} indikator)")


def import_sheet(args: argparse.Namespace) -> int:
    from store.exchange import sheet_import
    from store.exchange.sheet_counts import figures_read
    from store.exchange.sheet_fill import fill_empty, is_empty

    if args.document.lower().endswith(OTHER_SHEETS):
        raise WorkbookError(f"{args.document}: lkjip membaca .xlsx dan .csv; simpan ulang berkas ini dari Excel atau "
                            f"LibreOffice sebagai “Excel 2007-365 (.xlsx)”.")

    parsed = sheet_import.read_file(args.document)
    where = Path(args.document).name
    target = Path(args.workbook)
    nothing = "Tidak ada yang ditulis (--dry-run)."
    if not target.exists():
        document = sheet_import.build_document(parsed, where)
        if args.dry_run:
            out(f"Akan dibuat: {args.workbook} dengan {sheet_import.summary(document)}:")
            tree(document)
            _lines(figures_read(parsed))
            out(nothing)
            return 0
        Workbook.create(target, document)
        out(f"Buku kerja {args.workbook} dibuat dari {where}: {sheet_import.summary(document)}.")
        _lines(figures_read(parsed))
        return 0
    wb = Workbook.open(target)
    if is_empty(wb):  # made with `lkjip init`: the sheet builds its cascade
        document, changes = fill_empty(wb, parsed, where, dry_run=args.dry_run)
        verb = "Akan diubah" if args.dry_run else "Diubah"
        if args.dry_run:
            out(f"Akan diisi: {args.workbook} dengan {sheet_import.summary(document)}:")
            tree(document)
        else:
            out(f"Buku kerja {args.workbook} diisi dari {where}: {sheet_import.summary(document)}.")
        _lines([f"{verb}: {change.line()}" for change in changes])
        _lines(figures_read(parsed))
        if args.dry_run:
            out(nothing)
        return 0
    if parsed.asal_revision is not None and parsed.asal_revision != wb.revision():
        out(f"Catatan: {args.workbook} berubah sejak {where} diekspor (revisi {parsed.asal_revision} \u2192 "
             f"{wb.revision()}); sel yang diubah di kedua tempat ditolak, yang lain digabung.")
    changes = sheet_import.apply_changes(wb, parsed, where, dry_run=args.dry_run)
    verb = "Akan diubah" if args.dry_run else "Diubah"
    _lines([f"{verb}: {change.line()}" for change in changes])
    _lines(figures_read(parsed))
    if args.dry_run:
        out(f"{len(changes)} perubahan; tidak ada yang ditulis (--dry-run).")
    elif changes:
        out(f"{len(changes)} perubahan dari {where} disimpan dan dicatat (`lkjip log {args.workbook}`).")
    else:
        out(f"Tidak ada perbedaan antara {where} dan {args.workbook}; tidak ada yang berubah.")
    return 0


def _lines(lines: list[str]) -> None:
    for line in lines:
        out(line)
