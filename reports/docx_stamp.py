"""The draft mark or the lock line on the pages of a Word document (reports.stamp): a draft carries the red DRAF mark
in the header of every page, the cover included; the signed copy carries only the lock in small type in the footer,
under the page number (not on a cover)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from . import docx_fields as F
from .stamp import Stamp

if TYPE_CHECKING:
    from docx.section import Section, _Footer, _Header

DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)
LOCK_GREY = RGBColor(0x59, 0x59, 0x59)


def page_number(footer: _Footer) -> None:
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Halaman ").font.size = Pt(9)
    F.add_field(p, "PAGE", "1")
    for run in p.runs:
        run.font.size = Pt(9)


def _draft(header: _Header, text: str) -> None:
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    run.font.size = Pt(8)
    run.font.bold = True
    run.font.color.rgb = DRAFT_RED


def _lock_line(footer: _Footer, text: str) -> None:
    p = footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(2)
    run = p.add_run(text)
    run.font.size = Pt(7)
    run.font.color.rgb = LOCK_GREY


def add_stamp(section: Section, stamp: Stamp) -> None:
    """Mark `section` (and the sections that follow it, linked to it) as `stamp` says."""
    if stamp.draft:
        if section.different_first_page_header_footer:
            _draft(section.first_page_header, stamp.text)
        _draft(section.header, stamp.text)
    else:
        _lock_line(section.footer, stamp.text)
