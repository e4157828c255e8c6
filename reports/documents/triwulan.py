"""The quarterly report (monev triwulan): `lkjip export WB --doc triwulan --tw N --format md|docx`.

Per indicator the realisasi up to TW N against the year's target and the capaian so far by the indicator's
quarterly rule (engine.realisasi_sd_tw: kumulatif sums TW I..N, nilai akhir takes the latest filled one; an
indicator without a rule shows "aturan TW?" and no realisasi, never a guess); per
program, kegiatan and sub kegiatan the budget spent up to TW N (the quarterly realisasi anggaran, summed; "—" where
no quarter is filled: the year's realisasi anggaran is never split into quarters by guess).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.domain.cascade import Cascade
from store.domain.model import LEVEL_LABELS, Indicator, Settings
from store.text.numbers import format_percent, format_rupiah, format_value, to_decimal
from store.domain.tw_rule import ROMAN, rule_label

from reports import engine
from reports.outline.markdown import escape_text, md_signatures, with_stamp
from reports.profile import pemda_heading, profile_for_year
from reports.signing import Signatory, signatory
from reports.stamp import Stamp
from reports.tables import OUTLINE, TOTAL_ROW, Table
from reports.text import as_markdown



def _quarter_cells(ind: Indicator, year: int, tw: int) -> list[str]:
    quarters = (ind.get("years", {}).get(str(year)) or {}).get("tw") or {}
    return [format_value(to_decimal(quarters.get(str(q)))) for q in range(1, tw + 1)]


def _indicator_columns(tw: int, year: int) -> list[str]:
    return ["Indikator Kinerja", "Satuan", f"Target {year}", *[f"TW {ROMAN[q]}" for q in range(tw)], "Aturan TW",
            f"Realisasi s.d. TW {ROMAN[tw - 1]}", f"Capaian s.d. TW {ROMAN[tw - 1]} (%)"]


def _indicator_cells(ind: Indicator, year: int, tw: int, settings: Settings) -> list[str]:
    c = engine.capaian_sd_tw(ind, year, tw, settings)
    return [ind["name"], ind["satuan"], format_value(c.target), *_quarter_cells(ind, year, tw),
            rule_label(engine.tw_rule_of(ind)), format_value(c.realisasi), format_percent(c.value)]


def tabel_sasaran(casc: Cascade, year: int, tw: int) -> Table:
    s = casc.meta["settings"]
    cols = ["No", "Sasaran", *_indicator_columns(tw, year), "Predikat"]
    t = Table("triwulan-sasaran", f"Capaian Kinerja Sasaran s.d. Triwulan {ROMAN[tw - 1]} Tahun {year}", cols,
              wide=True)
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for i, ind in enumerate(sasaran["indicators"]):
            c = engine.capaian_sd_tw(ind, year, tw, s)
            t.add([str(no) if i == 0 else "", sasaran["name"] if i == 0 else "",
                   *_indicator_cells(ind, year, tw, s), engine.predikat(c.value, s)], ind["id"])
    total = engine.instansi_capaian(casc, year, tw)
    t.add(["", "Rata-rata capaian kinerja sasaran", *[""] * (len(cols) - 4), format_percent(total),
           engine.predikat(total, s)])
    t.numeric = [False, False, False, False] + [True] * (tw + 1) + [False, True, True, False]
    return t


def tabel_kegiatan(casc: Cascade, year: int, tw: int) -> Table:
    s = casc.meta["settings"]
    cols = ["Kode", "Program/Kegiatan/Sub Kegiatan", *_indicator_columns(tw, year)]
    t = Table("triwulan-kegiatan", f"Kinerja Program, Kegiatan dan Sub Kegiatan s.d. Triwulan {ROMAN[tw - 1]} "
                                   f"Tahun {year}", cols, wide=True,
              empty="Belum ada indikator program, kegiatan atau sub kegiatan yang diisi.")
    for program in casc.of_level("program"):
        for node in [program, *casc.descendants(program["id"])]:
            for i, ind in enumerate(node["indicators"]):
                head = [node["code"], f"{LEVEL_LABELS[node['level']]}: {node['name']}"] if i == 0 else ["", ""]
                t.add([*head, *_indicator_cells(ind, year, tw, s)], ind["id"])
                # Bold programs, indented kegiatan and sub kegiatan, as in the budget table below it.
                t.outline.append(OUTLINE[node["level"]] if i == 0 else -1)
    t.outline_col = 1
    t.numeric = [False, False, False, False] + [True] * (tw + 1) + [False, True, True]
    return t


def tabel_anggaran(casc: Cascade, year: int, tw: int) -> Table:
    label = f"s.d. TW {ROMAN[tw - 1]}"
    cols = ["Kode", "Uraian", f"Pagu {year} (Rp)", f"Realisasi {label} (Rp)", f"Serapan {label} (%)"]
    t = Table("triwulan-anggaran", f"Realisasi Anggaran s.d. Triwulan {ROMAN[tw - 1]} Tahun {year}", cols)
    for program in casc.of_level("program"):
        for node in [program, *casc.descendants(program["id"])]:
            a = engine.anggaran_sd_tw(casc, node, year, tw)
            t.add([node["code"], node["name"], format_rupiah(a.pagu), format_rupiah(a.realisasi),
                   format_percent(a.serapan)], node["id"])
            t.outline.append(OUTLINE[node["level"]])
    total = engine.instansi_anggaran_sd_tw(casc, year, tw)
    t.add(["", "Jumlah", format_rupiah(total.pagu), format_rupiah(total.realisasi), format_percent(total.serapan)])
    t.outline.append(TOTAL_ROW)
    t.outline_col = 1
    t.numeric = [False, False, True, True, True]
    return t


@dataclass(frozen=True)
class LaporanTriwulan:
    year: int
    tw: int
    instansi: str
    pemda: str
    summary: str
    tables: tuple[Table, ...]
    place_date: str
    kepala: Signatory
    stamp: Stamp

    @property
    def title(self) -> str:
        return f"LAPORAN MONITORING DAN EVALUASI KINERJA TRIWULAN {ROMAN[self.tw - 1]} TAHUN {self.year}"


def _summary(casc: Cascade, year: int, tw: int, instansi: str) -> str:
    s = casc.meta["settings"]
    capaian = engine.instansi_capaian(casc, year, tw)
    a = engine.instansi_anggaran_sd_tw(casc, year, tw)
    kinerja = (f"rata-rata capaian kinerja sasaran {instansi} adalah {format_percent(capaian)}% "
               f"(predikat {engine.predikat(capaian, s)})" if capaian is not None
               else f"capaian kinerja sasaran {instansi} belum dapat dihitung (realisasi triwulan belum diisi)")
    uang = (f"realisasi anggaran {format_rupiah(a.realisasi)} dari pagu {format_rupiah(a.pagu)} (serapan "
            f"{format_percent(a.serapan)}%)" if a.realisasi is not None
            else "realisasi anggaran per triwulan belum diisi")
    return f"Sampai dengan triwulan {ROMAN[tw - 1]} tahun {year}, {kinerja}; {uang}."


def build(casc: Cascade, year: int, tw: int, stamp: Stamp) -> LaporanTriwulan:
    p = profile_for_year(casc, year)
    instansi = p.get("instansi", "")
    kepala = signatory(p, "kepala")
    place_date = f"{p.get('tempat', '').strip() or '.' * 20}, {'.' * 24} {year}"
    tables = (tabel_sasaran(casc, year, tw), tabel_kegiatan(casc, year, tw), tabel_anggaran(casc, year, tw))
    return LaporanTriwulan(year, tw, instansi, p.get("pemda", ""), _summary(casc, year, tw, instansi), tables,
                           place_date, kepala, stamp)


def render_md(report: LaporanTriwulan) -> str:
    heads = [f"**{escape_text(h)}**" for h in (pemda_heading(report.pemda), report.instansi.upper()) if h]
    parts = [f"# {escape_text(report.title)}", *heads, escape_text(report.summary),
             *(as_markdown(t).rstrip("\n") for t in report.tables),
             *md_signatures(report.place_date, [report.kepala])]
    return with_stamp("\n\n".join(parts) + "\n", report.stamp)


def render_docx(report: LaporanTriwulan) -> bytes:
    from reports.docx.doc import ShortDocument

    # Landscape: the quarter columns make the indicator tables wide.
    d = ShortDocument(title=f"{report.title} {report.instansi}", author=report.instansi, stamp=report.stamp,
                      landscape=True)
    d.centered(report.title, size=13, after=4)
    for head in (pemda_heading(report.pemda), report.instansi.upper()):
        if head:
            d.centered(head, size=12)
    d.text("")
    d.text(report.summary)
    for table in report.tables:
        d.table(table)
    d.signatures(report.place_date, [report.kepala])
    return d.to_bytes()
