"""The spreadsheet layout of a workbook, in one place: sheet names, columns and their Indonesian headers.

The template (`lkjip template`), the export (`lkjip export --format xlsx`) and the import of .xlsx and .csv files all
read their columns from here, so a header written by one is always understood by the other. A column names the
field of store.domain.fields that its cells edit (`target`, `satuan`, `pagu` …) and, for yearly fields, the year: the
header "Target 2023" is the field `target` of 2023. The layout follows the office's own Renstra matrix (Permendagri
86/2017, T-C.27): one row per tujuan, sasaran, program, kegiatan and sub kegiatan, carrying its first indicator;
further indicators of the same node on the rows below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.domain.model import LEVEL_LABELS, LEVELS

PROFIL, KASKADE, ANGGARAN, PETUNJUK, ASAL = "Profil", "Kaskade", "Anggaran", "Petunjuk", "asal"

# The Tingkat column: a node's level, or "Indikator" for a further indicator of the node above.
INDIKATOR = "indikator"
LEVEL_WORDS = {**{lvl: LEVEL_LABELS[lvl] for lvl in LEVELS}, INDIKATOR: "Indikator"}

# The level a node's parent must have.
PARENT_LEVEL = {"sasaran": "tujuan", "program": "sasaran", "kegiatan": "program", "subkegiatan": "kegiatan"}

# Codes by level (Kepmendagri 050-5889/2021; a sub kegiatan of an older document ends in two digits).
CODE_PATTERNS = {
    "program": re.compile(r"\d{1,2}\.\d{2}\.\d{2}"),
    "kegiatan": re.compile(r"\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}"),
    "subkegiatan": re.compile(r"\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.(?:\d{4}|\d{2})"),
}
CODE_EXAMPLES = {"program": "7.01.02", "kegiatan": "7.01.02.2.02", "subkegiatan": "7.01.02.2.02.0003"}

# Profil sheet: label in column A, value in column B.
PROFIL_ROWS = (("instansi", "Instansi"), ("pemda", "Pemerintah Daerah"), ("periode", "Periode Renstra"),
               ("tahun", "Tahun Laporan"))


@dataclass(frozen=True)
class Column:
    key: str  # a field of store.domain.fields, or a structural key: tingkat, id-simpul, id-indikator, label
    header: str
    year: int | None = None
    width: int = 12
    kind: str = "text"  # text, number (indicator value), money or choice

    @property
    def yearly(self) -> bool:
        return self.year is not None


# Columns without a year, in sheet order. `kind` says how a cell is read.
_KASKADE_HEAD = (
    Column("tingkat", "Tingkat", width=13, kind="choice"),
    Column("kode", "Kode", width=18),
    Column("nama", "Nama", width=45),
    Column("unit", "Penanggung Jawab", width=16),
    # Sasaran only: the codes of the programs or sub kegiatan whose budget Tabel 3.4 sets beside it.
    Column("anggaran-terkait", "Anggaran Terkait", width=18),
    Column("indikator", "Indikator", width=45),
    Column("satuan", "Satuan", width=9),
    Column("arah", "Arah", width=9, kind="choice"),
    Column("kondisi-awal", "Kondisi Awal", kind="number"),
)
_KASKADE_TAIL = (
    Column("target-akhir", "Target Akhir", kind="number"),
    Column("rumus", "Rumus", width=30),
    Column("rumus-negatif", "Rumus Negatif", width=10, kind="choice"),
    Column("aturan-tw", "Aturan TW", width=12, kind="choice"),
)
_KASKADE_IDS = (
    Column("id-simpul", "ID Simpul", width=18),
    Column("id-indikator", "ID Indikator", width=20),
)
# The IKU's (reports.documents.iku): after every other column, so that no sheet written before them shifts.
_KASKADE_IKU = (
    Column("definisi", "Definisi Operasional", width=30),
    Column("sumber-data", "Sumber Data", width=20),
    Column("jenis", "Jenis Indikator", width=10, kind="choice"),
)
_ANGGARAN_HEAD = (Column("kode", "Kode", width=20), Column("label", "Nama", width=45))
_ANGGARAN_IDS = (Column("id-simpul", "ID Simpul", width=18),)

# Yearly columns: header prefix -> (field, kind). The header is "<prefix> <year>".
KASKADE_YEARLY = {
    "Target": ("target", "number"),
    "Realisasi": ("realisasi", "number"),
    "TW I": ("tw1", "number"),
    "TW II": ("tw2", "number"),
    "TW III": ("tw3", "number"),
    "TW IV": ("tw4", "number"),
    # The Rencana Aksi: the target and the action of each quarter.
    "Target TW I": ("target-tw1", "number"),
    "Target TW II": ("target-tw2", "number"),
    "Target TW III": ("target-tw3", "number"),
    "Target TW IV": ("target-tw4", "number"),
    "Aksi TW I": ("aksi-tw1", "text"),
    "Aksi TW II": ("aksi-tw2", "text"),
    "Aksi TW III": ("aksi-tw3", "text"),
    "Aksi TW IV": ("aksi-tw4", "text"),
}
ANGGARAN_YEARLY = {
    "Pagu": ("pagu", "money"),
    "Pagu PK": ("pagu-pk", "money"),
    "Realisasi Anggaran": ("realisasi-anggaran", "money"),
}
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")

# Choice cells: what an operator may type (case and spaces do not matter) -> the stored value.
ARAH_WORDS = {"positif": "positif", "negatif": "negatif"}
RUMUS_NEGATIF_WORDS = {"2t-r": "2T-R", "t/r": "T/R"}
ATURAN_TW_WORDS = {"kumulatif": "kumulatif", "nilaiakhir": "nilai_akhir"}
JENIS_WORDS = {"outcome": "outcome", "output": "output"}
ATURAN_TW_SHOWN = {"kumulatif": "kumulatif", "nilai_akhir": "nilai akhir"}


def kaskade_columns(years: list[int], year: int | None = None, realisasi_years: set[int] | None = None
                    ) -> list[Column]:
    """The Kaskade sheet: a Target column for every Renstra year; with `year`, the realisasi of that year (and of
    `realisasi_years`, the earlier years Tabel 3.1 and 3.2 compare with), that year's TW I–IV and its Rencana Aksi
    (the target and the action of each quarter)."""
    cols = [*_KASKADE_HEAD, *(Column("target", f"Target {y}", y, 10, "number") for y in years), *_KASKADE_TAIL]
    if year is not None:
        cols += [Column("realisasi", f"Realisasi {y}", y, 11, "number") for y in sorted({year, *(realisasi_years or ())})]
        cols += [Column(f"tw{q}", f"{name} {year}", year, 10, "number") for q, name in enumerate(QUARTERS, 1)]
        # The Rencana Aksi of that year (store.domain.fields target-tw1.., aksi-tw1..), after the realisasi.
        cols += [Column(f"target-tw{q}", f"Target {name} {year}", year, 10, "number")
                 for q, name in enumerate(QUARTERS, 1)]
        cols += [Column(f"aksi-tw{q}", f"Aksi {name} {year}", year, 24, "text") for q, name in enumerate(QUARTERS, 1)]
    return cols + list(_KASKADE_IDS) + list(_KASKADE_IKU)


def anggaran_columns(years: list[int], year: int | None = None, realisasi_years: set[int] | None = None
                     ) -> list[Column]:
    """The Anggaran sheet: pagu and pagu PK per Renstra year; with `year`, the realisasi anggaran of that year
    (and of `realisasi_years`)."""
    cols = [*_ANGGARAN_HEAD, *(Column("pagu", f"Pagu {y}", y, 16, "money") for y in years)]
    cols += [Column("pagu-pk", f"Pagu PK {y}", y, 16, "money") for y in years]
    if year is not None:
        cols += [Column("realisasi-anggaran", f"Realisasi Anggaran {y}", y, 18, "money")
                 for y in sorted({year, *(realisasi_years or ())})]
    return cols + list(_ANGGARAN_IDS)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


_FIXED = {
    KASKADE: {_norm(c.header): c for c in (*_KASKADE_HEAD, *_KASKADE_TAIL, *_KASKADE_IDS, *_KASKADE_IKU)},
    ANGGARAN: {_norm(c.header): c for c in (*_ANGGARAN_HEAD, *_ANGGARAN_IDS)},
}
_YEARLY = {KASKADE: KASKADE_YEARLY, ANGGARAN: ANGGARAN_YEARLY}
_YEAR_HEADER = re.compile(r"^(.*?)\s*(\d{4})$")


def column_of(sheet: str, header: str) -> Column | None:
    """The column a header names ("Target 2023", "pagu pk 2024", "Satuan"), or None when it names none."""
    text = _norm(header)
    if text in _FIXED[sheet]:
        return _FIXED[sheet][text]
    m = _YEAR_HEADER.match(text)
    if m:
        for prefix, (field, kind) in _YEARLY[sheet].items():
            if _norm(prefix) == m.group(1):
                return Column(field, f"{prefix} {m.group(2)}", int(m.group(2)), kind=kind)
    return None


def known_headers(sheet: str) -> str:
    fixed = [c.header for c in _FIXED[sheet].values()]
    yearly = [f"{p} TAHUN" for p in _YEARLY[sheet]]
    return ", ".join(fixed + yearly)


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def level_of(word: str) -> str | None:
    """The level a Tingkat cell names ("Sub Kegiatan", "subkegiatan", "SASARAN"), or None."""
    key = "".join(word.split()).replace("_", "").casefold()
    return key if key in LEVEL_WORDS else None


def default_periode(year: int) -> tuple[int, int]:
    """The five-year Renstra period a year falls in, counted from the 2025–2029 cycle."""
    awal = 2025 + (year - 2025) // 5 * 5
    return awal, awal + 4
