"""The year's documents besides the LKjIP: `lkjip export WB --doc pk|triwulan [--tw N] --format md|docx`."""

from __future__ import annotations

from datetime import datetime

from store.cascade import Cascade
from store.errors import WorkbookError
from store.sanitize import visible_everywhere

from .stamp import stamp_for

DOCS = ("lkjip", "pk", "triwulan", "iku", "pohon")
FORMATS = ("md", "docx")
DOC_LABELS = {"lkjip": "draf LKjIP", "pk": "Perjanjian Kinerja", "triwulan": "laporan triwulan",
              "iku": "Indikator Kinerja Utama", "pohon": "pohon kinerja"}
# Documents with more formats than md and docx.
MORE_FORMATS = {"iku": ("xlsx",)}


def render(casc: Cascade, doc: str, fmt: str, year: int, *, tw: int | None = None, draf: bool = False,
           now: datetime | None = None) -> bytes:
    """The Perjanjian Kinerja or the quarterly report of `year` as Markdown (UTF-8) or Word bytes: a draft unless
    the year is locked (reports.stamp), or a draft on purpose with `draf`."""
    if fmt not in FORMATS + MORE_FORMATS.get(doc, ()):
        raise WorkbookError(f"Dokumen {DOC_LABELS.get(doc, doc)} tersedia sebagai "
                            f"{', '.join(FORMATS[:-1] + MORE_FORMATS.get(doc, ()))} atau docx, bukan {fmt}.")
    # Stored escapes are shown visibly in the document, never raw (as in the LKjIP draft).
    casc = Cascade(visible_everywhere(casc.document))  # type: ignore[arg-type]
    stamp = stamp_for(casc.meta, year, revision=int(casc.meta.get("revision", 0)),
                      exported=now or datetime.now().astimezone(), draf=draf)
    if doc == "pk":
        from . import pk

        built = pk.build(casc, year, stamp)
        return pk.render_md(built).encode("utf-8") if fmt == "md" else pk.render_docx(built)
    if doc == "triwulan":
        from . import triwulan

        if tw not in (1, 2, 3, 4):
            raise WorkbookError("Laporan triwulan memerlukan --tw 1, 2, 3 atau 4.")
        report = triwulan.build(casc, year, tw, stamp)
        return triwulan.render_md(report).encode("utf-8") if fmt == "md" else triwulan.render_docx(report)
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
