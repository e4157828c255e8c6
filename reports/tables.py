"""The LKjIP tables as plain data: a title, columns and rows of display strings, built from the engine.

The CLI, the TUI, the Markdown and the Word exporters all show these very tables, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from store.domain.cascade import Cascade
from store.domain.model import LEVEL_LABELS, Indicator, Node
from store.text.numbers import format_percent, format_rupiah, format_value, to_decimal

from . import efisiensi, engine
from .cascade_grid import CASCADE_LEVELS, CascadeGrid

DASH = "\u2014"


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # Per row: the indicator or node id the row is about ("" for a total row), for jumping to the cell.
    refs: list[str] = field(default_factory=list)
    # Per column: True where the column holds numbers (right-aligned in every rendering).
    numeric: list[bool] = field(default_factory=list)
    wide: bool = False  # wants a landscape page
    # Per row, per column, for tables whose cells merge down (Tabel 1.2): 1 a plain cell, n > 1 the first of n rows
    # merged into one cell, 0 a row the cell above runs through. Empty: no merges.
    spans: list[list[int]] = field(default_factory=list)
    # Per row, for the budget tables: 0 a program (or the total), set bold; 1 a kegiatan and 2 a sub kegiatan,
    # indented in column `outline_col`; -1 a plain row. Empty: every row plain.
    outline: list[int] = field(default_factory=list)
    outline_col: int = 0
    # What a document prints instead of a bare header when the table has no rows: why it is empty.
    empty: str = "Belum ada data yang diisi untuk tabel ini."

    def add(self, row: list[str], ref: str = "") -> None:
        assert len(row) == len(self.columns), (self.id, row)
        self.rows.append(row)
        self.refs.append(ref)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "columns": self.columns, "rows": self.rows, "refs": self.refs}


NO_SASARAN_INDICATOR = "Belum ada indikator sasaran yang diisi."
OUTLINE = {"program": 0, "kegiatan": 1, "subkegiatan": 2}
TOTAL_ROW = 0  # a Jumlah row is set bold like a program


def _numeric(columns: list[str], *names: str) -> list[bool]:
    return [c in names for c in columns]


def _pct(value: Decimal | None) -> str:
    return format_percent(value)


# -- BAB I ----------------------------------------------------------------------------------------------------------
def tabel_1_1(casc: Cascade, year: int) -> Table:
    t = Table("1.1", "Tabel 1.1 Pemetaan Permasalahan untuk Penentuan Prioritas dan Sasaran Perangkat Daerah",
              ["No", "Masalah", "Pokok Masalah", "Akar Masalah"], empty="Belum ada isu strategis yang diisi.")
    for no, row in enumerate(casc.isu, start=1):
        items = row.get("items") or [{"pokok": "", "akar": ""}]
        for i, item in enumerate(items):
            t.add([str(no) if i == 0 else "", row["masalah"] if i == 0 else "", item.get("pokok", ""),
                   item.get("akar", "")], row["id"])
    t.numeric = [False] * 4
    return t


def tabel_1_2(casc: Cascade, year: int) -> Table:
    """The cascade with merged cells (see reports.cascade_grid); `spans` tells the Word renderer which cells merge, and the
    rows leave a merged cell's text in its first row only, as the other tables leave a repeated parent blank."""
    cols: list[str] = []
    for level in CASCADE_LEVELS:
        cols += [LEVEL_LABELS[level], f"Indikator {LEVEL_LABELS[level]}"]
    t = Table("1.2", "Tabel 1.2 Keterhubungan Perencanaan Kinerja (Cascading)", ["No", *cols], wide=True,
              empty="Belum ada tujuan yang diisi.")
    grid = CascadeGrid(casc, len(t.columns))
    no = 0
    for root in casc.roots():
        no += root["level"] == "tujuan"
        grid.add_root(root, str(no) if root["level"] == "tujuan" else "")
    for row, owners, spans in zip(grid.cells, grid.owner, grid.spans):
        # The row is about the deepest thing that starts on it (a second indicator of a program starts a row that
        # its sub kegiatan only runs through).
        starts = [o for o, s in zip(owners, spans) if o and s]
        t.add(row, starts[-1] if starts else next((o for o in reversed(owners) if o), ""))
    t.spans = grid.spans
    t.numeric = [False] * len(t.columns)
    return t


