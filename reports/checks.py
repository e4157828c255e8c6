"""Consistency checks: what an operator should fix before the draft goes to the head of office.

Each finding names the node or indicator and says what to do. Errors make `lkjip check` exit 1: they would put a
figure in the report that does not follow from the data, or no figure where one is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from store.domain.cascade import Cascade
from store.domain.refs import NARRATIVE_PREFIX
from store.domain.model import (ANALYSIS_POINTS, BUDGET_LEVELS, NARRATIVE_SECTIONS, Indicator, Narrative, Node,
                                analysis_key, text_for, text_year)

from store.text.numbers import format_rupiah, format_value
from store.domain.tw_rule import KUMULATIF, roman, rule_label

from . import engine, plausibility, renaksi_figures

ERROR, WARNING, INFO = "galat", "peringatan", "info"


@dataclass(frozen=True)
class Finding:
    severity: str
    ref: str  # the node or indicator id the finding is about; the TUI jumps there
    field: str  # the field at fault, for the jump ("" when none)
    message: str

    def line(self, shown_ref: str | None = None) -> str:
        """One line of `lkjip check`; `shown_ref`: the REF as the operator names it (store.domain.refs.public_ref)."""
        return f"[{self.severity}] {shown_ref or self.ref}: {self.message}"


def run(casc: Cascade, year: int) -> list[Finding]:
    out: list[Finding] = []
    settings = casc.meta["settings"]
    lock = casc.meta.get("locks", {}).get(str(year))
    if lock:
        out.append(Finding(INFO, "tahun", "", f"Tahun {year} dikunci oleh {lock['by']} pada {lock['at']}; "
                                              f"perubahan ditolak sampai kuncinya dibuka."))
    for node, _ in casc.walk():
        label = casc.label(node)
        if node["level"] == "sasaran" and not node["indicators"]:
            out.append(Finding(ERROR, node["id"], "", f"Sasaran \u201c{label}\u201d belum punya indikator; "
                                                      f"tambahkan indikator kinerjanya."))
        for ind in node["indicators"]:
            where = f"indikator \u201c{ind['name']}\u201d ({label})"
            if not ind.get("satuan", "").strip():
                out.append(Finding(WARNING, ind["id"], "satuan", f"{where} belum punya satuan; isi satuannya."))
            if ind.get("arah") not in ("positif", "negatif"):
                out.append(Finding(WARNING, ind["id"], "arah", f"{where} belum punya arah; pilih positif atau "
                                                               f"negatif."))
            target = engine.target_of(ind, year)
            realisasi = engine.realisasi_of(ind, year)
            if target is None and realisasi is None:
                # One finding, not two: an indicator nobody has filled in yet is one thing to do.
                out.append(Finding(WARNING, ind["id"], "target", f"Target dan realisasi {year} {where} belum diisi."))
            elif target is None:
                out.append(Finding(WARNING, ind["id"], "target", f"Target {year} {where} belum diisi."))
            elif target == 0:
                out.append(Finding(ERROR, ind["id"], "target", f"Target {year} {where} nol: capaian tidak "
                                                               f"dapat dihitung; periksa targetnya."))
            quarter_findings = _quarter_findings(ind, year, where)
            out += quarter_findings
            if realisasi is None and target is not None and not quarter_findings:
                out.append(Finding(WARNING, ind["id"], "realisasi", f"Realisasi {year} {where} belum diisi"
                                                                    f"{_so_far(ind, year)}."))
            elif ind.get("arah") == "negatif" and engine.negatif_rumus_of(ind, settings) == "T/R" \
                    and realisasi == 0 and engine.negatif_nol_of(settings) is None:
                out.append(Finding(ERROR, ind["id"], "realisasi", f"Realisasi {year} {where} nol dengan rumus T/R: "
                                                                  f"capaian tidak terdefinisi."))
            for doubt in plausibility.indicator_doubts(ind, year, settings):
                # Flagged, never blocked: a peringatan, so `lkjip check` still exits 0 for these alone.
                out.append(Finding(WARNING, ind["id"], doubt.field, f"{where}: {doubt.reason}; periksa angkanya."))
        if node["level"] in BUDGET_LEVELS:
            out += _budget_findings(casc, node, year, label)
    out += pagu_pk_findings(casc, year)
    out += renaksi_findings(casc, year)
    if not lock:
        out += narrative_findings(casc, year) + analysis_findings(casc, year)
    return out


def _unwritten(section: Narrative | None, year: int) -> str | None:
    """What the signed copy of `year` would do unasked with a section: "kosong" (nothing written), the year whose
    text it borrows (a year without its own text shows an earlier one's; the draft says so in a note, the signed copy
    prints it as it is), or None: written for this year."""
    if section is None or not text_for(section, year).strip():
        return "kosong"
    source = text_year(section, year)
    return source if source != str(year) else None


def _borrowed(source: str) -> str:
    return f"masih teks tahun {source}; salinan final mencetaknya tanpa catatan."


def narrative_findings(casc: Cascade, year: int) -> list[Finding]:
    """For a year not yet locked: each section of the report's text still empty, since the signed copy prints its
    heading alone (the draft's "[Narasi … belum diisi.]" is for reviewers), or another year's. Named by the REF
    that writes it."""
    out = []
    for key, title in NARRATIVE_SECTIONS:
        section = casc.narrative.get(key)
        state = _unwritten(section, year)
        if state is None:
            continue
        title = (section["title"] if section else "") or title
        tail = "masih kosong; salinan final tidak mencetaknya." if state == "kosong" else _borrowed(state)
        out.append(Finding(WARNING, NARRATIVE_PREFIX + key, "", f"Narasi \u201c{title}\u201d tahun {year} {tail}"))
    return out


def analysis_findings(casc: Cascade, year: int) -> list[Finding]:
    """For a year not yet locked: each analysis point written by people (store.domain.model.ANALYSIS_POINTS) still empty,
    since the signed copy leaves it out, or another year's."""
    out = []
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for n, (suffix, title) in enumerate(ANALYSIS_POINTS):
            if suffix is None:
                continue
            state = _unwritten(casc.narrative.get(analysis_key(sasaran["id"], suffix)), year)
            if state is None:
                continue
            if state == "kosong":
                # The efficiency point opens with its figures, written or not (reports.outline.document._seven_points).
                fate = "hanya mencetak angkanya" if suffix == "efisiensi" else "tidak mencetaknya"
                tail = f"masih kosong; salinan final {fate}."
            else:
                tail = _borrowed(state)
            out.append(Finding(WARNING, sasaran["id"], "", f"Analisis sasaran {no} butir {'abcdefg'[n]} "
                                                           f"({title}) tahun {year} {tail}"))
    return out


def renaksi_findings(casc: Cascade, year: int) -> list[Finding]:
    """The Rencana Aksi's quarterly targets against the year's target, by the quarter rule
    (reports.renaksi_figures.target_gap): a peringatan, the operator decides which figure is right."""
    out = []
    for node, _ in casc.walk():
        for ind in node["indicators"]:
            gap = renaksi_figures.target_gap(ind, year)
            if gap is None:
                continue
            where = f"indikator \u201c{ind['name']}\u201d ({casc.label(node)})"
            if gap.rule == KUMULATIF:
                filled = [roman(q) for q in renaksi_figures.QUARTERS
                          if renaksi_figures.target_tw(ind, year, q) is not None]
                what = (f"target TW {', '.join(filled)} (kumulatif) berjumlah {format_value(gap.made)}, bukan "
                        f"target tahun {year} {format_value(gap.year_target)}")
            else:
                what = (f"target TW IV (nilai akhir) {format_value(gap.made)} berbeda dari target tahun {year} "
                        f"{format_value(gap.year_target)}")
            out.append(Finding(WARNING, ind["id"], "target-tw4" if gap.rule != KUMULATIF else "target-tw1",
                               f"Rencana aksi {where}: {what}; periksa target triwulannya."))
    return out


def pagu_pk_findings(casc: Cascade, year: int) -> list[Finding]:
    """The PK prints the pagu where Pagu PK is empty (engine.PaguPK): said per node, never silently. A Pagu PK
    typed on a parent whose rincian have their own is not the one printed: said where they differ."""
    out = [Finding(WARNING, ref, "pagu-pk",
                   f"Pagu PK kosong: PK memakai pagu {casc.label(casc.nodes[ref])} tahun {year} "
                   f"({format_rupiah(pagu)}); isi Pagu PK bila PK yang ditandatangani memuat angka lain.")
           for ref, pagu in engine.instansi_pagu_pk(casc, year).from_pagu]
    for node, _ in casc.walk():
        entered = (node.get("budget", {}).get(str(year)) or {}).get("pagu_pk")
        kids = casc.kids(node["id"])
        if entered is None or not any(engine.budget_figure(casc, k, year, "pagu_pk") is not None for k in kids):
            continue
        pk = engine.pagu_pk(casc, node, year).value
        if pk != entered:
            out.append(Finding(ERROR, node["id"], "pagu-pk",
                               f"Pagu PK {year} yang diketik pada {casc.label(node)} ({format_rupiah(entered)}) "
                               f"berbeda dari PK rinciannya ({format_rupiah(pk)}); PK memakai rinciannya, perbaiki "
                               f"atau kosongkan angka induknya."))
    return out


def _quarter_findings(ind: Indicator, year: int, where: str) -> list[Finding]:
    """The year's realisasi against its quarters: quarters no rule combines (galat: no figure where one is due),
    and a typed year value the four quarters contradict (peringatan: the typed one is reported, the operator
    decides which is right)."""
    r = engine.realisasi_tahun(ind, year)
    if r.needs_rule:
        satuan = ind.get("satuan", "").strip()
        unit = f"satuan \u201c{satuan}\u201d" if satuan else "tanpa satuan"
        return [Finding(ERROR, ind["id"], "realisasi",
                        f"Aturan TW {where} belum dipilih ({unit}): realisasi triwulannya tidak dijumlahkan "
                        f"dan tidak diambil yang terakhir; pilih aturan TW kumulatif atau nilai akhir.")]
    if r.disagrees:
        return [Finding(WARNING, ind["id"], "realisasi",
                        f"Realisasi {year} {where} diketik {format_value(r.typed)}, tetapi TW I\u2013IV "
                        f"({rule_label(r.rule)}) memberi {format_value(r.from_quarters)}; laporan tahunan memakai "
                        f"{format_value(r.typed)}; periksa angkanya.")]
    return []


def _so_far(ind: Indicator, year: int) -> str:
    """Why a year with quarters has no realisasi yet: TW IV is not filled."""
    quarters = engine.quarters_of(ind, year)
    if not quarters:
        return ""
    return (f" (triwulan terisi s.d. TW {roman(max(quarters))}; realisasi tahunan mengikuti triwulan setelah TW IV "
            f"diisi)")


def _budget_findings(casc: Cascade, node: Node, year: int, label: str) -> list[Finding]:
    out: list[Finding] = []
    a = engine.anggaran(casc, node, year)
    if a.pagu is not None and a.realisasi is not None and a.realisasi > a.pagu:
        out.append(Finding(ERROR, node["id"], "realisasi-anggaran",
                           f"Realisasi anggaran {year} {label} ({format_rupiah(a.realisasi)}) melebihi pagu "
                           f"({format_rupiah(a.pagu)}); periksa kedua angka."))
    quarters = engine.realisasi_anggaran_quarters(casc, node, year)
    filled = [q for q in quarters if q is not None]
    if (not casc.kids(node["id"]) and len(filled) == len(quarters) and a.realisasi is not None
            and sum(filled) != a.realisasi):
        out.append(Finding(WARNING, node["id"], "realisasi-anggaran",
                           f"Realisasi anggaran TW I\u2013IV {year} {label} berjumlah {format_rupiah(sum(filled))}, "
                           f"berbeda dari realisasi tahunnya ({format_rupiah(a.realisasi)}); periksa angkanya."))
    if casc.kids(node["id"]):
        own: Mapping[str, Any] = node.get("budget", {}).get(str(year)) or {}
        for key, field, what in (("pagu", "pagu", "Pagu"), ("realisasi", "realisasi-anggaran", "Realisasi")):
            entered = own.get(key)
            summed = _children_sum(casc, node, year, key)
            if entered is not None and summed is not None and entered != summed:
                out.append(Finding(ERROR, node["id"], field,
                                   f"{what} {year} yang diketik pada {label} ({format_rupiah(entered)}) berbeda "
                                   f"dari jumlah rinciannya ({format_rupiah(summed)}); laporan memakai jumlah "
                                   f"rincian, perbaiki atau kosongkan angka induknya."))
    return out


def _children_sum(casc: Cascade, node: Node, year: int, key: str) -> int | None:
    values = [engine.budget_figure(casc, k, year, key) for k in casc.kids(node["id"])]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
