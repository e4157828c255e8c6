"""The LKjIP draft as an ordered, format-neutral outline.

The order is that of PermenPAN-RB 53/2014 (docs/RULES.md). Both renderers walk the same outline, so the Markdown
and the Word draft hold the same headings, sentences and tables; only the typesetting differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from store.domain.cascade import Cascade
from store.domain.model import ANALYSIS_POINTS, Node, analysis_key, profile_for, text_for, text_year

from . import sentences
from reports import tables as T
from reports.profile import pemda_heading
from reports.signing import Signatory, signatory
from reports.stamp import Stamp, stamp_for

REPORT_TITLE = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)"


@dataclass(frozen=True)
class Cover:
    title: str
    instansi: str
    pemda: str
    year: int


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = BAB, 2 = section, 3 = sub-section
    new_page: bool = False
    in_contents: bool = True


@dataclass(frozen=True)
class Paragraph:
    """Plain text (never Markdown): the renderers escape it."""

    text: str
    note: bool = False  # an editor's note such as a missing narrative: set apart (italic)


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    ordered: bool = True


@dataclass(frozen=True)
class Narrative:
    """An operator's Markdown section; its own headings sit below `level`."""

    key: str
    markdown: str
    level: int


@dataclass(frozen=True)
class TableBlock:
    table: T.Table


@dataclass(frozen=True)
class Contents:
    entries: tuple[Heading, ...]


@dataclass(frozen=True)
class Signature:
    """One signature block on the right half of the page, under the place and date (reports.signing)."""

    place_date: str
    signer: Signatory


Block = Cover | Heading | Paragraph | Items | Narrative | TableBlock | Contents | Signature


@dataclass
class Report:
    title: str
    instansi: str
    year: int
    revision: int
    exported: datetime
    stamp: Stamp
    blocks: list[Block] = field(default_factory=list)


class _Builder:
    def __init__(self, casc: Cascade, year: int, *, final: bool = False) -> None:
        self.casc = casc
        self.year = year
        self.final = final  # the signed copy: an analysis point or a section nobody wrote prints nothing
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def heading(self, text: str, level: int, *, new_page: bool = False, in_contents: bool = True) -> None:
        self.add(Heading(text, level, new_page, in_contents))

    def written(self, key: str) -> bool:
        section = self.casc.narrative.get(key)
        return bool(section and text_for(section, self.year).strip())

    def narrative(self, key: str, level: int) -> None:
        section = self.casc.narrative.get(key)
        text = text_for(section, self.year) if section else ""
        source = text_year(section, self.year) if section else None
        if text.strip():
            if source != str(self.year) and not self.final:
                # A year without its own text shows another year's as a draft: the reviewers must see which. The
                # signed copy prints it as it is (`lkjip check` named it while the year was open).
                self.add(Paragraph(f"[Teks ini masih teks tahun {source}; perbarui untuk tahun {self.year}.]",
                                   note=True))
            self.add(Narrative(key, text, level))
        elif not self.final:
            # A draft goes to reviewers: an empty section should be visible as such, not silently skipped. The signed
            # copy prints the heading alone; `lkjip check` lists the section before the year is locked.
            title = (section["title"] if section else "") or key
            self.add(Paragraph(f"[Narasi \u201c{title}\u201d belum diisi.]", note=True))

    def table(self, table_id: str) -> None:
        self.add(TableBlock(T.build(self.casc, self.year, table_id)))


def _place_date(p: dict[str, Any], key: str, year: int) -> str:
    tempat = p.get("tempat", "").strip() or "." * 20
    return f"{tempat}, {p.get(key, '').strip() or '.' * 24 + f' {year}'}"


def _signature(casc: Cascade, year: int) -> Signature:
    p = profile_for(casc.meta, year)
    return Signature(_place_date(p, "tanggal", year + 1), signatory(p, "kepala"))


REVIU_TEXT = (
    "Kami telah mereviu Laporan Kinerja {instansi} untuk tahun anggaran {year} sesuai Pedoman Reviu atas Laporan "
    "Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {instansi}.",
    "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan secara akurat, andal "
    "dan valid.",
    "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan "
    "informasi yang disajikan di dalam laporan kinerja ini.",
)


def _review_statement(b: _Builder, profile: dict[str, Any], year: int) -> None:
    """The "Pernyataan Telah Direviu" of PermenPAN-RB 53/2014, signed by the Inspektur (APIP) after the review:
    the Inspektur's name, pangkat, NIP and the review date come from the year's profile, dotted while empty."""
    instansi = profile.get("instansi", "").strip() or "." * 24
    b.heading("PERNYATAAN TELAH DIREVIU", 1, new_page=True)
    b.add(*(Paragraph(t.format(instansi=instansi, year=year)) for t in REVIU_TEXT))
    # "INSPEKTUR KABUPATEN SAMPANG", also from a pemda entered as "Pemerintah Kabupaten Sampang".
    pemda = pemda_heading(profile.get("pemda", "")).removeprefix("PEMERINTAH").strip()
    jabatan = f"INSPEKTUR {pemda}" if pemda else "INSPEKTUR"
    inspektur = Signatory(jabatan, profile.get("inspektur_nama", ""), profile.get("inspektur_pangkat", ""),
                          profile.get("inspektur_nip", ""))
    b.add(Signature(_place_date(profile, "tanggal_reviu", year + 1), inspektur))