# -- BAB II ---------------------------------------------------------------------------------------------------------
def _goal_rows(casc: Cascade) -> list[tuple[Node, Node | None]]:
    """(tujuan, sasaran) pairs in order; a tujuan without sasaran still shows."""
    pairs: list[tuple[Node, Node | None]] = []
    for tujuan in casc.of_level("tujuan"):
        sasaran = [k for k in casc.kids(tujuan["id"]) if k["level"] == "sasaran"]
        pairs += [(tujuan, s) for s in sasaran] or [(tujuan, None)]
    orphans = [s for s in casc.of_level("sasaran") if not any(p[1] is s for p in pairs)]
    return pairs + [(s, s) for s in orphans]


def tabel_2_1(casc: Cascade, year: int) -> Table:
    t = Table("2.1", "Tabel 2.1 Tujuan, Sasaran dan Indikator", ["Tujuan", "Sasaran", "Indikator", "Satuan"],
              empty="Belum ada tujuan yang diisi.")
    last_tujuan = None
    for tujuan, sasaran in _goal_rows(casc):
        holder = sasaran or tujuan
        for i, ind in enumerate(holder["indicators"] or [None]):
            first = i == 0
            t.add([tujuan["name"] if first and tujuan is not last_tujuan else "",
                   sasaran["name"] if sasaran and first and sasaran is not tujuan else "",
                   ind["name"] if ind else DASH, ind["satuan"] if ind else ""],
                  ind["id"] if ind else holder["id"])
            last_tujuan = tujuan
    t.numeric = [False] * 4
    return t


def tabel_2_2(casc: Cascade, year: int) -> Table:
    awal, akhir = int(casc.meta["periode_awal"]), int(casc.meta["periode_akhir"])
    years = list(range(awal, akhir + 1))
    cols = ["Tujuan/Sasaran", "Indikator", "Satuan", f"Kondisi Awal ({awal - 1})", *[f"Target {y}" for y in years],
            f"Kondisi Akhir ({akhir})"]
    t = Table("2.2", f"Tabel 2.2 Tujuan, Sasaran dan Target Jangka Menengah {awal}\u2013{akhir}", cols, wide=True,
              empty="Belum ada indikator tujuan atau sasaran yang diisi.")
    ordered = [n for n, _ in casc.walk() if n["level"] in ("tujuan", "sasaran")]
    for node in ordered:
        for i, ind in enumerate(node["indicators"]):
            t.add([f"{LEVEL_LABELS[node['level']]}: {node['name']}" if i == 0 else "", ind["name"], ind["satuan"],
                   format_value(to_decimal(ind.get("kondisi_awal"))),
                   *[format_value(engine.target_of(ind, y)) for y in years],
                   format_value(to_decimal(ind.get("target_akhir")))], ind["id"])
    t.numeric = [False, False, False] + [True] * (len(cols) - 3)
    return t


def tabel_pk(casc: Cascade, year: int) -> Table:
    t = Table("pk", f"Perjanjian Kinerja Tahun {year}", ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                                                          "Target"],
              empty="Belum ada indikator sasaran yang diisi.")
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for i, ind in enumerate(sasaran["indicators"]):
            t.add([str(no) if i == 0 else "", sasaran["name"] if i == 0 else "", ind["name"], ind["satuan"],
                   format_value(engine.target_of(ind, year))], ind["id"])
    t.numeric = _numeric(t.columns, "Target")
    return t


def tabel_pk_anggaran(casc: Cascade, year: int) -> Table:
    t = Table("pk-anggaran", f"Perjanjian Kinerja Tahun {year}: Program dan Anggaran",
              ["No", "Program", "Anggaran (PK)"])
    # An empty Pagu PK means the pagu, program by program (engine.PaguPK): a total never short of its rows.
    for no, program in enumerate(casc.of_level("program"), start=1):
        t.add([str(no), casc.label(program), format_rupiah(engine.pagu_pk(casc, program, year).value)],
              program["id"])
    t.add(["", "Jumlah", format_rupiah(engine.instansi_pagu_pk(casc, year).value)])
    t.numeric = _numeric(t.columns, "Anggaran (PK)")
    return t


# -- BAB III --------------------------------------------------------------------------------------------------------
def _sasaran_indicators(casc: Cascade) -> Iterator[tuple[int, Node, int, Indicator]]:
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for i, ind in enumerate(sasaran["indicators"]):
            yield no, sasaran, i, ind


