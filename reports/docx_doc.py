"""A short Word document on the LKjIP's page and styles: the Perjanjian Kinerja, the quarterly report, the rekap.

No cover, only page numbers; a year's document that is a draft (the year not locked) carries the DRAF mark, the signed copy the lock line in
the footer, as the LKjIP (reports.stamp).
Tables go through docx_tables.add_table (widths fitted to the page, header row repeated) like the LKjIP's.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from .docx_fields import usable_width
from .docx_render import setup_page, setup_styles
from .docx_sign import add_signatures
from .docx_stamp import add_stamp, page_number
from .docx_tables import add_table
from .signing import Signatory
from .stamp import Stamp
from .tables import Table


class ShortDocument:
    def __init__(self, *, title: str, author: str, stamp: Stamp | None = None, landscape: bool = False,
                 table_pt: float | None = None) -> None:
        self.doc = Document()
        self.styles = setup_styles(self.doc)
        if table_pt:  # a short document to sign reads better with larger table text than the LKjIP's wide tables
            for name in ("Kepala Tabel", "Isi Tabel"):
                self.doc.styles[name].font.size = Pt(table_pt)
            self.styles = replace(self.styles, size_pt=table_pt)
        section = self.doc.sections[0]
        setup_page(section, landscape=landscape)
        page_number(section.footer)
        if stamp is not None:  # the rekap compares offices, not one year's copy: no mark
            add_stamp(section, stamp)
        props = self.doc.core_properties
        props.title, props.author = title, author

    def centered(self, text: str, *, size: int = 12, bold: bool = True, after: int = 2) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(after)
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)

    def text(self, text: str, *, bold: bool = False, keep_with_next: bool = False) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.keep_with_next = keep_with_next
        p.add_run(text).bold = bold or None

    def fields(self, pairs: list[tuple[str, str]]) -> None:
        """"Nama    : SAFFAK,SE.MM." lines with the colons aligned by one tab stop, kept together."""
        for n, (label, value) in enumerate(pairs):
            p = self.doc.add_paragraph()
            pf = p.paragraph_format
            pf.left_indent = Cm(1)
            pf.tab_stops.add_tab_stop(Cm(3.5))
            pf.space_after = Pt(0) if n < len(pairs) - 1 else Pt(6)
            pf.keep_with_next = True
            pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
            p.add_run(f"{label}\t: {value}")

    def table(self, table: Table) -> None:
        section = self.doc.sections[-1]
        add_table(self.doc, table, usable_width(section), self.styles)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def signatures(self, place_date: str, signers: list[Signatory]) -> None:
        """Signature blocks side by side, the place and date above the last one: the party who signs on the right,
        as printed PKs have it (reports.docx_sign). One signature sits on the right half, as in the LKjIP."""
        add_signatures(self.doc, place_date, [None, *signers] if len(signers) == 1 else list(signers))

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
