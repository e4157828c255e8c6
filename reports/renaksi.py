"""The Rencana Aksi of a year: `lkjip export WB --doc renaksi [--tw N] --format md|docx|xlsx`.

Signed with the Perjanjian Kinerja (PermenPAN-RB 53/2014): per PK indicator (the sasaran indicators, as the PK
table has them: reports.tables `pk`) its year target, the target and the planned action of each quarter, and who
answers for it (the node's Penanggung Jawab, empty where it has none). One row per indicator and quarter, so the
actions have room.

With `--tw N` (during the year) each quarter up to N also carries its realisasi and its capaian per quarter: the
realisasi typed for that quarter against that quarter's target, by the engine's formula and the indicator's
positive or negative rule (reports.renaksi_figures: for a kumulatif indicator what the quarter added against what
it was to add, for a nilai akhir one the level reached against the level due). Later quarters stay empty.

Draft or final as the other documents (reports.stamp). The spreadsheet keeps figures as numbers (capaian rounded to
two places as shown), with the stamp in its first row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from store.cascade import Cascade
from store.numbers import format_percent, format_value
from store.tw_rule import roman, rule_label

from . import engine
from .md_render import escape_text, md_signatures, with_stamp
from .profile import pemda_heading, profile_for_year
from .renaksi_figures import QUARTERS, aksi_tw, capaian_tw, realisasi_tw, target_tw
from .signing import Signatory, signatory
from .stamp import Stamp
from .tables import Table
from .text import as_markdown


@dataclass(frozen=True)
class Row:
    """One quarter of one indicator. `first`: the indicator's first row, which names it."""

    no: int  # the sasaran's number, as the PK table counts them
    sasaran: str
    indikator: str
    satuan: str
    aturan: str
    target_tahun: Decimal | None
    quarter: int
    target: Decimal | None
    aksi: str
    penanggung_jawab: str
    first: bool
    sasaran_first: bool
    reported: bool  # the quarter is up to --tw N: realisasi and capaian are shown
    realisasi: Decimal | None
    capaian: Decimal | None


def _columns(year: int, tw: int | None) -> list[str]:
    cols = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Aturan TW", f"Target {year}", "Triwulan",
            "Target Triwulan", "Rencana Aksi", "Penanggung Jawab"]
    return cols + (["Realisasi Triwulan", "Capaian Triwulan (%)"] if tw else [])


def rows(casc: Cascade, year: int, tw: int | None) -> list[Row]:
    settings = casc.meta["settings"]
    out = []
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        pj = (sasaran.get("unit") or "").strip()
        for i, ind in enumerate(sasaran["indicators"]):
            for q in QUARTERS:
                reported = tw is not None and q <= tw
                out.append(Row(no, sasaran["name"], ind["name"], ind["satuan"], rule_label(engine.tw_rule_of(ind)),
                               engine.target_of(ind, year), q, target_tw(ind, year, q), aksi_tw(ind, year, q), pj,
                               q == 1, i == 0 and q == 1, reported,
                               realisasi_tw(ind, year, q) if reported else None,
                               capaian_tw(ind, year, q, settings).value if reported else None))
    return out


def as_table(year: int, tw: int | None, plan: list[Row]) -> Table:
    what = f" dan Realisasi s.d. Triwulan {roman(tw)}" if tw else ""
    t = Table("renaksi", f"Rencana Aksi{what} Tahun {year}", _columns(year, tw), wide=True,
              empty="Belum ada indikator sasaran yang diisi.")
    for r in plan:
        head = ([str(r.no), r.sasaran] if r.sasaran_first else ["", ""])
        ind = ([r.indikator, r.satuan, r.aturan, format_value(r.target_tahun)] if r.first else ["", "", "", ""])
        figures = ([format_value(r.realisasi), format_percent(r.capaian)] if r.reported else ["", ""]) if tw else []
        t.add([*head, *ind, f"TW {roman(r.quarter)}", format_value(r.target), r.aksi, r.penanggung_jawab if r.first
               else "", *figures])
    t.numeric = [False, False, False, False, False, True, False, True, False, False] + ([True, True] if tw else [])
    t.spans = _spans(plan, len(t.columns))
    return t