def tabel_3_1(casc: Cascade, year: int) -> Table:
    s = casc.meta["settings"]
    cols = ["No", "Sasaran", "Indikator Kinerja", "Satuan", f"Realisasi {year - 1}", f"Target {year}",
            f"Realisasi {year}", "Capaian (%)", "Predikat"]
    t = Table("3.1", f"Tabel 3.1 Capaian Kinerja Sasaran Tahun {year}", cols)
    for no, sasaran, i, ind in _sasaran_indicators(casc):
        c = engine.capaian(ind, year, s)
        t.add([str(no) if i == 0 else "", sasaran["name"] if i == 0 else "", ind["name"], ind["satuan"],
               format_value(engine.realisasi_of(ind, year - 1)), format_value(c.target), format_value(c.realisasi),
               _pct(c.value), engine.predikat(c.value, s)], ind["id"])
        if i == len(sasaran["indicators"]) - 1 and len(sasaran["indicators"]) > 1:
            avg = engine.sasaran_capaian(sasaran, year, s)
            t.add(["", "", "Capaian sasaran (rata-rata)", "", "", "", "", _pct(avg), engine.predikat(avg, s)],
                  sasaran["id"])
    total = engine.instansi_capaian(casc, year)
    t.add(["", "Rata-rata capaian kinerja instansi", "", "", "", "", "", _pct(total), engine.predikat(total, s)])
    t.numeric = _numeric(cols, *cols[4:8])
    return t


def compared_years(casc: Cascade, year: int) -> list[int]:
    """The years Tabel 3.2 sets side by side: up to three before `year` (from the year before the Renstra period)
    and `year` itself."""
    return [y for y in range(year - 3, year + 1) if y >= int(casc.meta["periode_awal"]) - 1]


def tabel_3_2(casc: Cascade, year: int) -> Table:
    years = compared_years(casc, year)
    cols = ["Sasaran Strategis", "Indikator Kinerja", f"Target {year}", *[f"Realisasi {y}" for y in years],
            f"Capaian {year} (%)"]
    t = Table("3.2", f"Tabel 3.2 Realisasi Kinerja Tahun {year} dibandingkan Tahun-Tahun Sebelumnya", cols,
              empty=NO_SASARAN_INDICATOR)
    s = casc.meta["settings"]
    for _, sasaran, i, ind in _sasaran_indicators(casc):
        t.add([sasaran["name"] if i == 0 else "", ind["name"], format_value(engine.target_of(ind, year)),
               *[format_value(engine.realisasi_of(ind, y)) for y in years],
               _pct(engine.capaian(ind, year, s).value)], ind["id"])
    t.numeric = [False, False] + [True] * (len(cols) - 2)
    return t


def tabel_3_3(casc: Cascade, year: int) -> Table:
    akhir = int(casc.meta["periode_akhir"])
    cols = ["Sasaran Strategis", "Indikator Kinerja", f"Target Akhir Renstra ({akhir})", f"Realisasi {year}",
            "Tingkat Kemajuan (%)"]
    t = Table("3.3", "Tabel 3.3 Realisasi Kinerja dibandingkan Target Akhir Renstra", cols,
              empty=NO_SASARAN_INDICATOR)
    s = casc.meta["settings"]
    for _, sasaran, i, ind in _sasaran_indicators(casc):
        k = engine.kemajuan(ind, year, s)
        t.add([sasaran["name"] if i == 0 else "", ind["name"], format_value(k.target), format_value(k.realisasi),
               _pct(k.value)], ind["id"])
    t.numeric = [False, False, True, True, True]
    return t


def tabel_3_4(casc: Cascade, year: int) -> Table:
    cols = ["Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Anggaran (Rp)",
            "Realisasi Anggaran (Rp)", "Serapan (%)"]
    t = Table("3.4", f"Tabel 3.4 Pencapaian Kinerja dan Anggaran Tahun {year}", cols, empty=NO_SASARAN_INDICATOR)
    s = casc.meta["settings"]
    for _, sasaran, i, ind in _sasaran_indicators(casc):
        c = engine.capaian(ind, year, s)
        a = engine.sasaran_anggaran(casc, sasaran, year)
        money = [format_rupiah(a.pagu), format_rupiah(a.realisasi), _pct(a.serapan)] if i == 0 else ["", "", ""]
        t.add([sasaran["name"] if i == 0 else "", ind["name"], format_value(c.target), format_value(c.realisasi),
               _pct(c.value), *money], ind["id"])
    t.numeric = [False, False] + [True] * 6
    return t


def tabel_3_5(casc: Cascade, year: int) -> Table:
    cols = ["Sasaran Strategis", "Capaian Kinerja (%)", "Penyerapan Anggaran (%)", "Tingkat Efisiensi",
            "Keterangan"]
    t = Table("3.5", f"Tabel 3.5 Efisiensi Penggunaan Sumber Daya Tahun {year}", cols)
    s = casc.meta["settings"]
    for sasaran in casc.of_level("sasaran"):
        e = efisiensi.sasaran_efisiensi(casc, sasaran, year)
        t.add([sasaran["name"], _pct(e.capaian), _pct(e.serapan), e.shown,
               efisiensi.efisiensi_label(e.value, s)], sasaran["id"])
    # The office's own figure (the one `lkjip rekap` shows): only the efisiensi column is averaged, from the very
    # rows above it; an average of capaian beside a pooled serapan would not be the same sasaran.
    total = efisiensi.instansi_efisiensi(casc, year)
    t.add([f"Rata-rata tingkat efisiensi{efisiensi_dari(total)}", "", "", total.shown,
           efisiensi.efisiensi_label(total.value, s)])
    t.numeric = [False, True, True, True, False]
    return t


