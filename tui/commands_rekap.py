"""`lkjip rekap WORKBOOK... [--year Y] [--sort COLUMN] [--format text|md|json|xlsx|docx] [-o PATH]`.

Reads the workbooks without their lock and writes nothing but the -o file (never onto a workbook). Exit 1 when any
workbook could not be read: its row says why, and the others are still shown. Exit 2, nothing shown or written,
when the workbooks' report years differ and --year does not name one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from store.sanitize import quote

from .printer import err, out, out_document


def _render(rekap, fmt: str) -> bytes:
    from reports import rekap as R

    if fmt == "json":
        import orjson

        return orjson.dumps(R.as_json(rekap), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    if fmt == "xlsx":
        from reports.rekap_files import to_xlsx

        return to_xlsx(rekap)
    if fmt == "docx":
        from reports.rekap_files import to_docx

        return to_docx(rekap)
    from reports.text import as_markdown, as_text

    table = R.as_table(rekap)
    return (as_markdown(table) if fmt == "md" else as_text(table)).encode("utf-8")


def cmd_rekap(args: argparse.Namespace) -> int:
    from reports import rekap as R
    from store.output import write_output

    if args.sort is not None and args.sort not in R.SORT_KEYS:
        err(f"Kolom urut {quote(args.sort)} tidak dikenal; pilih salah satu: {', '.join(R.SORT_KEYS)}.")
        return 2
    fmt = args.format
    interactive = fmt is None and not args.output and sys.stdout.isatty() and sys.stdin.isatty()
    fmt = fmt or "text"
    if fmt in ("xlsx", "docx") and not args.output:
        err(f"Rekap {fmt} memerlukan -o BERKAS.{fmt}.")
        return 2
    rekap = R.build(args.workbooks, year=args.year, sort=args.sort)
    if rekap.mixed_years:
        err(rekap.mixed_years)
        return 2
    if args.output:
        target = Path(args.output)
        if any(os.path.realpath(target) == os.path.realpath(o.source.path) for o in rekap.offices):
            err(f"{args.output} adalah salah satu buku kerja yang direkap; pilih nama berkas lain.")
            return 2
    if interactive:
        return _browse(args, rekap)
    payload = _render(rekap, fmt)
    if args.output:
        # The one export writer: never over a workbook, backup or lock; another file only with --force.
        write_output(args.output, payload, force=args.force)
        out(f"Ditulis: {args.output}")
    else:
        out_document(payload, fmt)  # the Berkas column names files, which may hold anything: the one printer
    for office in rekap.unreadable:
        err(f"Tidak terbaca: {office.source.shown}: {office.reason}.")
    return 1 if rekap.unreadable else 0


def _browse(args: argparse.Namespace, rekap) -> int:
    """The rekap table; Enter opens an office's workbook in the normal TUI, quitting it comes back here."""
    from reports import rekap as R

    from .app import run_app
    from .views.rekap import RekapApp

    row = 0
    while True:
        app = RekapApp(rekap, row=row)
        chosen = app.run(mouse=False)
        if not chosen:
            return 1 if rekap.unreadable else 0
        row = app.chosen_row
        run_app(Path(chosen))
        rekap = R.build(args.workbooks, year=args.year, sort=args.sort)
        if rekap.mixed_years:  # a workbook's report year changed meanwhile
            err(rekap.mixed_years)
            return 2
