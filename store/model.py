"""The workbook as plain data.

A workbook is one JSON document of TinyDB tables. Records are plain dicts (described here with TypedDicts) so the
store can save them as they are and the engine can read them without conversion. Indicator values are kept as
canonical decimal strings ("82.08") so that nothing is lost to binary floats; money is whole Rupiah (int).
"""

# No `from __future__ import annotations` here: with string annotations every TypedDict field is compiled from its
# string when the class is made (85 compiles, half of this module's import, paid by every start of lkjip).
from typing import Any, Literal, NotRequired, TypedDict

SCHEMA_VERSION = 2
# Tabel 3.2 compares the report year with the realisasi of up to this many years before the Renstra period.
YEARS_BEFORE = 4

LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan")
LEVEL_LABELS = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "subkegiatan": "Sub Kegiatan",
}
# Levels that carry budget (anggaran); figures are entered on sub kegiatan and summed upwards.
BUDGET_LEVELS = ("program", "kegiatan", "subkegiatan")

Level = Literal["tujuan", "sasaran", "program", "kegiatan", "subkegiatan"]
Arah = Literal["positif", "negatif"]
NegatifRumus = Literal["2T-R", "T/R"]
TwRule = Literal["kumulatif", "nilai_akhir"]

# Tables of the TinyDB document.
META, NODES, ISU, NARRATIVE, LOG = "meta", "nodes", "isu", "narrative", "log"
TABLES = (META, NODES, ISU, NARRATIVE, LOG)


class YearValues(TypedDict, total=False):
    target: str | None
    realisasi: str | None
    # Quarters "1".."4". Without a typed realisasi the year's follows them by the indicator's tw_rule once TW IV is
    # filled; a typed realisasi is never replaced by them (engine.realisasi_of).
    tw: dict[str, str | None]
    # The Rencana Aksi (PermenPAN-RB 53/2014), quarters "1".."4": the target of each quarter (kumulatif: they add
    # up to the year's target; nilai akhir: TW IV's is the year's; reports.checks.renaksi_findings) and the action
    # planned for it (reports.renaksi).
    target_tw: dict[str, str | None]
    aksi_tw: dict[str, str]


class Indicator(TypedDict):
    id: str
    name: str
    satuan: str
    arah: Arah | None
    rumus: str
    # None: the workbook's setting applies.
    negatif_rumus: NegatifRumus | None
    # None: the default of the unit and name, or no rule where they do not settle it (store.tw_rule).
    tw_rule: TwRule | None
    kondisi_awal: str | None
    target_akhir: str | None
    years: dict[str, YearValues]
    # The upper bound of a plausible value (a %-unit indicator is flagged above 100 unless this allows more).
    batas_atas: NotRequired[str | None]
    # The IKU's columns (reports.iku): definisi operasional / alasan, sumber data, and outcome or output (None: by
    # the node's level, see reports.iku.jenis_of). Absent in a workbook written before them: read with .get.
    definisi: NotRequired[str]
    sumber_data: NotRequired[str]
    jenis: NotRequired[str | None]


class BudgetYear(TypedDict, total=False):
    pagu_pk: int | None  # pagu awal, as signed in the Perjanjian Kinerja
    pagu: int | None  # pagu after the APBD Perubahan: the figure serapan is computed on
    realisasi: int | None
    # Quarterly realisasi "1".."4" (monev triwulan); the year's realisasi stays as entered, never their sum.
    tw: dict[str, int | None]


class Node(TypedDict):
    id: str
    level: Level
    parent: str | None
    code: str
    name: str
    order: int
    unit: str
    indicators: list[Indicator]
    budget: dict[str, BudgetYear]
    # Sasaran only: ids of the budget nodes that support it; empty means its programs.
    budget_refs: list[str]
    rev: int


class Profile(TypedDict):
    """Who the office is: the same for every year."""

    instansi: str
    pemda: str


class Signing(TypedDict, total=False):
    """Who signs a year's reports, and where and when (meta.profile_tahun["2022"]). The head changes; the 2022
    report keeps 2022's head after 2023's is entered."""

    kepala_nama: str
    kepala_nip: str
    kepala_jabatan: str
    kepala_pangkat: str  # pangkat/golongan ("Pembina Tk. I (IV/b)"), printed between name and NIP when entered
    tempat: str
    tanggal: str  # date of signing, free text ("06 Maret 2023")
    pihak_kedua_nama: str  # the Perjanjian Kinerja's pihak kedua (the Bupati, or the superior)
    pihak_kedua_nip: str
    pihak_kedua_jabatan: str
    tanggal_pk: str  # date the Perjanjian Kinerja was signed, free text
    pihak_kedua_pangkat: str
    inspektur_nama: str  # the Inspektur (APIP) who signs the "Pernyataan Telah Direviu"
    inspektur_nip: str
    inspektur_pangkat: str
    tanggal_reviu: str  # date of the review statement, free text


SIGNING_KEYS = tuple(Signing.__annotations__)


class PredikatBand(TypedDict):
    min: str | None  # lower bound (inclusive) as a decimal string; None for the lowest band
    label: str


