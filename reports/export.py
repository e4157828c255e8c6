"""The LKjIP draft as Markdown, Word or PDF: `lkjip export WORKBOOK --format md|docx|pdf`."""

from __future__ import annotations

from datetime import datetime

from store.cascade import Cascade
from store.errors import WorkbookError
from store.sanitize import visible_everywhere
from store.workbook import Workbook

from . import document

FORMATS = ("md", "docx", "pdf")


def render(wb: Workbook, fmt: str, year: int, *, now: datetime | None = None, draf: bool = False) -> bytes:
    """The whole report for `year`: a draft stamped with the export time and the workbook revision it was made from,
    or, the year locked, the final copy naming its lock (reports.stamp); `draf` marks a locked year's copy a draft."""
    if fmt not in FORMATS:
        raise WorkbookError(f"Format ekspor \u201c{fmt}\u201d tidak dikenal; pilih md, docx atau pdf.")
    casc = wb.cascade()
    # Stored escapes are shown visibly in the draft, never raw (Word's XML would refuse them outright).
    casc = Cascade(visible_everywhere(casc.document))  # type: ignore[arg-type]  # the same shape back, strings made visible
    report = document.build(casc, year, revision=int(casc.meta.get("revision", 0)),
                            exported=now or datetime.now().astimezone(), draf=draf)
    if fmt == "md":
        from .md_render import render as render_md

        return render_md(report).encode("utf-8")
    # python-docx costs ~0.2 s to import: only the Word and PDF exports pay for it.
    from . import paginate

    if fmt == "pdf":
        return paginate.pdf(report)
    if report.stamp.draft:
        # A draft is exported many times a day and must come in about a second: its Daftar Isi lists the headings
        # (Word's F9 numbers them). Laying the document out in LibreOffice to measure the pages costs 6-8 s.
        from . import docx_render

        return docx_render.render(report)
    # The final copy, exported once when the year is closed: with LibreOffice installed its Daftar Isi carries the
    # page numbers measured from its layout (reports.paginate).
    return paginate.numbered_docx(report)[0]
