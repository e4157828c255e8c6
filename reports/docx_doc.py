"""A short Word document on the LKjIP's page and styles: the Perjanjian Kinerja, the quarterly report, the rekap.

These are documents to print and sign, not drafts under review: no DRAFT mark and no cover, only page numbers.
Tables go through docx_tables.add_table (widths fitted to the page, header row repeated) like the LKjIP's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from . import docx_fields as F
from .docx_render import setup_page, setup_styles
from .docx_tables import add_table
from .tables import Table


class Signer(Protocol):
    """One signature block: the role line ("Pihak Pertama,"), the position, then name and NIP under the gap."""

    role: str
    jabatan: str
    nama: str
    nip: str
    pangkat: str


class ShortDocument:
    def __init__(self, *, title: str, author: str, landscape: bool = False, table_pt: float | None = None) -> None:
        self.doc = Document()
        self.styles = setup_styles(self.doc)
        if table_pt:  # a short document to sign reads better with larger table text than the LKjIP's wide tables
            for name in ("Kepala Tabel", "Isi Tabel"):
                self.doc.styles[name].font.size = Pt(table_pt)
            self.styles = replace(self.styles, size_pt=table_pt)
        section = self.doc.sections[0]
        setup_page(section, landscape=landscape)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Halaman ").font.size = Pt(9)
        F.add_field(footer, "PAGE", "1")
        for run in footer.runs:
            run.font.size = Pt(9)
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
        add_table(self.doc, table, section.page_width - section.left_margin - section.right_margin, self.styles)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def signatures(self, place_date: str, signers: list[Signer]) -> None:
        """Signature blocks side by side in a borderless table (the default table style has no borders); the
        place and date sit above the last one, the party who signs on the right, as printed PKs have it."""
        self.doc.add_paragraph().paragraph_format.keep_with_next = True
        t = self.doc.add_table(rows=1, cols=len(signers))
        t.autofit = True
        for i, (cell, s) in enumerate(zip(t.rows[0].cells, signers)):
            top = place_date if i == len(signers) - 1 else ""
            # (text, bold and underlined, space after): the gap under the position leaves room to sign and stamp.
            lines = [(top, False, 0), (s.role, False, 0), (s.jabatan, False, 60), (s.nama, True, 0),
                     *([(s.pangkat, False, 0)] if s.pangkat else []), (f"NIP. {s.nip}", False, 0)]
            first = cell.paragraphs[0]
            for n, (text, strong, after) in enumerate(lines):
                p = first if n == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(after)
                p.paragraph_format.keep_with_next = n < len(lines) - 1
                run = p.add_run(text)
                if strong:
                    run.bold = run.underline = True
        # Never split a signature row across pages.
        t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
