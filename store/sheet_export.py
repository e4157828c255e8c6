"""What goes into the spreadsheet: the template's empty sheets and a workbook's export, as plain rows.

The rows are values only (text, int, float, None); store.xlsx_io turns them into an .xlsx file. An export also
writes a hidden sheet "asal" listing, for every editable cell, the value lkjip held when it exported: an import
compares the operator's cell with it, and applies the change as an edit whose `old` is that value, so that a value
someone changed in lkjip meanwhile is refused rather than overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import orjson

from .cascade import Cascade
from .fields import Holder, get_value, spec_of
from .model import BUDGET_LEVELS, YEARS_BEFORE, Meta, Node
from .numbers import format_exact
from .sheet_layout import (
    ANGGARAN, ASAL, ATURAN_TW_SHOWN, KASKADE, LEVEL_WORDS, PETUNJUK, PROFIL, PROFIL_ROWS, Column, anggaran_columns,
    kaskade_columns,
)
from .tw_rule import DEFAULTS_TEXT

PETUNJUK_LINES = (
    "PETUNJUK PENGISIAN LEMBAR KERJA LKjIP",
    "",
    "1. Lembar Profil: isi Instansi, Pemerintah Daerah, Periode Renstra (mis. 2025-2029) dan Tahun Laporan.",
    "2. Lembar Kaskade: satu baris untuk setiap Tujuan, Sasaran, Program, Kegiatan dan Sub Kegiatan, berurutan dari "
    "atas ke bawah seperti matriks Renstra (T-C.27): Tujuan, di bawahnya Sasaran, lalu Program, Kegiatan dan Sub "
    "Kegiatannya. Salin dari berkas Renstra kantor Anda.",
    "3. Kolom Tingkat: Tujuan, Sasaran, Program, Kegiatan, Sub Kegiatan atau Indikator. Induk sebuah baris adalah "
    "baris terdekat di atasnya yang tingkatnya lebih tinggi, dan tingkat itu harus tepat satu di atasnya (Sasaran di "
    "bawah Tujuan, Program di bawah Sasaran, Kegiatan di bawah Program, Sub Kegiatan di bawah Kegiatan).",
    "4. Indikator pertama ditulis pada baris simpulnya sendiri (kolom Indikator). Indikator berikutnya dari simpul "
    "yang sama ditulis pada baris di bawahnya dengan Tingkat \u201cIndikator\u201d (boleh dikosongkan), Kode dan Nama "
    "kosong.",
    "5. Kode wajib untuk Program (mis. 7.01.02), Kegiatan (7.01.02.2.02) dan Sub Kegiatan (7.01.02.2.02.0003) dan "
    "harus diawali kode induknya; Tujuan dan Sasaran boleh tanpa kode. Bila Excel mengubah kode menjadi angka, ketik "
    "dengan tanda petik di depannya ('7.01).",
    "6. Angka: ketik seperti biasa (82,08 atau 82.08; 3.247.636.481). Sel kosong berarti belum diisi, bukan nol. "
    "Satu titik dengan tepat tiga angka di belakangnya (82.125) ditolak karena bisa dibaca dua cara: ketik 82,125 "
    "atau 82125.",
    "7. Arah: positif (makin tinggi makin baik) atau negatif (makin rendah makin baik); kosong dibaca positif. "
    "Rumus Negatif: 2T-R atau T/R (kosong: pengaturan buku kerja). Aturan TW: kumulatif (triwulan dijumlahkan) atau "
    f"nilai akhir (triwulan terakhir); {DEFAULTS_TEXT}. Realisasi tahunan yang diketik selalu dipakai; tanpa itu "
    "realisasi tahunan dihitung dari triwulan setelah TW IV diisi. Definisi Operasional, Sumber Data dan Jenis "
    "Indikator (outcome atau output; kosong: outcome untuk Tujuan, Sasaran dan Program, output untuk Kegiatan dan "
    "Sub Kegiatan) dicetak dalam dokumen IKU.",
    "8. Lembar Anggaran: satu baris per Program, Kegiatan atau Sub Kegiatan, dikenali dari Kode (atau ID Simpul). "
    "Isi Pagu pada baris Sub Kegiatan: jumlah Kegiatan dan Program dihitung sendiri. Pagu PK (pagu awal dalam "
    "Perjanjian Kinerja) biasanya pada baris Program. Rupiah utuh, tanpa sen.",
    "9. Impor: `lkjip import BERKAS.xlsx BUKU-KERJA.json --dry-run` menampilkan apa yang akan dibuat atau diubah "
    "tanpa menulis apa pun; ulangi tanpa --dry-run untuk menyimpan. Buku kerja baru dibuat bila belum ada; buku "
    "kerja dari `lkjip init` yang belum berisi cascade diisi. Setiap kesalahan disebut dengan lembar, baris "
    "dan kolomnya, dan tidak ada yang ditulis sebelum semuanya benar.",
    "10. Berkas ekspor (`lkjip export BUKU-KERJA.json --format xlsx --year TAHUN -o BERKAS.xlsx`) berisi juga "
    "Realisasi, TW I\u2013IV dan Realisasi Anggaran tahun itu untuk diisi Seksi. Jangan ubah kolom ID dan lembar "
    "tersembunyi \u201casal\u201d: dengannya lkjip mengenali setiap baris dan menolak sel yang sudah diubah di "
    "lkjip sejak berkas diekspor (kedua nilainya ditampilkan). ID Simpul dan ID Indikator adalah penanda internal "
    "lkjip, bukan kode: setelah simpul dipindah, isinya bisa tampak seperti kode lamanya; kode yang berlaku ada di "
    "kolom Kode.",
    "11. Baris yang ditambah atau dihapus pada berkas ekspor tidak diimpor ke buku kerja yang sudah ada: ubah "
    "susunan cascade di lkjip sendiri, lalu ekspor lagi.",
    "12. CSV (pemisah koma atau titik koma, UTF-8) hanya memuat lembar Kaskade: tanpa Profil (periode diambil dari "
    "kolom Target), tanpa Anggaran dan tanpa lembar asal.",
)


@dataclass
class SheetOut:
    name: str
    columns: list[Column] | None  # None: a sheet of free lines (Petunjuk) or label/value pairs (Profil, asal)
    rows: list[list[object]] = field(default_factory=list)
    hidden: bool = False


def number_cell(stored: object) -> object:
    """An indicator value as a spreadsheet cell: a number when the spreadsheet's 15 digits hold it exactly (so the
    import reads the same digits back), otherwise Indonesian text with every digit."""
    if stored in (None, ""):
        return None
    d = Decimal(str(stored))
    if d == d.to_integral_value() and abs(d) < 10**15:
        return int(d)
    as_float = float(d)
    return as_float if Decimal(format(as_float, ".15g")) == d else format_exact(d)  # read as store.xlsx_io reads


def _choice_cell(key: str, value: object) -> object:
    if value in (None, ""):
        return None
    return ATURAN_TW_SHOWN.get(str(value), value) if key == "aturan-tw" else value


def _years(meta: Meta) -> list[int]:
    return list(range(int(meta["periode_awal"]), int(meta["periode_akhir"]) + 1))


def template_book(awal: int, akhir: int, tahun: int) -> list[SheetOut]:
    years = list(range(awal, akhir + 1))
    profil: list[list[object]] = [["Instansi", None], ["Pemerintah Daerah", None],
                                  ["Periode Renstra", f"{awal}-{akhir}"], ["Tahun Laporan", tahun]]
    return [
        SheetOut(PETUNJUK, None, [[line] for line in PETUNJUK_LINES]),
        SheetOut(PROFIL, None, [["Isian", "Nilai"], *profil]),
        SheetOut(KASKADE, kaskade_columns(years)),
        SheetOut(ANGGARAN, anggaran_columns(years)),
    ]


class _Asal:
    """The exported values, one row per node or indicator: its id and a JSON object of "field" or "field@year" to
    the stored value (one cell per record rather than per value keeps a kabupaten's export small and fast)."""

    def __init__(self, revision: int) -> None:
        self.revision = revision
        self.values: dict[str, dict[str, object]] = {}

    def add(self, ref: str, field_name: str, year: int | None, value: object) -> None:
        self.values.setdefault(ref, {})[f"{field_name}@{year}" if year is not None else field_name] = value

    @property
    def rows(self) -> list[list[object]]:
        rows: list[list[object]] = [["revisi", self.revision]]
        rows += ([ref, orjson.dumps(v).decode()] for ref, v in self.values.items())
        return rows


def _cell(col: Column, container: Holder, asal: _Asal, ref: str) -> object:
    spec = spec_of(col.key)
    value = get_value(container, spec, col.year)
    asal.add(ref, col.key, col.year, value)
    if col.kind == "number":
        return number_cell(value)
    if col.kind == "choice":
        return _choice_cell(col.key, value)
    return value if value not in ("", None) else None


def _filled_years(slots: Iterable[tuple[Mapping[str, object], str]]) -> set[int]:
    """Years in which any of the (per-year dict, key) pairs holds a value."""
    return {int(y) for per_year, k in slots for y, slot in per_year.items()
            if isinstance(slot, dict) and slot.get(k) not in (None, "")}


def related_text(casc: Cascade, refs: list[str]) -> str:
    """A sasaran's budget_refs as the operator reads them: codes (ids where a node has none), "; " between."""
    return "; ".join((casc.nodes[r]["code"] or r) if r in casc.nodes else r for r in refs)


def _related(casc: Cascade, node: Node, asal: _Asal) -> object:
    refs = list(node.get("budget_refs") or [])
    asal.add(node["id"], "anggaran-terkait", None, refs)
    return related_text(casc, refs) or None


def export_book(casc: Cascade, year: int) -> list[SheetOut]:
    meta = casc.meta
    years = _years(meta)
    asal = _Asal(int(meta.get("revision", 0)))
    profile = meta["profile"]
    profil: list[list[object]] = [["Isian", "Nilai"]]
    for key, label in PROFIL_ROWS:
        if key in ("instansi", "pemda"):
            asal.add("profil", key, None, profile.get(key, ""))
            profil.append([label, profile.get(key) or None])
    profil += [["Periode Renstra", f"{years[0]}-{years[-1]}"], ["Tahun Laporan", int(meta["tahun"])]]

    low, high = years[0] - YEARS_BEFORE, years[-1]
    kcols = kaskade_columns(years, year, _filled_years(
        (ind.get("years", {}), "realisasi") for _, ind in casc.indicators.values()) & set(range(low, high + 1)))
    kaskade: list[list[object]] = []
    for node, _ in casc.walk():
        for i, ind in enumerate(node["indicators"] or [None]):
            row: list[object] = []
            for col in kcols:
                if col.key == "tingkat":
                    row.append(LEVEL_WORDS[node["level"] if i == 0 else "indikator"])
                elif col.key == "anggaran-terkait":
                    row.append(_related(casc, node, asal) if i == 0 else None)
                elif col.key in ("kode", "nama", "unit"):
                    row.append(_cell(col, node, asal, node["id"]) if i == 0 else None)
                elif col.key == "id-simpul":
                    row.append(node["id"] if i == 0 else None)
                elif col.key == "id-indikator":
                    row.append(ind["id"] if ind else None)
                else:
                    row.append(_cell(col, ind, asal, ind["id"]) if ind else None)
            kaskade.append(row)

    acols = anggaran_columns(years, year, _filled_years(
        (n.get("budget", {}), "realisasi") for n in casc.nodes.values()) & set(range(low, high + 1)))
    anggaran: list[list[object]] = []
    for node, _ in casc.walk():
        if node["level"] not in BUDGET_LEVELS:
            continue
        row = []
        for col in acols:
            if col.key == "kode":
                row.append(node["code"] or None)
            elif col.key == "label":
                row.append(node["name"] or None)
            elif col.key == "id-simpul":
                row.append(node["id"])
            else:
                row.append(_cell(col, node, asal, node["id"]))
        anggaran.append(row)

    return [
        SheetOut(PETUNJUK, None, [[line] for line in PETUNJUK_LINES]),
        SheetOut(PROFIL, None, profil),
        SheetOut(KASKADE, kcols, kaskade),
        SheetOut(ANGGARAN, acols, anggaran),
        SheetOut(ASAL, None, asal.rows, hidden=True),
    ]
