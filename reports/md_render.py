"""The outline as one Markdown document (CommonMark with GFM tables)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from . import document as D
from .signing import Signatory
from .stamp import Stamp
from .text import as_markdown, escape_cell

_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_ATX = re.compile(r"^( {0,3})#{1,6}(?=\s|$)")
_MAX_LEVEL = 6


def _escape_lead(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():  # "1." or "1)" would open an ordered list
        return lead + mark[:-1] + "\\" + mark[-1]
    return lead + "\\" + mark


def escape_text(text: str) -> str:
    """Generated prose as literal Markdown: inline markup escaped (as in table cells), and a leading character
    that would open a heading, quote or list escaped too."""
    return _BLOCK_START.sub(_escape_lead, escape_cell(text), count=1)


def _hashes(level: int) -> str:
    # The cover title is the one level-1 heading; the outline's levels start below it.
    return "#" * min(level + 1, _MAX_LEVEL)


def shift_headings(markdown: str, below: int) -> str:
    """Place an operator's headings under the section that holds the narrative: "# X" in a BAB I section becomes
    a level-3 outline heading. Headings are found through markdown-it tokens, so a "#" inside a code block stays."""
    lines = markdown.splitlines()
    tokens = MarkdownIt("commonmark").parse(markdown)
    edits: list[tuple[int, int, str]] = []  # (first line, end line, replacement)
    for tok in tokens:
        if tok.type != "heading_open" or tok.map is None or tok.level != 0:
            continue
        start, end = tok.map
        hashes = _hashes(below + int(tok.tag[1]))
        if tok.markup.startswith("#"):
            edits.append((start, start + 1, _ATX.sub(lambda m: m.group(1) + hashes, lines[start], count=1)))
        else:  # setext: the text lines then the underline; ATX keeps one line
            content = " ".join(line.strip() for line in lines[start:end - 1])
            edits.append((start, end, f"{hashes} {content}"))
    for start, end, text in reversed(edits):
        lines[start:end] = [text]
    return "\n".join(lines)


def _contents(block: D.Contents) -> str:
    return "\n".join("  " * (h.level - 1) + "- " + escape_text(h.text) for h in block.entries)


def _block(block: D.Block) -> str:
    if isinstance(block, D.Cover):
        return "\n\n".join([f"# {escape_text(block.title)}", f"**{escape_text(block.instansi)}**",
                            escape_text(block.pemda), f"**Tahun {block.year}**"])
    if isinstance(block, D.Heading):
        return f"{_hashes(block.level)} {escape_text(block.text)}"
    if isinstance(block, D.Paragraph):
        text = escape_text(block.text)
        return f"*{text}*" if block.note else text
    if isinstance(block, D.Items):
        return "\n".join((f"{n}. " if block.ordered else "- ") + escape_text(item)
                         for n, item in enumerate(block.items, start=1))
    if isinstance(block, D.Narrative):
        return shift_headings(block.markdown.strip("\n"), block.level)
    if isinstance(block, D.TableBlock):
        return as_markdown(block.table).rstrip("\n")
    if isinstance(block, D.Contents):
        return _contents(block)
    if isinstance(block, D.Signature):
        return "\n\n".join(md_signatures(block.place_date, [block.signer]))
    raise TypeError(f"unknown block {block!r}")


def md_signature(s: Signatory) -> str:
    """One signature block as one Markdown paragraph: role and position, then name (bold), pangkat and NIP."""
    lines = s.lines()
    head = [escape_text(lines[k]) for k in ("role", "jabatan") if k in lines]
    tail = [f"**{escape_text(lines['nama'])}**", *(escape_text(lines[k]) for k in ("pangkat", "nip") if k in lines)]
    return "\\\n".join(head) + "\n\n" + "\\\n".join(tail)


def md_signatures(place_date: str, signers: list[Signatory]) -> list[str]:
    return [escape_text(place_date), *(md_signature(s) for s in signers)]


def with_stamp(markdown: str, stamp: Stamp) -> str:
    """A draft opens with its DRAF mark; the signed copy ends with the line naming the year's lock
    (reports.stamp)."""
    if stamp.draft:
        return f"> {escape_text(stamp.text)}\n\n{markdown}"
    return f"{markdown}\n---\n\n*{escape_text(stamp.text)}*\n"


def render(report: D.Report) -> str:
    return with_stamp("\n\n".join(_block(b) for b in report.blocks) + "\n", report.stamp)