def _seven_points(b: _Builder, no: int, s: Node) -> None:
    """The analysis of one sasaran in the seven points of PermenPAN-RB 53/2014 (store.domain.model.ANALYSIS_POINTS): the
    first three and the figures of the sixth from the data, the rest written by people. In the signed copy a point
    with nothing to say is left out whole; a draft shows it with its note, for the reviewers."""
    casc, year = b.casc, b.year
    data = {0: [sentences.capaian_sasaran(casc, no, s, year)], 1: sentences.tahun_sebelumnya(casc, s, year),
            2: sentences.kemajuan(casc, year, s), 5: [sentences.anggaran_sasaran(casc, s, year)]}
    shown = 0  # the points printed are lettered a, b, c… in turn: the signed copy skips none
    for n, (suffix, title) in enumerate(ANALYSIS_POINTS):
        key = analysis_key(s["id"], suffix) if suffix is not None else None
        written = key is not None and b.written(key)
        if b.final and not data.get(n) and not written:
            continue
        b.heading(f"{'abcdefg'[shown]}. {title}", 4)
        shown += 1
        b.add(*(Paragraph(t) for t in data.get(n, [])))
        if key is not None and (written or not b.final):
            b.narrative(key, 4)


def build(casc: Cascade, year: int, *, revision: int, exported: datetime, draf: bool = False) -> Report:
    profile = profile_for(casc.meta, year)
    stamp = stamp_for(casc.meta, year, revision=revision, exported=exported, draf=draf)
    b = _Builder(casc, year, final=not stamp.draft)
    sasaran = casc.of_level("sasaran")

    b.add(Cover(REPORT_TITLE, profile.get("instansi", ""), pemda_heading(profile.get("pemda", "")), year))

    b.heading("KATA PENGANTAR", 1, new_page=True)
    b.narrative("kata_pengantar", 1)
    b.add(_signature(casc, year))

    _review_statement(b, profile, year)

    b.heading("IKHTISAR EKSEKUTIF", 1, new_page=True)
    b.narrative("ikhtisar", 1)
    b.add(Paragraph(sentences.pengantar_capaian(casc, year)),
          Items(tuple(sentences.capaian_semua_sasaran(casc, year))),
          Paragraph(sentences.capaian_instansi(casc, year)))

    b.heading("DAFTAR ISI", 1, new_page=True, in_contents=False)
    contents_at = len(b.blocks)

    b.heading("BAB I PENDAHULUAN", 1, new_page=True)
    b.heading("A. Umum", 2)
    b.narrative("bab1_umum", 2)
    b.heading("B. Tugas, Fungsi dan Struktur Organisasi", 2)
    b.narrative("bab1_tugas", 2)
    b.heading("C. Isu Strategis", 2)
    b.narrative("bab1_isu", 2)
    b.table("1.1")
    b.heading("D. Cascading Kinerja", 2)
    b.add(Paragraph("Keterhubungan tujuan, sasaran, program, kegiatan dan sub kegiatan beserta indikatornya "
                    "disajikan pada tabel berikut."))
    b.table("1.2")

    b.heading("BAB II PERENCANAAN KINERJA", 1, new_page=True)
    b.heading("A. Rencana Strategis", 2)
    b.narrative("bab2_renstra", 2)
    b.table("2.1")
    b.table("2.2")
    b.heading(f"B. Perjanjian Kinerja Tahun {year}", 2)
    b.narrative("bab2_pk", 2)
    b.add(Paragraph(sentences.anggaran_pk(casc, year)))
    b.table("pk")
    b.table("pk-anggaran")

    b.heading("BAB III AKUNTABILITAS KINERJA", 1, new_page=True)
    b.heading(f"A. Capaian Kinerja Organisasi Tahun {year}", 2)
    b.narrative("bab3_capaian", 2)
    b.add(Paragraph(sentences.capaian_instansi(casc, year)))
    b.table("3.1")
    for no, s in enumerate(sasaran, start=1):
        b.heading(f"Sasaran {no}: {s['name']}", 3)
        _seven_points(b, no, s)
    b.add(Paragraph(f"Realisasi kinerja tahun {year} dibandingkan dengan tahun-tahun sebelumnya disajikan pada "
                    f"tabel berikut."))
    b.table("3.2")
    b.table("3.3")
    kemajuan = sentences.kemajuan(casc, year)
    if kemajuan:
        b.add(Items(tuple(kemajuan), ordered=False))
    b.table("3.4")
    b.table("3.5")
    b.heading(f"B. Realisasi Anggaran Tahun {year}", 2)
    b.add(Paragraph(sentences.anggaran_instansi(casc, year)))
    if pk_note := sentences.pk_dan_pagu(casc, year):
        b.add(Paragraph(pk_note))
    b.narrative("bab3_anggaran", 2)
    b.table("anggaran")

    b.heading("BAB IV PENUTUP", 1, new_page=True)
    b.narrative("bab4_penutup", 1)
    b.add(_signature(casc, year))

    b.heading("LAMPIRAN", 1, new_page=True)
    b.heading(f"Lampiran 1. Perjanjian Kinerja Tahun {year}", 2)
    b.table("pk")
    b.table("pk-anggaran")
    b.heading(f"Lampiran 2. Pengukuran Kinerja Kegiatan Tahun {year}", 2, new_page=True)
    b.add(TableBlock(T.tabel_lampiran_kegiatan(casc, year)))

    entries = tuple(h for h in b.blocks if isinstance(h, Heading) and h.in_contents)
    b.blocks.insert(contents_at, Contents(entries))
    return Report(REPORT_TITLE, profile.get("instansi", ""), year, revision, exported, stamp, b.blocks)
