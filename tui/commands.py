"""The scripted commands behind `lkjip …` (everything but the TUI itself)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import orjson

from reports import checks, engine, plausibility
from reports import tables as T
from reports.text import as_markdown, as_text
from store import interchange
from store.errors import WorkbookError
from store.fields import spec_of, text_input
from store.model import new_document, new_meta
from store.numbers import format_percent, format_rupiah
from store.output import write_output
from store.safefile import os_reason
from store.sanitize import cut, json_safe, quote, visible
from store.backups import backups_of
from store.workbook import Workbook

from .shown import log_value as _shown
from .commands_cascade import cmd_add, cmd_mv, cmd_redo, cmd_rm, cmd_undo  # noqa: F401 - run() finds them by name


def run(args: argparse.Namespace) -> int:
    handler = globals().get("cmd_" + args.command)
    if handler is None:
        print("Ketik `lkjip --help` untuk daftar perintah.", file=sys.stderr)
        return 2
    return handler(args)


def _out(text: str) -> None:
    """Every line the CLI prints: stored names and texts reach a terminal here, so no control character passes
    (store.sanitize shows them as visible escapes); the output's own line breaks stay."""
    text = visible(text, multiline=True)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _year(wb: Workbook, year: int | None) -> int:
    return year if year is not None else wb.cascade().tahun


def cmd_template(args: argparse.Namespace) -> int:
    from .commands_sheet import cmd_template as template

    return template(args)