class Settings(TypedDict):
    negatif_rumus: NegatifRumus
    predikat: list[PredikatBand]
    cap: str | None  # e.g. "100" or "120": applied only when averaging or assigning a predikat
    efisiensi_atas: str  # > this: efisien
    efisiensi_bawah: str  # < this: tidak efisien
    efisiensi_rumus: NotRequired[str]  # "selisih" (capaian − serapan, default) or "rasio" (capaian / serapan)
    efisiensi_rasio_atas: NotRequired[str]
    efisiensi_rasio_bawah: NotRequired[str]
    negatif_nol_nilai: NotRequired[str | None]  # capaian of a negative indicator with R = 0 under T/R
    capaian_batas_wajar: NotRequired[str]  # plausibility: a capaian above this is flagged


class YearLock(TypedDict):
    by: str
    at: str


class Meta(TypedDict):
    schema: int
    profile: Profile
    profile_tahun: dict[str, Signing]
    periode_awal: int
    periode_akhir: int
    tahun: int
    settings: Settings
    locks: dict[str, YearLock]
    revision: int
    notes: list[str]
    rev: int
    uuid: NotRequired[str]  # the workbook's identity (store.identity)


class IsuRow(TypedDict):
    id: str
    order: int
    masalah: str
    items: list[dict[str, str]]  # [{"pokok": ..., "akar": ...}]
    rev: int


class Narrative(TypedDict):
    key: str
    title: str
    texts: dict[str, str]  # Markdown per year ("2022"); a year without its own text shows an earlier one's
    rev: int


class LogEntry(TypedDict):
    seq: int
    at: str
    user: str
    kind: str  # edit, undo, redo, kunci, buka, import, migrasi
    ref: str
    field: str
    year: int | None
    old: object
    new: object
    reason: NotRequired[str]
    group: NotRequired[int]  # edits applied together (a paste) share the seq of the first: one undo step
    undoes: NotRequired[int]  # an undo: the step (its group or seq) it takes back (store.history)
    redoes: NotRequired[int]  # a redo: the step it puts back


DEFAULT_PREDIKAT: list[PredikatBand] = [
    {"min": "91", "label": "Sangat Tinggi"},
    {"min": "76", "label": "Tinggi"},
    {"min": "66", "label": "Sedang"},
    {"min": "51", "label": "Rendah"},
    {"min": None, "label": "Sangat Rendah"},
]

# Narrative sections in report order; "analisis:<sasaran id>" sections are added per sasaran.
NARRATIVE_SECTIONS = (
    ("kata_pengantar", "Kata Pengantar"),
    ("ikhtisar", "Ikhtisar Eksekutif"),
    ("bab1_umum", "BAB I A. Umum"),
    ("bab1_tugas", "BAB I B. Tugas, Fungsi dan Struktur Organisasi"),
    ("bab1_isu", "BAB I C. Isu Strategis"),
    ("bab2_renstra", "BAB II A. Rencana Strategis"),
    ("bab2_pk", "BAB II B. Perjanjian Kinerja"),
    ("bab3_capaian", "BAB III A. Capaian Kinerja Organisasi"),
    ("bab3_anggaran", "BAB III B. Realisasi Anggaran"),
    ("bab4_penutup", "BAB IV Penutup"),
)

# The seven points of each sasaran's analysis (the outline of PermenPAN-RB 53/2014: target against
# realisasi, earlier years, the Renstra end target, a national standard, causes and solutions, efficiency of resources,
# the programs that supported it), in order: (narrative key suffix,
# title). None: written from the data (reports.document); "" is the section "analisis:<id>" itself (causes and
# solutions, as before the seven points); another suffix is its own section "analisis:<id>:<suffix>".
ANALYSIS_POINTS: tuple[tuple[str | None, str], ...] = (
    (None, "Perbandingan target dan realisasi kinerja tahun ini"),
    (None, "Perbandingan realisasi kinerja tahun ini dengan tahun-tahun sebelumnya"),
    (None, "Perbandingan realisasi kinerja dengan target jangka menengah (Renstra)"),
    ("standar", "Perbandingan realisasi kinerja dengan standar nasional"),
    ("", "Analisis penyebab keberhasilan atau kegagalan serta alternatif solusi"),
    ("efisiensi", "Analisis efisiensi penggunaan sumber daya"),
    ("program", "Analisis program dan kegiatan yang menunjang keberhasilan atau kegagalan pencapaian kinerja"),
)


def analysis_key(sasaran_id: str, suffix: str) -> str:
    return f"analisis:{sasaran_id}" + (f":{suffix}" if suffix else "")


# The texts under the Renja evaluation (Tabel E.81, Permendagri 86/2017), written per quarter: (key part, title).
RENJA_EVAL_PREFIX = "evaluasi-renja"
RENJA_EVAL_POINTS: tuple[tuple[str, str], ...] = (
    ("pendorong", "Faktor pendorong keberhasilan pencapaian"),
    ("penghambat", "Faktor penghambat pencapaian kinerja"),
    ("tindak-lanjut-tw", "Tindak lanjut yang diperlukan dalam triwulan berikutnya"),
    ("tindak-lanjut-renja", "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"),
)


