"""An operator's Markdown narrative as real Word formatting, by walking markdown-it-py tokens.

Bold and italic become run properties, headings become Heading styles placed under the section that holds the
narrative, lists become numbered or bulleted paragraphs (each ordered list counting from its own start), a GFM
table becomes a Word table. Nothing of the Markdown syntax is left in the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from markdown_it import MarkdownIt
from markdown_it.token import Token

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

from . import docx_fields as F
from .tables import Table

MONOSPACE = "Liberation Mono"
_parser = MarkdownIt("commonmark").enable("table")


@dataclass
class _List:
    ordered: bool
    num_id: int
    ilvl: int


@dataclass
class _Inline:
    bold: int = 0
    italic: int = 0
    link: list[str] = field(default_factory=list)


class MarkdownWriter:
    """Writes Markdown into a python-docx document (or any block container with add_paragraph)."""

    def __init__(self, container: F.Container, numbering: F.Numbering, *, heading_base: int = 1, body_style: str | None = None,
                 list_style: str = "ListParagraph", quote_style: str = "Quote",
                 add_table: Callable[[Table], None] | None = None) -> None:
        self.container = container
        self.numbering = numbering
        self.heading_base = heading_base
        self.body_style = body_style
        self.list_style = list_style
        self.quote_style = quote_style
        self.add_table = add_table

    # -- blocks --------------------------------------------------------------------------------------------------
    def write(self, markdown: str) -> None:
        tokens = _parser.parse(markdown)
        lists: list[_List] = []
        quote = 0
        first_in_item = False
        paragraph = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                ilvl = min(len(lists), 8)
                start = int(tok.attrGet("start") or 1) if ordered else 1
                lists.append(_List(ordered, self.numbering.new_list(ordered, ilvl=ilvl, start=start), ilvl))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                first_in_item = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "heading_open":
                level = min(self.heading_base + int(tok.tag[1]), 9)
                paragraph = F.add_paragraph(self.container, f"Heading{level}")
            elif kind == "paragraph_open":
                paragraph = self._paragraph(lists, quote, first_in_item)
                first_in_item = False
            elif kind == "inline" and paragraph is not None:
                self._inline(paragraph, tok.children or [])
            elif kind in ("heading_close", "paragraph_close"):
                paragraph = None
            elif kind in ("fence", "code_block"):
                self._code(tok.content, lists, quote)
            elif kind == "hr":
                p = F.add_paragraph(self.container, self.body_style, "* * *")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == "html_block":
                F.add_paragraph(self.container, self.body_style, tok.content.strip("\n"))
            elif kind == "table_open":
                i = self._table(tokens, i)
            i += 1

    def _paragraph(self, lists: list[_List], quote: int, first_in_item: bool) -> Paragraph:
        if not lists:
            style = self.quote_style if quote else self.body_style
            return F.add_paragraph(self.container, style)
        current = lists[-1]
        p = F.add_paragraph(self.container, self.list_style)
        if first_in_item:
            F.set_numbering(p, current.num_id, current.ilvl)
        else:
            # A later paragraph of the same item: aligned with the item's text, without a number of its own.
            p.paragraph_format.left_indent = Twips(F.INDENT_STEP * (current.ilvl + 1))
        return p

    def _code(self, content: str, lists: list[_List], quote: int) -> None:
        p = self._paragraph(lists, quote, False)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified code would stretch its spaces
        for n, line in enumerate(content.rstrip("\n").split("\n")):
            run = p.add_run()
            if n:
                run.add_break()
            run.add_text(line)
            run.font.name = MONOSPACE
            run.font.size = Pt(9)

    def _table(self, tokens: list[Token], i: int) -> int:
        """Collect a GFM table's cells as plain text; return the index of table_close."""
        rows: list[list[str]] = []
        head_rows = 0
        in_head = False
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                rows.append([])
                head_rows += in_head
            elif tok.type == "inline":
                rows[-1].append(_plain(tok.children or []))
            i += 1
        if rows and self.add_table is not None:
            columns, body = rows[0], rows[head_rows or 1:]
            width = len(columns)
            t = Table("narasi", "", columns, [(r + [""] * width)[:width] for r in body],
                      numeric=[False] * width)
            self.add_table(t)
        return i

    # -- inline --------------------------------------------------------------------------------------------------
    def _inline(self, paragraph: Paragraph, children: list[Token]) -> None:
        state = _Inline()
        for child in children:
            kind = child.type
            if kind == "text" or kind == "html_inline":
                self._run(paragraph, child.content, state)
            elif kind == "softbreak":
                self._run(paragraph, " ", state)
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind == "strong_open":
                state.bold += 1
            elif kind == "strong_close":
                state.bold -= 1
            elif kind == "em_open":
                state.italic += 1
            elif kind == "em_close":
                state.italic -= 1
            elif kind == "code_inline":
                run = self._run(paragraph, child.content, state)
                run.font.name = MONOSPACE
            elif kind == "link_open":
                state.link.append(str(child.attrGet("href") or ""))
            elif kind == "link_close":
                href = state.link.pop() if state.link else ""
                if href and not href.startswith("#"):
                    self._run(paragraph, f" ({href})", state)
            elif kind == "image":
                self._run(paragraph, f"[{child.content or 'gambar'}]", state)

    @staticmethod
    def _run(paragraph: Paragraph, text: str, state: _Inline) -> Run:
        run = paragraph.add_run(text)
        if state.bold:
            run.bold = True
        if state.italic:
            run.italic = True
        if state.link:
            run.underline = True
        return run


def _plain(children: list[Token]) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def add_markdown(container: F.Container, markdown: str, numbering: F.Numbering, **kw: Any) -> None:
    MarkdownWriter(container, numbering, **kw).write(markdown)
