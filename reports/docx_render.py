"""The outline as a Word document (python-docx).

A4 portrait throughout, with a landscape section for the wide tables (the cascade, Tabel 1.2) and the headings and
sentences that introduce them; heading styles and a TOC field; page numbers in the footer; the DRAF mark with the
export time and workbook revision in the header of every page, or the final copy's lock line (reports.stamp).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import re
from datetime import timezone
from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt, RGBColor

from . import docx_fields as F
from . import document as D
from .docx_pages import MARKER, numbering_starts, set_page_numbers
from .docx_sign import add_signatures
from .docx_stamp import add_stamp, page_number
from .docx_tables import TableStyles, add_table, wants_landscape
from .stamp import Stamp
from .tables import Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section
from .md_to_docx import MarkdownWriter

FONT = "Arial"
A4_SHORT, A4_LONG = Cm(21), Cm(29.7)
MARGINS = {"left_margin": Cm(3), "right_margin": Cm(2.5), "top_margin": Cm(2.5), "bottom_margin": Cm(2.5)}
BLACK = RGBColor(0, 0, 0)
TABLE_PT = 8


def _plain_font(owner: F.XmlElement, name: str) -> None:
    """Set a font by name on a style or w:rPrDefault and drop the theme font attributes, which would otherwise win
    over the name."""
    rPr = owner.find(qn("w:rPr"))
    if rPr is None:
        rPr = owner.get_or_add_rPr()
    rFonts = rPr.find(qn("w:rFonts"))
    if rFonts is None:
        rFonts = OxmlElement("w:rFonts")
        rPr.insert(0, rFonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rFonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs"):
        rFonts.set(qn(f"w:{attr}"), name)


def _setup_styles(doc: DocxDocument) -> TableStyles:
    """Arial throughout, black headings, and the paragraph styles of tables; returns the latter's ids."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _plain_font(defaults, FONT)
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "id-ID")

    normal = styles["Normal"]
    normal.font.size = Pt(11)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15

    for level, size, align, before in ((1, 14, WD_ALIGN_PARAGRAPH.CENTER, 0), (2, 12, WD_ALIGN_PARAGRAPH.LEFT, 12),
                                       (3, 11, WD_ALIGN_PARAGRAPH.LEFT, 10), (4, 11, WD_ALIGN_PARAGRAPH.LEFT, 8)):
        h = styles[f"Heading {level}"]
        _plain_font(h.element, FONT)
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.italic = level == 4
        h.font.color.rgb = BLACK
        h.paragraph_format.alignment = align
        h.paragraph_format.space_before = Pt(before)
        h.paragraph_format.space_after = Pt(6 if level > 1 else 12)
    for level in (1, 2, 3):
        # Word's own names ("toc 1") so that Word recognises them as the built-in TOC styles when it updates.
        s = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        s.element.styleId = f"TOC{level}"
        s.base_style = normal
        s.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        s.paragraph_format.space_after = Pt(2)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        s.font.bold = level == 1

    caption = styles.add_style("Judul Tabel", WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = normal
    caption.font.size = Pt(10)
    caption.font.bold = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(10)
    caption.paragraph_format.space_after = Pt(4)
    cell_styles = []
    for name, bold, align in (("Kepala Tabel", True, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Isi Tabel", False, WD_ALIGN_PARAGRAPH.LEFT)):
        s = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normal
        s.font.size = Pt(TABLE_PT)
        s.font.bold = bold
        s.paragraph_format.alignment = align
        s.paragraph_format.space_after = Pt(0)
        s.paragraph_format.line_spacing = 1.0
        cell_styles.append(s)
    list_paragraph = styles["List Paragraph"]
    list_paragraph.paragraph_format.left_indent = None  # the numbering level carries the indent
    list_paragraph.paragraph_format.space_after = Pt(3)
    return TableStyles(caption.style_id, cell_styles[0].style_id, cell_styles[1].style_id,
                       styles["Table Grid"].style_id, TABLE_PT)


def _page(section: Section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    section.header_distance = section.footer_distance = Cm(1.25)


def _header_footer(section: Section, stamp: Stamp) -> None:
    # The cover gets the draft mark but no page number: its own first-page header and footer.
    section.different_first_page_header_footer = True
    page_number(section.footer)
    add_stamp(section, stamp)


def _landscape_flags(blocks: list[D.Block]) -> list[bool]:
    """Which blocks go on landscape pages: each wide table, with the headings and short generated sentences that
    lead into it, so that a section title is never left alone at the foot of a portrait page. An operator's
    narrative stays on portrait pages: it may be long."""
    portrait = Emu(A4_SHORT - MARGINS["left_margin"] - MARGINS["right_margin"])
    flags = [isinstance(b, D.TableBlock) and wants_landscape(b.table, portrait, TABLE_PT) for b in blocks]
    for i in range(len(blocks)):
        if not flags[i] or (i and flags[i - 1]):
            continue
        j = i - 1
        while j >= 0 and isinstance(blocks[j], D.Paragraph):
            j -= 1
        if j < 0 or not isinstance(blocks[j], D.Heading):
            continue
        while j >= 0 and isinstance(blocks[j], D.Heading):
            j -= 1
        for k in range(j + 1, i):
            flags[k] = True
    return flags


class _Renderer:
    def __init__(self, doc: DocxDocument, report: D.Report, table_styles: TableStyles, *, pages: list[str] | None = None,
                 measure: bool = False) -> None:
        self.doc = doc
        self.report = report
        self.table_styles = table_styles
        self.numbering = F.Numbering(doc.part.numbering_part.element)
        self.landscape = False
        self.page_is_fresh = True  # nothing written since the last page or section break
        self.page_format = "decimal"
        self.pages = pages  # the Daftar Isi's page number of each entry, when known (reports.paginate)
        self.measure = measure  # tag each heading of the Daftar Isi, for reports.paginate to find in the PDF
        self.entry = 0  # the Daftar Isi entries written so far, as headings
        self.front_entry: int | None = None  # the entry that starts the roman numbering
        self.body_entry: int | None = None  # the entry that starts the arabic numbering

    # -- pages -----------------------------------------------------------------------------------------------------
    def _width(self) -> Length:
        return F.usable_width(self.doc.sections[-1])

    def orient(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        _page(section, landscape=landscape)
        set_page_numbers(section, self.page_format, restart=False)
        self.landscape = landscape
        self.page_is_fresh = True

    def restart_numbering(self, fmt: str, landscape: bool) -> None:
        """A new section on a new page whose page numbers start at 1 in `fmt`."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        _page(section, landscape=landscape)
        set_page_numbers(section, fmt, restart=True)
        self.page_format, self.landscape, self.page_is_fresh = fmt, landscape, True
        if fmt == "lowerRoman":
            self.front_entry = self.entry
        else:
            self.body_entry = self.entry

    def _markdown(self, level: int) -> MarkdownWriter:
        return MarkdownWriter(self.doc, self.numbering, heading_base=level, add_table=self._table)

    def _table(self, table: Table) -> None:
        add_table(self.doc, table, self._width(), self.table_styles)

    # -- blocks ----------------------------------------------------------------------------------------------------
    def render(self) -> None:
        blocks = self.report.blocks
        starts = numbering_starts(blocks)
        for i, (block, landscape) in enumerate(zip(blocks, _landscape_flags(blocks))):
            if i in starts:
                self.restart_numbering(starts[i], landscape)
            self.orient(landscape)
            self.block(block)

    def block(self, block: D.Block) -> None:
        doc = self.doc
        if isinstance(block, D.Cover):
            self._cover(block)
        elif isinstance(block, D.Heading):
            p = F.add_paragraph(doc, f"Heading{block.level}" if block.in_contents else "TOCHeading")
            if block.in_contents and block.level <= 3:
                if self.measure:  # a 1-pt tag at the heading's start: found in the PDF text, unseen in layout
                    tag = p.add_run(MARKER.format(self.entry))
                    tag.font.size = Pt(1)
                    tag.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                self.entry += 1
            p.add_run(block.text)
            if block.new_page and not self.page_is_fresh:
                p.paragraph_format.page_break_before = True
        elif isinstance(block, D.Paragraph):
            p = F.add_paragraph(doc)
            p.add_run(block.text).italic = block.note or None
        elif isinstance(block, D.Items):
            num_id = self.numbering.new_list(block.ordered)
            for item in block.items:
                p = F.add_paragraph(doc, "ListParagraph", item)
                F.set_numbering(p, num_id, 0)
        elif isinstance(block, D.Narrative):
            self._markdown(block.level).write(block.markdown)
        elif isinstance(block, D.TableBlock):
            self._table(block.table)
        elif isinstance(block, D.Contents):
            self._contents(block)
        elif isinstance(block, D.Signature):
            self._signature(block)
        self.page_is_fresh = False

    def _cover(self, cover: D.Cover) -> None:
        doc = self.doc
        for _ in range(6):
            doc.add_paragraph()
        # The title keeps its own case ("LKjIP"); the names show in capitals while their text stays as entered.
        lines = [(cover.title, 20, False), (cover.instansi, 18, True), (cover.pemda, 14, True),
                 (f"TAHUN {cover.year}", 16, False)]
        for text, size, caps in lines:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(18)
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(size)
            run.font.all_caps = caps

    def _contents(self, contents: D.Contents) -> None:
        """A TOC field whose result is written here: each heading with its page number when reports.paginate has
        measured them from LibreOffice's layout, else the headings alone. Word and LibreOffice show that result as
        it is, with no question on opening; Word's F9 (LibreOffice: Perbarui indeks) recomputes it from their own
        layout. The measuring render puts "00" where the numbers go, so both renders wrap the same lines."""
        entries = [e for e in contents.entries if e.level <= 3] or [D.Heading("(Daftar isi kosong)", 1)]
        right = self._width()
        paragraphs = []
        for n, entry in enumerate(entries):
            p = F.add_paragraph(self.doc, f"TOC{entry.level}")
            p.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if n == 0:
                F.begin_field(p, F.TOC_INSTRUCTION)
            page = "00" if self.measure else (self.pages[n] if self.pages and n < len(self.pages) else "")
            p.add_run(f"{entry.text}\t{page}" if page else entry.text)
            paragraphs.append(p)
        F.end_field(paragraphs[-1])

    def _signature(self, sig: D.Signature) -> None:
        add_signatures(self.doc, sig.place_date, [None, sig.signer])


# Word's XML cannot hold C0 control characters (other than tab, newline, carriage return); a name typed with one
# must not make the export fail. They are shown as visible escapes, as the terminal sanitiser shows them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: object) -> object:
    """`value` with every string in it made XML-safe: strings, lists, tuples, dicts and dataclasses, rebuilt only
    where something changed."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value) if _XML_ILLEGAL.search(value) else value
    if isinstance(value, (list, tuple)):
        items = [_xml_safe(v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _xml_safe(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@dataclass(frozen=True)
class Rendered:
    docx: bytes
    front_entry: int | None  # the Daftar Isi entry on the first page numbered i
    body_entry: int | None  # the entry on the first page numbered 1


def render(report: D.Report, *, pages: list[str] | None = None) -> bytes:
    """The Word document; `pages` the Daftar Isi's page numbers (reports.paginate), else headings alone."""
    return _render(report, pages=pages).docx


def render_measured(report: D.Report) -> Rendered:
    """A render to be laid out by LibreOffice and read back: every Daftar Isi heading tagged (MARKER)."""
    return _render(report, measure=True)


def _render(report: D.Report, *, pages: list[str] | None = None, measure: bool = False) -> Rendered:
    report = _xml_safe(report)  # type: ignore[assignment]  # the same report back, its strings made XML-safe
    doc = Document()
    table_styles = _setup_styles(doc)
    first = doc.sections[0]
    _page(first, landscape=False)
    _header_footer(first, report.stamp)
    props = doc.core_properties
    props.title = f"{report.title} {report.instansi} Tahun {report.year}"
    props.subject = report.stamp.text
    props.author = report.instansi
    # Core properties are UTC (W3CDTF with Z).
    props.created = props.modified = report.exported.astimezone(timezone.utc).replace(tzinfo=None)
    props.revision = max(1, report.revision)
    renderer = _Renderer(doc, report, table_styles, pages=pages, measure=measure)
    renderer.render()
    buffer = BytesIO()
    doc.save(buffer)
    return Rendered(buffer.getvalue(), renderer.front_entry, renderer.body_entry)


# The year's other documents (Perjanjian Kinerja, monev triwulan, rekap) share the LKjIP's page and styles.
setup_styles = _setup_styles
setup_page = _page