def renja_eval_key(tw: int, part: str) -> str:
    """"evaluasi-renja:tw2:pendorong": one quarter's text, kept per year like every narrative section."""
    return f"{RENJA_EVAL_PREFIX}:tw{tw}:{part}"


def default_settings() -> Settings:
    return {
        "negatif_rumus": "2T-R",
        "predikat": [b.copy() for b in DEFAULT_PREDIKAT],
        "cap": None,
        "efisiensi_atas": "5",
        "efisiensi_bawah": "-5",
        # Read with .get(default) everywhere: a workbook written before these keys reads the same.
        "efisiensi_rumus": "selisih",  # or "rasio": capaian / serapan, efisien above 1
        "efisiensi_rasio_atas": "1",
        "efisiensi_rasio_bawah": "1",
        "negatif_nol_nilai": None,  # capaian of a negative indicator with R = 0 under T/R: undefined, or e.g. "120"
        "capaian_batas_wajar": "150",  # a capaian above this is flagged (peringatan), never blocked
    }


def new_meta(*, instansi: str, pemda: str, periode_awal: int, periode_akhir: int, tahun: int) -> Meta:
    return {
        "schema": SCHEMA_VERSION,
        "profile": {"instansi": instansi, "pemda": pemda},
        "profile_tahun": {},
        "periode_awal": periode_awal,
        "periode_akhir": periode_akhir,
        "tahun": tahun,
        "settings": default_settings(),
        "locks": {},
        "revision": 0,
        "notes": [],
        "rev": 1,
    }


def new_node(
    id: str,
    level: Level,
    name: str,
    *,
    parent: str | None = None,
    code: str = "",
    order: int = 0,
    unit: str = "",
) -> Node:
    return {
        "id": id,
        "level": level,
        "parent": parent,
        "code": code,
        "name": name,
        "order": order,
        "unit": unit,
        "indicators": [],
        "budget": {},
        "budget_refs": [],
        "rev": 1,
    }


def new_indicator(
    id: str,
    name: str,
    *,
    satuan: str = "",
    arah: Arah | None = "positif",
    rumus: str = "",
    kondisi_awal: str | None = None,
    target_akhir: str | None = None,
) -> Indicator:
    return {
        "id": id,
        "name": name,
        "satuan": satuan,
        "arah": arah,
        "rumus": rumus,
        "negatif_rumus": None,
        "tw_rule": None,
        "kondisi_awal": kondisi_awal,
        "target_akhir": target_akhir,
        "years": {},
    }


def new_document(meta: Meta) -> dict[str, dict[str, Any]]:  # table → record id → record
    """An empty workbook document: TinyDB tables keyed by document id (strings)."""
    doc: dict[str, dict[str, Any]] = {t: {} for t in TABLES}
    doc[META]["1"] = meta
    for i, (key, title) in enumerate(NARRATIVE_SECTIONS, start=1):
        doc[NARRATIVE][str(i)] = {"key": key, "title": title, "texts": {}, "rev": 1}
    return doc


# -- texts and signing per year: the one way every reader gets them -----------------------------------------------
def _source_year(years: dict[str, Any], year: int) -> str | None:
    """The year whose entry stands for `year`: its own, else the latest earlier one (a new year starts from the
    previous year's texts as a draft), else the earliest later one (a report for a year before any text was written
    shows the first texts, as a schema-1 workbook did)."""
    if str(year) in years:
        return str(year)
    earlier = [y for y in years if int(y) < year]
    if earlier:
        return max(earlier, key=int)
    return min(years, key=int) if years else None


def signing_year(meta: Meta, year: int) -> str | None:
    """The year whose signing fields `year` shows (None: none entered yet)."""
    return _source_year(meta.get("profile_tahun") or {}, year)


def profile_for(meta: Meta, year: int) -> dict[str, str]:
    """Instansi and pemda, and the signing fields of `year` (inherited as described in _source_year); every key of
    Profile and Signing is present, "" when not entered."""
    source = signing_year(meta, year)
    signing = (meta.get("profile_tahun") or {}).get(source, {}) if source else {}
    # Any: a year's record also keeps its officials under "pejabat" (store.pejabat), passed along as they are.
    out: dict[str, Any] = {key: "" for key in SIGNING_KEYS}
    out.update({k: v for k, v in signing.items() if v is not None})
    out.update({k: meta["profile"].get(k, "") for k in ("instansi", "pemda")})
    return out


def text_year(section: Narrative, year: int) -> str | None:
    """The year whose text `year` shows for this section (None: never written)."""
    return _source_year(section.get("texts") or {}, year)


def text_for(section: Narrative, year: int) -> str:
    source = text_year(section, year)
    return section["texts"][source] if source else ""


def narrative_for(sections: dict[str, Narrative], year: int) -> dict[str, str]:
    """Every section's text for `year` by key ({"kata_pengantar": "…", "analisis:S1": "…"})."""
    return {key: text_for(sec, year) for key, sec in sections.items()}