def efisiensi_dari(e: efisiensi.EfisiensiInstansi) -> str:
    """" (1 dari 2 sasaran)" when some sasaran have no efisiensi yet; nothing when every one has."""
    return f" ({e.counted} dari {e.sasaran} sasaran)" if 0 < e.counted < e.sasaran else ""


def tabel_anggaran(casc: Cascade, year: int) -> Table:
    cols = ["No", "Kode", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)"]
    t = Table("anggaran", f"Realisasi Anggaran Tahun {year} per Program, Kegiatan dan Sub Kegiatan", cols)
    no = 0
    for program in casc.of_level("program"):
        no += 1
        for node in [program, *casc.descendants(program["id"])]:
            a = engine.anggaran(casc, node, year)
            t.add([str(no) if node is program else "", node["code"], node["name"], format_rupiah(a.pagu),
                   format_rupiah(a.realisasi), _pct(a.serapan)], node["id"])
            t.outline.append(OUTLINE[node["level"]])
    total = engine.instansi_anggaran(casc, year)
    t.add(["", "", "Jumlah", format_rupiah(total.pagu), format_rupiah(total.realisasi), _pct(total.serapan)])
    t.outline.append(TOTAL_ROW)
    t.outline_col = 2
    t.numeric = [False, False, False, True, True, True]
    return t


BUILDERS: dict[str, Callable[[Cascade, int], Table]] = {
    "1.1": tabel_1_1,
    "1.2": tabel_1_2,
    "2.1": tabel_2_1,
    "2.2": tabel_2_2,
    "pk": tabel_pk,
    "pk-anggaran": tabel_pk_anggaran,
    "3.1": tabel_3_1,
    "3.2": tabel_3_2,
    "3.3": tabel_3_3,
    "3.4": tabel_3_4,
    "3.5": tabel_3_5,
    "anggaran": tabel_anggaran,
}
TABLE_IDS = tuple(BUILDERS)


def select_ids(wanted: str | None) -> list[str]:
    """`--table pk` gives pk and pk-anggaran; `--table 3.1` only 3.1."""
    if wanted is None:
        return list(TABLE_IDS)
    return [i for i in TABLE_IDS if i == wanted or i.startswith(wanted + "-")]


def build(casc: Cascade, year: int, table_id: str) -> Table:
    return BUILDERS[table_id](casc, year)


def build_all(casc: Cascade, year: int, wanted: str | None = None) -> list[Table]:
    return [BUILDERS[i](casc, year) for i in select_ids(wanted)]


# -- Lampiran (not one of the `lkjip tables` ids: it belongs to the exported report only) ---------------------------
LAMPIRAN_KEGIATAN_ID = "lampiran-kegiatan"


def tabel_lampiran_kegiatan(casc: Cascade, year: int) -> Table:
    """Pengukuran kinerja kegiatan: every indicator of the programs, kegiatan and sub kegiatan, in cascade order."""
    s = casc.meta["settings"]
    cols = ["No", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Satuan", f"Target {year}",
            f"Realisasi {year}", "Capaian (%)"]
    t = Table(LAMPIRAN_KEGIATAN_ID, f"Pengukuran Kinerja Kegiatan Tahun {year}", cols,
              empty="Belum ada program yang diisi.")
    for no, program in enumerate(casc.of_level("program"), start=1):
        for node in [program, *casc.descendants(program["id"])]:
            # A node without indicators still shows, so the reader sees the whole program structure.
            for i, ind in enumerate(node["indicators"] or [None]):
                first = i == 0
                head = [str(no) if first and node is program else "", node["code"] if first else "",
                        f"{LEVEL_LABELS[node['level']]}: {node['name']}" if first else ""]
                t.outline.append(OUTLINE[node["level"]] if first else -1)
                if ind is None:
                    t.add([*head, DASH, "", DASH, DASH, DASH], node["id"])
                    continue
                c = engine.capaian(ind, year, s)
                t.add([*head, ind["name"], ind["satuan"], format_value(c.target), format_value(c.realisasi),
                       _pct(c.value)], ind["id"])
    t.outline_col = 2
    t.numeric = [False] * 5 + [True] * 3
    return t
