"""Signature blocks in Word, side by side in a borderless table with one row per line (reports.signing.ROWS), so
the two columns stay aligned row by row whatever wraps: the names on one line, the NIPs on another.

A block is never alone on a page: no row splits, and every row and the paragraph before keep with the next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.table import Table

from reports.signing import ROWS, Signatory

if TYPE_CHECKING:
    from docx.document import Document

GAP_PT = 56  # room to sign and stamp
SIGNATURE_CAPTION = "Tanda tangan"


def _keep_previous(doc: Document) -> None:
    """The paragraph before the block, or the table before it, keeps with the block. A table keeps with it by every
    paragraph of every row: LibreOffice keeps a table with what follows only then (as the table's own property) and
    ignores a last row's alone, which left the quarterly report's block alone on its last page. A table that does
    not end on the block's page then starts on a fresh page, in Word too."""
    body = doc.element.body
    last = [el for el in body if el.tag != qn("w:sectPr")]
    if not last:
        return
    if last[-1].tag == qn("w:p"):
        Paragraph(last[-1], doc._body).paragraph_format.keep_with_next = True
    elif last[-1].tag == qn("w:tbl"):
        for p in last[-1].iter(qn("w:p")):
            Paragraph(p, doc._body).paragraph_format.keep_with_next = True


def is_signature(table: Table) -> bool:
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    return caption is not None and caption.get(qn("w:val")) == SIGNATURE_CAPTION


def add_signatures(doc: Document, place_date: str, signers: list[Signatory | None]) -> None:
    """`signers` left to right; None leaves a column empty (one signature on the right half of the page). The place
    and date sit above the last one."""
    _keep_previous(doc)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    lines = [s.lines() if s else {} for s in signers]
    rows = [r for r in ROWS if r in ("top", "gap") or any(r in ln for ln in lines)]
    table = doc.add_table(rows=len(rows), cols=len(signers))
    # Alternative text, which also tells a signature block from the report's tables when the document is read back.
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), SIGNATURE_CAPTION)
    table._tbl.tblPr.append(caption)
    for r, (name, row) in enumerate(zip(rows, table.rows)):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for c, (cell, ln) in enumerate(zip(row.cells, lines)):
            if name == "top":
                text = place_date if c == len(signers) - 1 else ""
            else:
                text = ln.get(name, "")
            p = cell.paragraphs[0]
            pf = p.paragraph_format
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_before = Pt(0)
            pf.space_after = Pt(GAP_PT) if name == "gap" else Pt(0)
            pf.keep_with_next = r < len(rows) - 1
            if text:
                run = p.add_run(text)
                if name == "nama" and text.strip("."):
                    run.bold = run.underline = True