# Columns merged down in Word: the sasaran over its indicators' rows, the indicator's own over its four quarters.
SASARAN_COLUMNS, INDICATOR_COLUMNS = (0, 1), (2, 3, 4, 5, 9)


def _spans(plan: list[Row], width: int) -> list[list[int]]:
    out = []
    for r in plan:
        spans = [1] * width
        sasaran_rows = sum(other.no == r.no for other in plan)
        for c in SASARAN_COLUMNS:
            spans[c] = sasaran_rows if r.sasaran_first else 0
        for c in INDICATOR_COLUMNS:
            spans[c] = len(QUARTERS) if r.first else 0
        out.append(spans)
    return out


@dataclass(frozen=True)
class RencanaAksi:
    year: int
    tw: int | None
    instansi: str
    pemda: str
    plan: list[Row]
    table: Table
    place_date: str
    kepala: Signatory
    stamp: Stamp

    @property
    def title(self) -> str:
        return f"RENCANA AKSI TAHUN {self.year}"

    @property
    def heads(self) -> list[str]:
        return [h for h in (pemda_heading(self.pemda), self.instansi.upper()) if h]

    @property
    def note(self) -> str:
        if not self.tw:
            return ""
        return (f"Capaian triwulan: realisasi triwulan itu dibanding target triwulan itu (s.d. triwulan "
                f"{roman(self.tw)}); indikator kumulatif: yang dicapai dalam triwulan itu, indikator nilai akhir: "
                f"nilai pada akhir triwulan itu.")


def build(casc: Cascade, year: int, tw: int | None, stamp: Stamp) -> RencanaAksi:
    p = profile_for_year(casc, year)
    # Signed with the PK, at the start of its year.
    tanggal = p["tanggal_pk"].strip() or f"{'.' * 24} {year}"
    place_date = f"{p.get('tempat', '').strip() or '.' * 20}, {tanggal}"
    plan = rows(casc, year, tw)
    return RencanaAksi(year, tw, p.get("instansi", ""), p.get("pemda", ""), plan, as_table(year, tw, plan),
                       place_date, signatory(p, "kepala"), stamp)


def render_md(doc: RencanaAksi) -> str:
    parts = [f"# {doc.title}", *(f"**{escape_text(h)}**" for h in doc.heads),
             as_markdown(doc.table).rstrip("\n"), *([escape_text(doc.note)] if doc.note else []),
             *md_signatures(doc.place_date, [doc.kepala])]
    return with_stamp("\n\n".join(parts) + "\n", doc.stamp)


def render_docx(doc: RencanaAksi) -> bytes:
    from .docx_doc import ShortDocument

    d = ShortDocument(title=f"{doc.title} {doc.instansi}", author=doc.instansi, stamp=doc.stamp, landscape=True)
    d.centered(doc.title, size=13, after=4)
    for head in doc.heads:
        d.centered(head, size=12)
    d.text("")
    d.table(doc.table)
    if doc.note:
        d.text(doc.note)
    d.signatures(doc.place_date, [doc.kepala])
    return d.to_bytes()


def _number(value: Decimal | None, places: int | None = None) -> float | None:
    if value is None:
        return None
    return float(value if places is None else value.quantize(Decimal(1).scaleb(-places)))


def render_xlsx(doc: RencanaAksi) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    from store.xlsx_write import append_row

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new book has its one sheet
    sheet.title = "Rencana Aksi"
    append_row(sheet, [doc.stamp.text])
    append_row(sheet, [doc.title, *doc.heads])
    append_row(sheet, doc.table.columns)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r in doc.plan:
        # Every row names its indicator: a spreadsheet is sorted and filtered, where blank cells would lose it.
        values: list[object] = [r.no, r.sasaran, r.indikator, r.satuan, r.aturan, _number(r.target_tahun),
                                f"TW {roman(r.quarter)}", _number(r.target), r.aksi, r.penanggung_jawab]
        if doc.tw:
            values += [_number(r.realisasi), _number(r.capaian, 2)] if r.reported else [None, None]
        append_row(sheet, values)
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    for letter, width in zip("ABCDEFGHIJKL", (5, 30, 34, 10, 12, 11, 9, 11, 40, 24, 11, 11)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "D4"
    if doc.note:
        append_row(sheet, [])
        append_row(sheet, [doc.note])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
