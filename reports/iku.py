"""The Indikator Kinerja Utama (IKU): `lkjip export WB --doc iku --format md|docx|xlsx`.

One row per sasaran indicator: its definisi operasional, rumus, satuan, sumber data, penanggung jawab, jenis
(outcome or output), kondisi awal, the target of each Renstra year and the target akhir. The targets are the
engine's (engine.target_of), the same figures Tabel 2.2 prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.cascade import Cascade
from store.model import Indicator, Node
from store.numbers import format_value, to_decimal

from . import engine
from .md_render import escape_text, with_stamp
from .profile import pemda_heading, profile_for_year
from .stamp import Stamp
from .tables import Table
from .text import as_markdown

# The kind an indicator has unless the operator says otherwise (field `jenis`): tujuan, sasaran and program measure
# results (outcome), kegiatan and sub kegiatan what they deliver (output).
DEFAULT_JENIS = {"tujuan": "outcome", "sasaran": "outcome", "program": "outcome", "kegiatan": "output",
                 "subkegiatan": "output"}
JENIS_LABELS = {"outcome": "Outcome", "output": "Output"}


def jenis_of(node: Node, ind: Indicator) -> str:
    return ind.get("jenis") or DEFAULT_JENIS[node["level"]]


def penanggung_jawab(node: Node, profile: dict[str, Any]) -> str:
    """The node's own penanggung jawab (field `unit`), else the head of office's jabatan, else the instansi."""
    return (node.get("unit") or "").strip() or profile.get("kepala_jabatan", "").strip() or profile.get("instansi", "")


def iku_table(casc: Cascade, year: int) -> Table:
    awal, akhir = int(casc.meta["periode_awal"]), int(casc.meta["periode_akhir"])
    years = list(range(awal, akhir + 1))
    cols = ["No", "Sasaran", "Indikator Kinerja", "Definisi Operasional / Alasan", "Rumus", "Satuan", "Sumber Data",
            "Penanggung Jawab", "Jenis", f"Kondisi Awal ({awal - 1})", *[f"Target {y}" for y in years],
            "Target Akhir"]
    t = Table("iku", f"Indikator Kinerja Utama {awal}\u2013{akhir}", cols, wide=True,
              empty="Belum ada indikator sasaran yang diisi.")
    profile = profile_for_year(casc, year)
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for i, ind in enumerate(sasaran["indicators"]):
            t.add([str(no) if i == 0 else "", sasaran["name"] if i == 0 else "", ind["name"],
                   ind.get("definisi") or "", ind.get("rumus") or "", ind.get("satuan") or "",
                   ind.get("sumber_data") or "", penanggung_jawab(sasaran, profile),
                   JENIS_LABELS[jenis_of(sasaran, ind)], format_value(to_decimal(ind.get("kondisi_awal"))),
                   *[format_value(engine.target_of(ind, y)) for y in years],
                   format_value(to_decimal(ind.get("target_akhir")))], ind["id"])
    t.numeric = [False] * 9 + [True] * (len(cols) - 9)
    return t


@dataclass(frozen=True)
class Iku:
    year: int
    instansi: str
    pemda: str
    table: Table
    stamp: Stamp

    @property
    def title(self) -> str:
        return "INDIKATOR KINERJA UTAMA"

    @property
    def heads(self) -> list[str]:
        return [h for h in (pemda_heading(self.pemda), self.instansi.upper()) if h]


def build(casc: Cascade, year: int, stamp: Stamp) -> Iku:
    p = profile_for_year(casc, year)
    return Iku(year, p.get("instansi", ""), p.get("pemda", ""), iku_table(casc, year), stamp)


def render_md(iku: Iku) -> str:
    parts = [f"# {iku.title}", *(f"**{escape_text(h)}**" for h in iku.heads), as_markdown(iku.table).rstrip("\n")]
    return with_stamp("\n\n".join(parts) + "\n", iku.stamp)


def render_docx(iku: Iku) -> bytes:
    from .docx_doc import ShortDocument

    d = ShortDocument(title=f"{iku.title} {iku.instansi}", author=iku.instansi, stamp=iku.stamp, landscape=True,
                      table_pt=8)
    d.centered(iku.title, size=14, after=4)
    for head in iku.heads:
        d.centered(head, size=12)
    d.table(iku.table)
    return d.to_bytes()


def render_xlsx(iku: Iku) -> bytes:
    """The IKU as one sheet: the heads, then the table's header and rows, every text stored as text
    (store.xlsx_write: an operator's "=…" never becomes a formula)."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from store.xlsx_write import append_row

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new book has its one sheet
    sheet.title = "IKU"
    for head in (iku.title, *iku.heads, "" if not iku.stamp.draft else iku.stamp.text):
        append_row(sheet, [head])
    append_row(sheet, list(iku.table.columns))
    for row in iku.table.rows:
        append_row(sheet, list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
