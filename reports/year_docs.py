"""The year's documents besides the LKjIP: `lkjip export WB --doc pk|triwulan|renaksi [--tw N] --format md|docx`
(renaksi also xlsx)."""

from __future__ import annotations

from datetime import datetime

from store.cascade import Cascade
from store.errors import WorkbookError
from store.sanitize import visible_everywhere

from .stamp import stamp_for

DOCS = ("lkjip", "pk", "triwulan", "evaluasi-renja", "renaksi", "iku", "pohon")
FORMATS = ("md", "docx")
# Bappeda adds the E.81 sheets of its offices up; the Rencana Aksi and the IKU are kept in a spreadsheet too.
DOC_FORMATS = {"evaluasi-renja": ("md", "docx", "xlsx"), "renaksi": ("md", "docx", "xlsx"),
               "iku": ("md", "docx", "xlsx")}
QUARTERLY = ("triwulan", "evaluasi-renja")  # the documents of a quarter: --tw N required
DOC_LABELS = {"lkjip": "draf LKjIP", "pk": "Perjanjian Kinerja", "triwulan": "laporan triwulan",
              "evaluasi-renja": "evaluasi Renja (Tabel E.81)", "renaksi": "Rencana Aksi",
              "iku": "Indikator Kinerja Utama", "pohon": "pohon kinerja"}


def render(casc: Cascade, doc: str, fmt: str, year: int, *, tw: int | None = None, draf: bool = False,
           now: datetime | None = None, pejabat: str = "kepala", perubahan: bool = False) -> bytes:
    """The Perjanjian Kinerja (of any official, or the PK Perubahan), the quarterly report, the Renja evaluation or
    the Rencana Aksi of `year` as Markdown (UTF-8), Word or (E.81, Rencana Aksi) spreadsheet bytes: a draft unless
    the year is locked (reports.stamp), or a draft on purpose with `draf`."""
    formats = DOC_FORMATS.get(doc, FORMATS)
    if fmt not in formats:
        raise WorkbookError(f"Dokumen {DOC_LABELS.get(doc, doc)} tersedia sebagai {' atau '.join(formats)}, "
                            f"bukan {fmt}.")
    # Stored escapes are shown visibly in the document, never raw (as in the LKjIP draft).
    casc = Cascade(visible_everywhere(casc.document))  # type: ignore[arg-type]  # the same shape back, strings made visible
    stamp = stamp_for(casc.meta, year, revision=int(casc.meta.get("revision", 0)),
                      exported=now or datetime.now().astimezone(), draf=draf)
    if doc == "pk":
        from . import pk

        built = pk.build(casc, year, stamp, pejabat=pejabat, perubahan=perubahan)
        return pk.render_md(built).encode("utf-8") if fmt == "md" else pk.render_docx(built)
    if doc == "triwulan":
        from . import triwulan

        if tw not in (1, 2, 3, 4):
            raise WorkbookError("Laporan triwulan memerlukan --tw 1, 2, 3 atau 4.")
        report = triwulan.build(casc, year, tw, stamp)
        return triwulan.render_md(report).encode("utf-8") if fmt == "md" else triwulan.render_docx(report)
    if doc == "evaluasi-renja":
        from . import renja_eval

        if tw not in (1, 2, 3, 4):
            raise WorkbookError("Evaluasi Renja memerlukan --tw 1, 2, 3 atau 4.")
        evaluasi = renja_eval.build(casc, year, tw, stamp)
        if fmt == "md":
            return renja_eval.render_md(evaluasi).encode("utf-8")
        return renja_eval.render_docx(evaluasi) if fmt == "docx" else renja_eval.render_xlsx(evaluasi)
    if doc == "renaksi":
        from . import renaksi

        plan = renaksi.build(casc, year, tw, stamp)
        if fmt == "xlsx":
            return renaksi.render_xlsx(plan)
        return renaksi.render_md(plan).encode("utf-8") if fmt == "md" else renaksi.render_docx(plan)
    if doc == "iku":
        from . import iku

        built_iku = iku.build(casc, year, stamp)
        if fmt == "xlsx":
            return iku.render_xlsx(built_iku)
        return iku.render_md(built_iku).encode("utf-8") if fmt == "md" else iku.render_docx(built_iku)
    if doc == "pohon":
        from . import pohon

        tree = pohon.build(casc, year, stamp)
        return pohon.render_md(tree).encode("utf-8") if fmt == "md" else pohon.render_docx(tree)
    raise WorkbookError(f"Dokumen \u201c{doc}\u201d tidak dikenal; pilih salah satu: {', '.join(DOCS)}.")
