"""The WordprocessingML that python-docx has no API for: fields, list numbering, table header rows and widths.

Kept apart from the renderer so that each XML trick is written (and explained) once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Length
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.document import Document
    from docx.section import Section

    Container = Document | BlockItemContainer  # what takes paragraphs: the document, a table cell

# An element of python-docx's oxml tree (w:tbl, w:numbering...): its classes are made per tag at run time, with the
# children's accessors (tblPr, add_num) generated, so the type checker sees them as Any.
XmlElement = Any


def _el(tag: str, **attrs: str) -> XmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _fld_char(paragraph: Paragraph, kind: str, *, dirty: bool = False) -> None:
    run = paragraph.add_run()
    char = _el("w:fldChar", fldCharType=kind)
    if dirty:
        # Asks Word to recompute the field when the document is opened (the TOC needs real page numbers).
        char.set(qn("w:dirty"), "true")
    run._r.append(char)


def _instr(paragraph: Paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    text = _el("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)


def begin_field(paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    """Begin, instruction and separate runs: what follows, up to end_field, is the field's last result."""
    _fld_char(paragraph, "begin", dirty=dirty)
    _instr(paragraph, instruction)
    _fld_char(paragraph, "separate")


def end_field(paragraph: Paragraph) -> None:
    _fld_char(paragraph, "end")


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A complex field at the end of `paragraph` (PAGE, NUMPAGES); `shown` is what a reader sees until the
    application computes it."""
    begin_field(paragraph, instruction)
    paragraph.add_run(shown)
    end_field(paragraph)


# A TOC may span many paragraphs: begin_field in the first, the entries, end_field in the last, as Word writes it.
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


# Elements that follow w:updateFields in CT_Settings: Word rejects a settings part whose children are out of order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


def update_fields_on_open(settings_element: XmlElement) -> None:
    """w:updateFields in settings.xml: Word offers to refresh every field (TOC page numbers) on opening."""
    if settings_element.find(qn("w:updateFields")) is not None:
        return
    flag = _el("w:updateFields", val="true")
    later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
    anchor = next((child for child in settings_element if child.tag in later), None)
    if anchor is not None:
        anchor.addprevious(flag)
    else:
        settings_element.append(flag)


# -- tables ---------------------------------------------------------------------------------------------------------
def set_grid(tbl: XmlElement, widths: Sequence[Length]) -> None:
    """Fixed layout needs the grid itself to carry the widths; cell widths alone are ignored by some readers."""
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    tblPr = tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = _el("w:tblW")
        tblPr.append(tblW)
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))


def set_cell_margins(tbl: XmlElement, *, left: Length, right: Length, top: Length, bottom: Length) -> None:
    tblPr = tbl.tblPr
    old = tblPr.find(qn("w:tblCellMar"))
    if old is not None:
        tblPr.remove(old)
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(_el(f"w:{side}", w=str(int(value.twips)), type="dxa"))
    # Schema order: tblCellMar comes after tblLayout and before tblLook.
    look = tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        tblPr.append(mar)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = re.compile(r"(\n|\t)")


def _runs_xml(text: str) -> str:
    """A cell's text as one run: a newline becomes w:br and a tab w:tab, as python-docx's run.text would do."""
    if not text:
        return ""
    parts = []
    for piece in _BREAKS.split(_XML_INVALID.sub("", text)):
        if piece == "\n":
            parts.append("<w:br/>")
        elif piece == "\t":
            parts.append("<w:tab/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "<w:r>" + "".join(parts) + "</w:r>"


def rows_xml(rows: Sequence[Sequence[str]], widths: Sequence[Length], style_id: str,
             right: Sequence[bool], *, header: bool = False, fill: str = "D9D9D9") -> str:
    """Table rows as WordprocessingML text. Building the cells through python-docx objects cost over a second
    for the demo report; one string parsed once per table costs a few milliseconds.

    Every row is kept on one page (w:cantSplit); a header row carries w:tblHeader, which makes Word and
    LibreOffice repeat it at the top of every page the table spans, and is shaded."""
    tw = [str(int(w.twips)) for w in widths]
    tr_pr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    tc_extra = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/><w:vAlign w:val="center"/>' if header else ""
    out = []
    for row in rows:
        cells = []
        for text, width, is_right in zip(row, tw, right):
            jc = '<w:jc w:val="right"/>' if is_right else ""
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tc_extra}</w:tcPr>'
                         f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>{_runs_xml(text)}</w:p></w:tc>')
        out.append(f"<w:tr>{tr_pr}{''.join(cells)}</w:tr>")
    return "".join(out)


def append_rows(tbl: XmlElement, xml: str) -> None:
    holder = parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>")
    for tr in list(holder):
        tbl.append(tr)


# -- list numbering -------------------------------------------------------------------------------------------------
_BULLETS = ("\u2022", "\u25e6", "\u25aa")
_ORDERED = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))
INDENT_STEP = 360  # twips per list level (a quarter inch)


def _abstract_num(abstract_id: int, ordered: bool) -> XmlElement:
    absn = _el("w:abstractNum", abstractNumId=str(abstract_id))
    absn.append(_el("w:multiLevelType", val="hybridMultilevel"))
    for ilvl in range(9):
        lvl = _el("w:lvl", ilvl=str(ilvl))
        lvl.append(_el("w:start", val="1"))
        if ordered:
            fmt, text = _ORDERED[ilvl % 3]
            lvl.append(_el("w:numFmt", val=fmt))
            lvl.append(_el("w:lvlText", val=text.format(n=ilvl + 1)))
        else:
            lvl.append(_el("w:numFmt", val="bullet"))
            lvl.append(_el("w:lvlText", val=_BULLETS[ilvl % 3]))
        lvl.append(_el("w:lvlJc", val="left"))
        pPr = OxmlElement("w:pPr")
        pPr.append(_el("w:ind", left=str(INDENT_STEP * (ilvl + 1)), hanging=str(INDENT_STEP)))
        lvl.append(pPr)
        absn.append(lvl)
    return absn


class Numbering:
    """Two abstract numberings of our own (bullets and 1./a./i.), and one w:num per Markdown list.

    Word continues a numbered list across every paragraph that shares a w:num; a fresh w:num per list with a
    startOverride on each level makes each list count from its own start (1, unless the Markdown says otherwise).
    """

    def __init__(self, numbering_element: XmlElement) -> None:
        self.numbering = numbering_element
        existing = [int(a.get(qn("w:abstractNumId"))) for a in numbering_element.findall(qn("w:abstractNum"))]
        base = max(existing, default=-1) + 1
        self.abstract = {False: base, True: base + 1}
        nodes = [_abstract_num(base, False), _abstract_num(base + 1, True)]
        # Schema order: every w:abstractNum precedes every w:num.
        anchor = numbering_element.find(qn("w:num"))
        for node in nodes:
            if anchor is not None:
                anchor.addprevious(node)
            else:
                numbering_element.append(node)
        self._bullet_num: int | None = None

    def new_list(self, ordered: bool, *, ilvl: int = 0, start: int = 1) -> int:
        """The w:num for a list whose items sit at level `ilvl`."""
        if not ordered and self._bullet_num is not None:
            return self._bullet_num  # bullets do not count: one w:num serves them all
        num = self.numbering.add_num(self.abstract[ordered])
        if ordered:
            for level in range(9):
                num.add_lvlOverride(ilvl=level).add_startOverride(start if level == ilvl else 1)
        else:
            self._bullet_num = num.numId
        return int(num.numId)


def set_numbering(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    numPr = pPr.get_or_add_numPr()
    numPr.get_or_add_ilvl().val = ilvl
    numPr.get_or_add_numId().val = num_id


def add_paragraph(container: Container, style_id: str | None = None, text: str = "") -> Paragraph:
    """container.add_paragraph() with the style given by its id: python-docx resolves a style object or name by
    scanning every style for the default one, which alone took seconds over the cells of a report."""
    p = container.add_paragraph()
    if style_id:
        p._p.style = style_id
    if text:
        p.add_run(text)
    return p


def usable_width(section: Section) -> Length:
    """The width between a section's margins (every section here has its page size and margins set)."""
    assert section.page_width is not None and section.left_margin is not None and section.right_margin is not None
    return Emu(section.page_width - section.left_margin - section.right_margin)
