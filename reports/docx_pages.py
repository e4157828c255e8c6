"""Page numbering of the LKjIP in Word: sections whose numbers restart (front matter in roman, the body in arabic)
and the tag that lets reports.paginate find each Daftar Isi heading in LibreOffice's PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.section import Section

from . import document as D

# The successors of w:pgNumType in CT_SectPr: it goes before the first of them that is present.
_AFTER_PG_NUM = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                 "docGrid", "printerSettings", "sectPrChange")
MARKER = "QXH{:03d}QX"  # a heading's tag in the measuring render (reports.paginate finds it in the PDF text)


def set_page_numbers(section: Section, fmt: str, *, restart: bool) -> None:
    """w:pgNumType: the format of the footer's PAGE field in this section ("lowerRoman" for the front matter,
    "decimal" from BAB I) and, when `restart`, numbering from 1. python-docx copies the previous section's
    properties into a new one, so a continuing section must drop the start it inherited."""
    sectPr = section._sectPr
    el = sectPr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        later = {qn(f"w:{n}") for n in _AFTER_PG_NUM}
        anchor = next((c for c in sectPr if c.tag in later), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            sectPr.append(el)
    el.set(qn("w:fmt"), fmt)
    if restart:
        el.set(qn("w:start"), "1")
    else:
        el.attrib.pop(qn("w:start"), None)


def numbering_starts(blocks: list[D.Block]) -> dict[int, str]:
    """Where page numbering restarts: the front matter after the cover in small roman numerals (i, ii, …), the body
    from its first chapter after the Daftar Isi in arabic from 1, as printed LKjIPs number their pages."""
    starts: dict[int, str] = {}
    if len(blocks) > 1 and isinstance(blocks[0], D.Cover):
        starts[1] = "lowerRoman"
    contents = next((i for i, b in enumerate(blocks) if isinstance(b, D.Contents)), None)
    if contents is not None:
        body = next((i for i, b in enumerate(blocks)
                     if i > contents and isinstance(b, D.Heading) and b.level == 1), None)
        if body is not None:
            starts[body] = "decimal"
    return starts
