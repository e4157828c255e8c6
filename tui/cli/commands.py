"""The scripted commands behind `lkjip …` (everything but the TUI itself); tui.cli.parser names the handler of
each subcommand and parses its arguments."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import orjson

from reports import checks, engine, plausibility
from reports import tables as T
from reports.text import as_markdown, as_text
from store.exchange import interchange
from store.text.errors import WorkbookError
from store.domain.fields import spec_of, text_input
from store.domain.model import Indicator, new_document, new_meta
from store.text.numbers import format_percent, format_rupiah, format_value
from store.disk.output import write_output
from store.disk.safefile import os_reason
from store.text.sanitize import cut, json_safe, quote
from store.domain.tw_rule import roman, rule_label
from store.disk.backups import backups_of
from store.edits.year_locks import lock_sentence
from store.edits.workbook import Workbook

from tui.printer import err, out, out_document
from tui.shown import log_value as _shown


def _year(wb: Workbook, year: int | None) -> int:
    return year if year is not None else wb.cascade().tahun


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
    out(f"Buku kerja {args.workbook} dibuat.")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    year = _year(wb, args.year)
    ids = T.select_ids(args.table)
    if not ids:
        raise WorkbookError(f"Tabel {quote(args.table)} tidak ada; pilih dari: {', '.join(T.TABLE_IDS)}.")
    casc = wb.cascade()
    built = T.build_all(casc, year, args.table)
    if args.format == "json":
        from store.domain.refs import public_ref

        # A row's ref as `lkjip set` takes it: the current code, not the internal id a moved node keeps.
        tables = [{**t.as_json(), "refs": [public_ref(casc, r) for r in t.refs]} for t in built]
        out_document(orjson.dumps({"year": year, "tables": tables},
                                  option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE), "json")
    else:
        render = as_markdown if args.format == "md" else as_text
        out("\n".join(render(t) for t in built))
    return 0


def _so_far_line(ind: Indicator, year: int, tw: int) -> str:
    """After a quarter is set: what the quarterly report shows up to it (the year's capaian, said next, keeps a
    value typed for the year and follows the quarters only once TW IV is filled)."""
    rule = engine.tw_rule_of(ind)
    if rule is None:
        return (f"Realisasi s.d. TW {roman(tw)} {year}: tidak dihitung, aturan TW belum dipilih (lkjip set \u2026 "
                f"aturan-tw kumulatif atau nilai_akhir).")
    so_far = format_value(engine.realisasi_sd_tw(ind, year, tw))
    return f"Realisasi s.d. TW {roman(tw)} {year} ({rule_label(rule)}): {so_far}"


def cmd_set(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    value = args.negative_value if args.negative_value is not None else args.value
    applied = wb.set(args.ref, args.field, value, args.year, clear=args.clear)
    spec = spec_of(applied.edit.field)  # `pejabat:KEY nama` is the field pejabat-nama
    year = f" {applied.edit.year}" if applied.edit.year is not None else ""
    if not applied.changed:
        out(f"{applied.target.label}: {spec.label}{year} sudah {cut(applied.new_text)}; tidak ada yang berubah.",
            one_line=True)
        return 0
    old, new = (cut(" ".join(t.split())) for t in (applied.old_text, applied.new_text))  # a narrative: its start
    out(f"{applied.target.label}: {spec.label}{year} {old} \u2192 {new}", one_line=True)
    casc = wb.cascade()
    settings = casc.meta["settings"]
    if applied.target.kind == "indicator" and applied.edit.year is not None:
        _, ind = casc.indicators[applied.target.id]
        if spec.key in ("target_tw", "aksi_tw"):  # the Rencana Aksi: its targets against the year's, not capaian
            from reports.checks import renaksi_findings

            for f in renaksi_findings(casc, applied.edit.year):
                if f.ref == applied.target.id:
                    out(f.message)
            return 0
        if spec.quarter:
            out(_so_far_line(ind, applied.edit.year, int(spec.quarter)))
        c = engine.capaian(ind, applied.edit.year, settings)
        if c.value is None:
            out(f"Capaian {applied.edit.year}: tidak terdefinisi ({c.formula}).")
        else:
            out(f"Capaian {applied.edit.year}: {format_percent(c.value)}% ({engine.predikat(c.value, settings)}); "
                 f"{c.formula}")
    elif applied.target.kind == "node" and applied.edit.year is not None:
        node = casc.nodes[applied.target.id]
        if spec.quarter:  # a quarterly figure: what the triwulan report will show, not the year's serapan
            tw = int(spec.quarter)
            a = engine.anggaran_sd_tw(casc, node, applied.edit.year, tw)
            out(f"Realisasi anggaran s.d. TW {'I II III IV'.split()[tw - 1]} {applied.edit.year}: "
                 f"{format_rupiah(a.realisasi)} (serapan {format_percent(a.serapan)}%)")
            return 0
        a = engine.anggaran(casc, node, applied.edit.year)
        out(f"Serapan {applied.edit.year}: {format_percent(a.serapan)}%")
        if casc.kids(node["id"]) and spec.name != "pagu-pk":
            out(f"Catatan: {casc.label(node)} punya rincian; laporan memakai jumlah rinciannya "
                 f"({format_rupiah(engine.budget_figure(casc, node, applied.edit.year, spec.key))}), dan "
                 f"`lkjip check` menandai angka induk yang berbeda.")
    warning = plausibility.warning_text(plausibility.doubts_after_edit(casc, applied.target.id, applied.edit.year))
    if warning:
        out(f"{warning} (tersimpan; periksa angkanya).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from store.domain.refs import public_ref

    wb = Workbook.open(args.workbook)
    year = _year(wb, args.year)
    casc = wb.cascade()
    findings = checks.run(casc, year)
    for f in findings:
        out(f.line(public_ref(casc, f.ref)))  # by the current code, never a moved node's id
    errors = sum(f.severity == checks.ERROR for f in findings)
    out(f"{len(findings)} temuan tahun {year}: {errors} galat, "
         f"{sum(f.severity == checks.WARNING for f in findings)} peringatan.")
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    doc = getattr(args, "doc", "lkjip")
    tw = getattr(args, "tw", None)
    draf = getattr(args, "draf", False)
    if draf and args.format not in ("md", "docx"):
        err("--draf hanya untuk ekspor md atau docx.")
        return 2
    if (doc in ("triwulan", "evaluasi-renja") and tw is None) or \
            (tw is not None and doc not in ("triwulan", "evaluasi-renja", "renaksi")):
        err("--tw N (1-4) dipakai bersama --doc triwulan atau evaluasi-renja (wajib) atau --doc renaksi, dan hanya "
            "dengannya.")
        return 2
    pejabat, perubahan = getattr(args, "pejabat", None), getattr(args, "perubahan", False)
    if doc != "pk" and (pejabat is not None or perubahan):
        err("--pejabat dan --perubahan dipakai bersama --doc pk, dan hanya dengannya.")
        return 2
    formats = ("md", "docx", "xlsx") if doc in ("evaluasi-renja", "renaksi", "iku") else ("md", "docx")
    if doc != "lkjip" and args.format not in formats:
        err(f"Dokumen {doc} tersedia sebagai {', '.join(formats[:-1])} atau {formats[-1]}, bukan {args.format}.")
        return 2
    wb = Workbook.open(args.workbook)
    if doc != "lkjip":
        from reports.documents import year_docs

        payload = year_docs.render(wb.cascade(), doc, args.format, _year(wb, args.year), tw=tw, draf=draf,
                                   pejabat=pejabat or "kepala", perubahan=perubahan)
    elif args.format == "xlsx":
        from .sheets import export_xlsx

        return export_xlsx(wb, args, _year(wb, args.year))
    elif args.format == "json":
        payload = json_safe(interchange.export_document(wb.document()))  # same meaning, nothing raw to a terminal
    else:
        try:
            from reports.documents import lkjip as exporter  # arrives with the exporters
        except ImportError:
            raise WorkbookError(f"Ekspor {args.format} belum tersedia di versi ini; gunakan --format json atau "
                                f"`lkjip tables --format md`.") from None
        payload = exporter.render(wb, args.format, _year(wb, args.year), draf=draf)
    if args.output:
        write_output(args.output, payload, force=args.force, source=args.workbook)
        out(f"Ditulis: {args.output}")
    elif args.format in ("docx", "pdf", "xlsx"):
        raise WorkbookError(f"Ekspor {args.format} memerlukan -o BERKAS.{args.format}.")
    else:
        out_document(payload, args.format)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from store.document.read import MAX_DOCUMENT
    from store.text.files import read_bounded

    from .sheets import SHEET_SUFFIXES, import_sheet

    _check_readable(args.document)
    if args.document.lower().endswith(SHEET_SUFFIXES):
        return import_sheet(args)
    try:
        raw = read_bounded(args.document, MAX_DOCUMENT)  # measured first: an 8 GB file is never read whole
    except OSError as exc:
        raise WorkbookError(f"Tidak dapat membaca {args.document}: {os_reason(exc, reading=True)}.") from None
    document, schema = interchange.read_export(raw, args.document)
    if args.dry_run:
        from store.exchange.sheet_import import summary

        from .sheets import tree

        if Path(args.workbook).exists():
            raise WorkbookError(f"{args.workbook} sudah ada; lkjip tidak menimpa buku kerja yang ada.")
        out(f"Akan dibuat: {args.workbook} dengan {summary(document)}:")
        tree(document)
        out("Tidak ada yang ditulis (--dry-run).")
        return 0
    Workbook.create(args.workbook, document).log_migration(Path(args.document).name, schema)
    out(f"Buku kerja {args.workbook} dibuat dari {args.document}.")
    return 0


def _check_readable(path: str) -> None:
    """The document exists and may be read, or one Indonesian sentence (never the system's English), before any
    reader of any format opens it. Non-blocking: a planted fifo does not hang the command (each reader then reads
    it with store.text.files.read_bounded, which refuses a fifo, a folder and a file over its limit)."""
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
    except OSError as exc:
        raise WorkbookError(f"Tidak dapat membaca {path}: {os_reason(exc, reading=True)}.") from None


def _reason(text: str) -> str:
    """A lock's reason is stored and shown in the log: the same input rule as any one-line text."""
    return text_input("Alasan", text).strip()


def cmd_lock(args: argparse.Namespace) -> int:
    args.reason = _reason(args.reason)
    wb = Workbook.open(args.workbook)
    out(lock_sentence(args.year, False, wb.lock_year(args.year, args.reason)))
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    args.reason = _reason(args.reason)
    wb = Workbook.open(args.workbook)
    out(lock_sentence(args.year, True, wb.unlock_year(args.year, args.reason)))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    found = backups_of(args.workbook)
    if not found:
        out(f"Belum ada cadangan untuk {args.workbook}.")
    for b in found:
        out(str(b))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from store.edits.recovery import restore

    done = restore(args.workbook, args.source, reason=_reason(args.reason or ""), yes=args.yes)
    kept = f"; berkas sebelumnya disimpan sebagai {done.aside}" if done.aside else ""
    out(f"Buku kerja {args.workbook} dipulihkan dari {done.backup}{kept}.")
    if done.lost is None:
        what = "Berkas yang diganti tidak terbaca, jadi perubahan yang hilang tidak dapat dihitung" if done.aside \
            else "Tidak ada berkas yang diganti"
        out(f"{what}; kunci tahun dan catatan perubahan diambil dari cadangan.")
    else:
        out(f"{done.lost} perubahan tercatat di berkas yang diganti tidak ada di cadangan ini (lihat `lkjip log`); "
             f"kunci tahun dan catatan perubahan tetap, pemulihan dicatat sebagai nomor {done.seq}.")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from store.domain.log_names import kind_word, log_refs
    from store.domain.model import LOG

    wb = Workbook.open(args.workbook)
    entries = sorted(wb.document()[LOG].values(), key=lambda e: e["seq"])
    casc = wb.cascade()
    refs = log_refs(casc, entries)  # by the current code, "(dulu …)" where it changed since
    for e in entries:
        if args.year is not None and e.get("year") not in (args.year, None):
            continue
        year = f" {e['year']}" if e.get("year") is not None else ""
        reason = f" ({e['reason']})" if e.get("reason") else ""
        # One entry, one line: a newline or a CR stored in a value must not fake or hide another entry.
        kind = kind_word(e["kind"])  # in Indonesian on screen; the stored kind stays as written
        out(f"{e['seq']:>5} {e['at']} {e['user']} {kind} {refs[e['seq']]} {e['field']}{year}: "
            f"{_shown(e['field'], e['old'], casc)} \u2192 {_shown(e['field'], e['new'], casc)}{reason}", one_line=True)
    return 0
