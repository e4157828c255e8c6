"""An operator's Markdown narrative becomes real Word formatting: bold and italic runs, heading styles, bulleted
and numbered list paragraphs, each numbered list counting from 1 as Word would show it."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from reports.docx import fields as F
from reports.docx.narrative import MarkdownWriter
from reports.tables import Table

NARRATIVE = """\
# Permasalahan

Pelayanan **belum optimal** dan *sarana* kurang; ***keduanya*** penting.

- butir pertama
- butir kedua
  - butir bersarang

Langkah pertama:

1. survei kepuasan
2. perbaikan sarana
3. evaluasi

Langkah kedua:

1. pelatihan aparatur
2. monitoring
"""


def written(markdown: str, **kw) -> docx.document.Document:
    """Write into a fresh document, save, and open again: what a reviewer's Word would read."""
    document = docx.Document()
    numbering = F.Numbering(document.part.numbering_part.element)
    MarkdownWriter(document, numbering, **kw).write(markdown)
    buffer = BytesIO()
    document.save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def num_pr(paragraph) -> tuple[int, int] | None:
    pPr = paragraph._p.pPr
    numPr = pPr.find(qn("w:numPr")) if pPr is not None else None
    if numPr is None:
        return None
    return int(numPr.find(qn("w:numId")).get(qn("w:val"))), int(numPr.find(qn("w:ilvl")).get(qn("w:val")))


class NumberingXml:
    """numbering.xml read back: the format of each (numId, level) and where its counting starts."""

    def __init__(self, document) -> None:
        root = document.part.numbering_part.element
        self.abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        self.nums = {int(n.get(qn("w:numId"))): n for n in root.findall(qn("w:num"))}

    def _lvl(self, num_id: int, ilvl: int):
        abstract_id = self.nums[num_id].find(qn("w:abstractNumId")).get(qn("w:val"))
        return next(lvl for lvl in self.abstract[abstract_id].findall(qn("w:lvl"))
                    if lvl.get(qn("w:ilvl")) == str(ilvl))

    def fmt(self, num_id: int, ilvl: int) -> str:
        return self._lvl(num_id, ilvl).find(qn("w:numFmt")).get(qn("w:val"))

    def start(self, num_id: int, ilvl: int) -> int:
        for override in self.nums[num_id].findall(qn("w:lvlOverride")):
            if override.get(qn("w:ilvl")) == str(ilvl) and override.find(qn("w:startOverride")) is not None:
                return int(override.find(qn("w:startOverride")).get(qn("w:val")))
        return int(self._lvl(num_id, ilvl).find(qn("w:start")).get(qn("w:val")))


def shown_numbers(document) -> list[tuple[str, int]]:
    """The number Word shows before each numbered paragraph: one counter per w:num, starting at its start value
    (reusing a w:num for a second list would continue 4, 5 …)."""
    xml = NumberingXml(document)
    counters: dict[tuple[int, int], int] = {}
    shown = []
    for p in document.paragraphs:
        found = num_pr(p)
        if found is None or xml.fmt(*found) == "bullet":
            continue
        key = found
        counters[key] = counters.get(key, xml.start(*key) - 1) + 1
        shown.append((p.text, counters[key]))
    return shown


@pytest.fixture(scope="module")
def document():
    return written(NARRATIVE, heading_base=2)


def run_of(document, text: str):
    return next(r for p in document.paragraphs for r in p.runs if r.text == text)


def test_bold_and_italic_become_run_formatting(document):
    assert run_of(document, "belum optimal").bold is True
    assert run_of(document, "belum optimal").italic is not True
    assert run_of(document, "sarana").italic is True
    assert run_of(document, "sarana").bold is not True
    both = run_of(document, "keduanya")
    assert both.bold is True and both.italic is True
    plain = run_of(document, "Pelayanan ")
    assert plain.bold is not True and plain.italic is not True
    full = "\n".join(p.text for p in document.paragraphs)
    assert "*" not in full and "#" not in full


def test_a_heading_sits_below_the_section_it_is_written_in(document):
    [heading] = [p for p in document.paragraphs if p.text == "Permasalahan"]
    assert heading.style.name == "Heading 3"


def test_bullets_are_list_paragraphs_with_a_bullet_numbering(document):
    xml = NumberingXml(document)
    bullets = {p.text: num_pr(p) for p in document.paragraphs if p.text.startswith("butir")}
    assert set(bullets) == {"butir pertama", "butir kedua", "butir bersarang"}
    assert all(v is not None for v in bullets.values())
    assert bullets["butir pertama"][1] == 0 and bullets["butir bersarang"][1] == 1
    assert all(xml.fmt(*v) == "bullet" for v in bullets.values())
    assert all(p.style.name == "List Paragraph" for p in document.paragraphs if p.text.startswith("butir"))


def test_each_numbered_list_starts_at_one(document):
    xml = NumberingXml(document)
    assert shown_numbers(document) == [("survei kepuasan", 1), ("perbaikan sarana", 2), ("evaluasi", 3),
                                       ("pelatihan aparatur", 1), ("monitoring", 2)]
    first = num_pr(next(p for p in document.paragraphs if p.text == "survei kepuasan"))
    second = num_pr(next(p for p in document.paragraphs if p.text == "pelatihan aparatur"))
    assert first[0] != second[0]
    assert xml.fmt(*first) == xml.fmt(*second) == "decimal"
    assert xml.start(*first) == xml.start(*second) == 1


def test_an_ordered_list_may_start_elsewhere_and_nest():
    document = written("3. tiga\n4. empat\n   1. sub satu\n   2. sub dua\n")
    assert shown_numbers(document) == [("tiga", 3), ("empat", 4), ("sub satu", 1), ("sub dua", 2)]
    xml = NumberingXml(document)
    nested = num_pr(next(p for p in document.paragraphs if p.text == "sub satu"))
    assert nested[1] == 1 and xml.fmt(*nested) == "lowerLetter"


def test_a_second_paragraph_of_an_item_gets_no_number_of_its_own():
    document = written("1. pertama\n\n   lanjutan pertama\n\n2. kedua\n")
    assert shown_numbers(document) == [("pertama", 1), ("kedua", 2)]
    [more] = [p for p in document.paragraphs if p.text == "lanjutan pertama"]
    assert num_pr(more) is None and more.paragraph_format.left_indent is not None


def test_line_breaks_code_and_links():
    document = written("baris satu  \nbaris dua\nlanjut `kode` dan [situs](https://contoh.id)\n")
    [p] = document.paragraphs
    assert p.text == "baris satu\nbaris dua lanjut kode dan situs (https://contoh.id)"
    code = next(r for r in p.runs if r.text == "kode")
    assert code.font.name == "Liberation Mono"


def test_a_markdown_table_becomes_a_word_table():
    tables: list[Table] = []
    written("| a | b |\n|---|---|\n| 1 | **2** |\n", add_table=tables.append)
    [t] = tables
    assert t.columns == ["a", "b"] and t.rows == [["1", "2"]]