def cmd_init(args: argparse.Namespace) -> int:
    if args.demo:
        from store.demo import demo_document

        document = demo_document()
    else:
        text_input("Instansi", args.instansi)
        text_input("Pemerintah daerah", args.pemda)
        if not args.instansi or not args.pemda or not args.periode:
            raise WorkbookError("Buku kerja baru memerlukan --instansi, --pemda dan --periode (mis. 2025-2029), "
                                "atau --demo.")
        try:
            awal, akhir = (int(x) for x in args.periode.split("-"))
        except ValueError:
            raise WorkbookError(f"Periode {quote(args.periode)} tidak terbaca; tulis seperti 2025-2029.") from None
        if not 1900 < awal <= akhir < 2200:
            raise WorkbookError(f"Periode {quote(args.periode)} tidak masuk akal.")
        tahun = args.tahun or awal
        document = new_document(new_meta(instansi=args.instansi, pemda=args.pemda, periode_awal=awal,
                                         periode_akhir=akhir, tahun=tahun))
    Workbook.create(args.workbook, document)
    _out(f"Buku kerja {args.workbook} dibuat.")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    year = _year(wb, args.year)
    ids = T.select_ids(args.table)
    if not ids:
        raise WorkbookError(f"Tabel {quote(args.table)} tidak ada; pilih dari: {', '.join(T.TABLE_IDS)}.")
    built = T.build_all(wb.cascade(), year, args.table)
    if args.format == "json":
        sys.stdout.buffer.write(json_safe(orjson.dumps({"year": year, "tables": [t.as_json() for t in built]},
                                                       option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)))
    else:
        render = as_markdown if args.format == "md" else as_text
        _out("\n".join(render(t) for t in built))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    value = args.negative_value if args.negative_value is not None else args.value
    applied = wb.set(args.ref, args.field, value, args.year, clear=args.clear)
    spec = spec_of(args.field)
    year = f" {applied.edit.year}" if applied.edit.year is not None else ""
    if not applied.changed:
        _out(f"{applied.target.label}: {spec.label}{year} sudah {visible(cut(applied.new_text))}; tidak ada yang "
             f"berubah.")
        return 0
    old, new = (cut(" ".join(t.split())) for t in (applied.old_text, applied.new_text))  # a narrative: its start
    _out(f"{applied.target.label}: {spec.label}{year} {visible(old)} \u2192 {visible(new)}")
    casc = wb.cascade()
    settings = casc.meta["settings"]
    if applied.target.kind == "indicator" and applied.edit.year is not None:
        _, ind = casc.indicators[applied.target.id]
        c = engine.capaian(ind, applied.edit.year, settings)
        if c.value is None:
            _out(f"Capaian {applied.edit.year}: tidak terdefinisi ({c.formula}).")
        else:
            _out(f"Capaian {applied.edit.year}: {format_percent(c.value)}% ({engine.predikat(c.value, settings)}); "
                 f"{c.formula}")
    elif applied.target.kind == "node" and applied.edit.year is not None:
        node = casc.nodes[applied.target.id]
        if spec.quarter:  # a quarterly figure: what the triwulan report will show, not the year's serapan
            tw = int(spec.quarter)
            a = engine.anggaran_sd_tw(casc, node, applied.edit.year, tw)
            _out(f"Realisasi anggaran s.d. TW {'I II III IV'.split()[tw - 1]} {applied.edit.year}: "
                 f"{format_rupiah(a.realisasi)} (serapan {format_percent(a.serapan)}%)")
            return 0
        a = engine.anggaran(casc, node, applied.edit.year)
        _out(f"Serapan {applied.edit.year}: {format_percent(a.serapan)}%")
        if casc.kids(node["id"]) and spec.name != "pagu-pk":
            _out(f"Catatan: {casc.label(node)} punya rincian; laporan memakai jumlah rinciannya "
                 f"({format_rupiah(engine.budget_figure(casc, node, applied.edit.year, spec.key))}), dan "
                 f"`lkjip check` menandai angka induk yang berbeda.")
    warning = plausibility.warning_text(plausibility.doubts_after_edit(casc, applied.target.id, applied.edit.year))
    if warning:
        _out(f"{warning} (tersimpan; periksa angkanya).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    year = _year(wb, args.year)
    findings = checks.run(wb.cascade(), year)
    for f in findings:
        _out(f.line())
    errors = sum(f.severity == checks.ERROR for f in findings)
    _out(f"{len(findings)} temuan tahun {year}: {errors} galat, "
         f"{sum(f.severity == checks.WARNING for f in findings)} peringatan.")
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    doc = getattr(args, "doc", "lkjip")
    tw = getattr(args, "tw", None)
    if (doc == "triwulan") != (tw is not None):
        print("--tw N (1-4) dipakai bersama --doc triwulan, dan hanya dengannya.", file=sys.stderr)
        return 2
    if doc != "lkjip" and args.format not in ("md", "docx"):
        print(f"Dokumen {doc} tersedia sebagai md atau docx, bukan {args.format}.", file=sys.stderr)
        return 2
    wb = Workbook.open(args.workbook)
    if doc != "lkjip":
        from reports import year_docs

        payload = year_docs.render(wb.cascade(), doc, args.format, _year(wb, args.year), tw=tw)
    elif args.format == "xlsx":
        from .commands_sheet import export_xlsx

        return export_xlsx(wb, args, _year(wb, args.year))
    elif args.format == "json":
        payload = json_safe(interchange.export_document(wb.document()))  # same meaning, nothing raw to a terminal
    else:
        try:
            from reports import export as exporter  # arrives with the exporters
        except ImportError:
            raise WorkbookError(f"Ekspor {args.format} belum tersedia di versi ini; gunakan --format json atau "
                                f"`lkjip tables --format md`.") from None
        payload = exporter.render(wb, args.format, _year(wb, args.year))
    if args.output:
        write_output(args.output, payload, force=args.force, source=args.workbook)
        _out(f"Ditulis: {args.output}")
    elif args.format == "docx":
        raise WorkbookError("Ekspor docx memerlukan -o BERKAS.docx.")
    else:
        _to_stdout(payload)
    return 0


def _to_stdout(payload: bytes) -> None:
    """A full disk behind `> file` must be reported, not lost in Python's exit-time flush."""
    try:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        try:  # what is still buffered must not fail again, in English, when Python exits
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        raise WorkbookError(f"Gagal menulis ke keluaran standar: {os_reason(exc)}.") from None


def cmd_import(args: argparse.Namespace) -> int:
    from .commands_sheet import SHEET_SUFFIXES, import_sheet

    if args.document.lower().endswith(SHEET_SUFFIXES):
        return import_sheet(args)
    try:
        raw = Path(args.document).read_bytes()
    except OSError as exc:
        raise WorkbookError(f"Tidak dapat membaca {args.document}: {os_reason(exc, reading=True)}.") from None
    document, schema = interchange.read_export(raw, args.document)
    if args.dry_run:
        from store.sheet_import import summary

        from .commands_sheet import tree

        if Path(args.workbook).exists():
            raise WorkbookError(f"{args.workbook} sudah ada; lkjip tidak menimpa buku kerja yang ada.")
        _out(f"Akan dibuat: {args.workbook} dengan {summary(document)}:")
        tree(document)
        _out("Tidak ada yang ditulis (--dry-run).")
        return 0
    Workbook.create(args.workbook, document).log_migration(Path(args.document).name, schema)
    _out(f"Buku kerja {args.workbook} dibuat dari {args.document}.")
    return 0


def _reason(text: str) -> str:
    """A lock's reason is stored and shown in the log: the same input rule as any one-line text."""
    return text_input("Alasan", text).strip()


def cmd_lock(args: argparse.Namespace) -> int:
    args.reason = _reason(args.reason)
    wb = Workbook.open(args.workbook)
    done = wb.lock_year(args.year, args.reason)
    _out(f"Tahun {args.year} dikunci." if done else f"Tahun {args.year} sudah terkunci.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    args.reason = _reason(args.reason)
    wb = Workbook.open(args.workbook)
    done = wb.unlock_year(args.year, args.reason)
    _out(f"Kunci tahun {args.year} dibuka." if done else f"Tahun {args.year} tidak terkunci.")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    found = backups_of(args.workbook)
    if not found:
        _out(f"Belum ada cadangan untuk {args.workbook}.")
    for b in found:
        _out(str(b))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from store.recovery import restore

    done = restore(args.workbook, args.source, reason=args.reason or "")
    kept = f"; berkas sebelumnya disimpan sebagai {done.aside}" if done.aside else ""
    _out(f"Buku kerja {args.workbook} dipulihkan dari {done.backup}{kept}.")
    if done.lost is None:
        what = "Berkas yang diganti tidak terbaca, jadi perubahan yang hilang tidak dapat dihitung" if done.aside \
            else "Tidak ada berkas yang diganti"
        _out(f"{what}; kunci tahun dan catatan perubahan diambil dari cadangan.")
    else:
        _out(f"{done.lost} perubahan tercatat di berkas yang diganti tidak ada di cadangan ini (lihat `lkjip log`); "
             f"kunci tahun dan catatan perubahan tetap, pemulihan dicatat sebagai nomor {done.seq}.")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from store.model import LOG

    wb = Workbook.open(args.workbook)
    entries = sorted(wb.document()[LOG].values(), key=lambda e: e["seq"])
    for e in entries:
        if args.year is not None and e.get("year") not in (args.year, None):
            continue
        year = f" {e['year']}" if e.get("year") is not None else ""
        reason = f" ({e['reason']})" if e.get("reason") else ""
        # One entry, one line: a newline or a CR stored in a value must not fake or hide another entry.
        _out(visible(f"{e['seq']:>5} {e['at']} {e['user']} {e['kind']} {e['ref']} {e['field']}{year}: "
                     f"{_shown(e['field'], e['old'])} \u2192 {_shown(e['field'], e['new'])}{reason}"))
    return 0
