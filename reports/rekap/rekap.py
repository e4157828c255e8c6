"""The rekap: one row per office across many workbooks, for a kabupaten's Bagian Organisasi (`lkjip rekap`).

Workbooks are read, never opened for editing: no lock is taken (an operator saving is never kept waiting) and
nothing is written. The store saves by writing a temporary file and swapping it in with os.replace, so one open of
the path reaches one inode, old or new, whole: each file is opened once, read to the end and parsed from those
bytes, and a workbook caught mid-save is seen as the version before or after, never a mix.

Every figure of a row comes from reports.engine and reports.checks, the same functions behind `lkjip tables` and
`lkjip check`; only what the row needs is computed (no table is built). An office's efisiensi is the one the last
row of its own Tabel 3.5 prints (reports.instansi_efisiensi).

The total row compares like with like: each column is summed or averaged over the offices that have
that figure, and its Keterangan says how many where that is fewer than all of them. Its serapan is the realisasi
over the pagu of the offices that have both; its efisiensi the average of the offices' efisiensi, like each
office's is the average of its sasaran's. Workbooks of different report years are not put in one table unless
--year names the year (see mixed_years).
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from store.domain.cascade import Cascade
from store.text.errors import UnreadableWorkbook
from store.domain.model import META, Settings, default_settings
from store.text.numbers import format_decimal, format_percent, format_rupiah
from store.text.sanitize import quote, visible
from store.disk.storage import os_reason, validate

from reports import checks, engine
from reports.efisiensi import SELISIH, efisiensi_label, efisiensi_rumus_of, efisiensi_shown, instansi_efisiensi
from reports.profile import profile_for_year
from reports.tables import Table

DASH = "\u2014"
NO_CAPAIAN = "Tanpa capaian"
TOTAL_LABEL = "Jumlah / rata-rata"
# Not capaian minus serapan of the row: the average of the office's sasaran efisiensi, the last row of its Tabel 3.5.
EFISIENSI = "Efisiensi (rata-rata sasaran)"
# The kabupaten bench workbook is 5.3 MB: a file ten times that is no workbook, and reading an 8 GB one whole
# would exhaust the memory of the rekap. It is a row saying it is too large.
MAX_WORKBOOK_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Source:
    path: Path
    shown: str  # as the operator named it (or as found in the folder they named), made visible
    problem: str | None = None  # a name that matched nothing, or a folder that cannot be listed
    named: bool = True  # named by the operator, not found in a folder or by a pattern

    def __post_init__(self) -> None:
        # A file name may hold ESC or BEL (`\e]2;…\a` retitles the terminal): every text of the row that tells
        # the file, in every format, shows them through the one sanitiser. `path` stays the name to open.
        object.__setattr__(self, "shown", visible(self.shown))
        if self.problem is not None:
            object.__setattr__(self, "problem", visible(self.problem))


def _is_workbook_name(path: Path) -> bool:
    # Backups end in .bak-…, locks in .lock and temporary files are hidden: only visible *.json are workbooks.
    return path.suffix == ".json" and not path.name.startswith(".")


def find_sources(names: list[str]) -> list[Source]:
    """Paths, folders (every *.json in it) and glob patterns, in the order given, each file once."""
    out: list[Source] = []
    seen: set[str] = set()

    def add(path: Path, shown: str, named: bool = False) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Source(path, shown, named=named))

    for name in names:
        path = Path(name)
        # os.path's tests answer False where Path's raise (a name too long, a parent folder not to be entered): the
        # name is then read as a file, and its row says why it cannot be.
        if os.path.isdir(path):
            try:
                found = sorted(p for p in path.iterdir() if _is_workbook_name(p) and p.is_file())
            except OSError as exc:  # a folder that can be entered but not listed (mode 0311), or gone meanwhile
                out.append(Source(path, name, f"Folder {name} tidak dapat dibuka: {os_reason(exc, reading=True)}"))
                continue
            if not found:
                out.append(Source(path, name, f"Folder {name} tidak berisi buku kerja (*.json)"))
            for p in found:
                add(p, str(p))
        elif os.path.exists(path) or not glob.has_magic(name):
            # An existing name is itself, even with [ ] in it (w[1].json); a missing one is reported as missing.
            add(path, name, named=True)
        else:
            matched = [Path(m) for m in sorted(glob.glob(name)) if _is_workbook_name(Path(m))]
            if not matched:
                out.append(Source(path, name, f"Tidak ada buku kerja (*.json) yang cocok dengan {name}"))
            for m in matched:
                add(m, str(m))
    return out


def read_once(path: Path) -> bytes:
    """The file's bytes from one open: one inode, so one saved version. O_NONBLOCK and the regular-file check keep a
    named pipe left in the folder from hanging the rekap; the size limit keeps a huge file from exhausting memory."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UnreadableWorkbook(f"Berkas {path} tidak ditemukan") from None
    except OSError as exc:
        raise UnreadableWorkbook(f"Berkas {path} tidak dapat dibaca: {os_reason(exc, reading=True)}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableWorkbook(f"{path} bukan berkas biasa")
        if st.st_size > MAX_WORKBOOK_BYTES:
            raise UnreadableWorkbook(_too_large(path, st.st_size))
        try:
            raw = f.read(MAX_WORKBOOK_BYTES + 1)  # a file growing since fstat is cut off here, not read whole
        except OSError as exc:
            raise UnreadableWorkbook(f"Berkas {path} tidak dapat dibaca: {os_reason(exc, reading=True)}") from None
        if len(raw) > MAX_WORKBOOK_BYTES:
            raise UnreadableWorkbook(_too_large(path, len(raw)))
        return raw


def _too_large(path: Path, size: int) -> str:
    return (f"Berkas {path} terlalu besar untuk sebuah buku kerja ({format_decimal(Decimal(size) / 2**20, 0)} MB; "
            f"paling besar {MAX_WORKBOOK_BYTES // 2**20} MB)")


@dataclass
class Office:
    source: Source
    reason: str | None = None  # why the workbook could not be read
    instansi: str = ""
    year: int | None = None
    revision: int | None = None
    sasaran: int = 0
    indikator: int = 0
    capaian: Decimal | None = None
    predikat: str = DASH
    bands: dict[str, int] = field(default_factory=dict)  # predikat label (or NO_CAPAIAN) -> sasaran indicators
    band_order: list[str] = field(default_factory=list)  # this workbook's labels, highest band first
    pagu: int | None = None
    realisasi: int | None = None
    serapan: Decimal | None = None
    efisiensi: Decimal | None = None
    efisiensi_shown: str = DASH  # as Tabel 3.5 prints it: 2 decimals for a difference, 3 for a ratio
    efisiensi_rumus: str = SELISIH
    efisiensi_label: str = DASH
    belum_diisi: int = 0
    galat: int = 0
    settings: Settings | None = None
    note: str = ""  # Keterangan of a readable row: what a figure is made of, where that is not plain
    foreign: bool = False  # valid JSON but plainly not a workbook (an export, another program's file)

    @property
    def readable(self) -> bool:
        return self.reason is None


def office_from_document(source: Source, document: dict[str, Any], year: int | None) -> Office:
    casc = Cascade(document)
    settings = casc.meta["settings"]
    y = year if year is not None else casc.tahun
    indicators = [i for s in casc.of_level("sasaran") for i in s["indicators"]]
    bands: dict[str, int] = {}
    for ind in indicators:
        c = engine.capaian(ind, y, settings)
        label = engine.predikat(c.value, settings) if c.value is not None else NO_CAPAIAN
        bands[label] = bands.get(label, 0) + 1
    capaian = engine.instansi_capaian(casc, y)
    a = engine.instansi_anggaran(casc, y)
    e = instansi_efisiensi(casc, y)
    findings = checks.run(casc, y)
    ordered = sorted(settings["predikat"], key=lambda b: Decimal(b["min"]) if b["min"] is not None
                     else Decimal("-Infinity"), reverse=True)
    return Office(
        # The instansi is typed text: shown through the one sanitiser in every format, like the file's name.
        source, instansi=visible(profile_for_year(casc, y).get("instansi", "")), year=y,
        revision=int(casc.meta.get("revision", 0)), sasaran=len(casc.of_level("sasaran")), indikator=len(indicators),
        capaian=capaian, predikat=engine.predikat(capaian, settings), bands=bands,
        band_order=[b["label"] for b in ordered], pagu=a.pagu, realisasi=a.realisasi, serapan=a.serapan,
        efisiensi=e.value, efisiensi_shown=e.shown, efisiensi_rumus=e.rumus,
        efisiensi_label=efisiensi_label(e.value, settings),
        note=f"Efisiensi: rata-rata {e.counted} dari {e.sasaran} sasaran" if 0 < e.counted < e.sasaran else "",
        # "Belum diisi": the check's findings of a target or realisasi not filled in (checks words them so).
        belum_diisi=sum(f.severity == checks.WARNING and "belum diisi" in f.message for f in findings),
        galat=sum(f.severity == checks.ERROR for f in findings), settings=settings,
    )


def _unreadable(source: Source, reason: str) -> Office:
    """The row of a file that could not be read: its reason names the path, shown through the one sanitiser."""
    return Office(source, visible(reason.rstrip(".")))


def read_office(source: Source, year: int | None = None) -> Office:
    if source.problem:
        return Office(source, source.problem)
    try:
        raw = read_once(source.path)
    except UnreadableWorkbook as exc:
        return _unreadable(source, exc.message)
    try:
        document = validate(raw, str(source.path))
    except UnreadableWorkbook as exc:
        office = _unreadable(source, exc.message)
        office.foreign = _foreign(raw)
        return office
    try:
        return office_from_document(source, document, year)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        # A workbook that passed the store's checks but holds a value the engine cannot use.
        return _unreadable(source, f"Berkas {source.path} berisi data yang tidak dapat dihitung "
                                   f"({type(exc).__name__})")


def _foreign(raw: bytes) -> bool:
    """Whole JSON without a meta table: some other file, not a workbook cut short (which the rekap must show)."""
    import orjson

    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return False
    return not (isinstance(data, dict) and META in data)


# -- the rows ---------------------------------------------------------------------------------------------------------
@dataclass
class Rekap:
    year: int | None  # --year, or the report year every readable workbook shares (None: they differ, or none read)
    offices: list[Office]
    bands: list[str]  # the predikat columns: every band label met, highest first, then NO_CAPAIAN
    total: Office
    mixed_years: str | None = None  # without --year, the refusal naming the years and their files

    @property
    def unreadable(self) -> list[Office]:
        return [o for o in self.offices if not o.readable]


def mixed_years(offices: list[Office]) -> str | None:
    """Workbooks of 2019, 2021 and 2022 summed in one row compare nothing: without --year, one Indonesian sentence
    naming each year and its files; None when they share one."""
    by_year: dict[int | None, list[str]] = {}
    for o in offices:
        if o.readable:
            by_year.setdefault(o.year, []).append(quote(Path(o.source.shown).name))
    if len(by_year) < 2:
        return None
    years = sorted(by_year, key=lambda y: (y is None, y))
    parts = []
    for y in years:
        names = by_year[y]
        more = f" dan {len(names) - 3} lainnya" if len(names) > 3 else ""
        parts.append(f"{y} ({', '.join(names[:3])}{more})")
    return (f"Buku kerja dari tahun laporan yang berbeda tidak direkap bersama: {'; '.join(parts)}; "
            f"pilih satu tahun dengan --year, misalnya --year {years[-1]}.")


SORT_KEYS: dict[str, Callable[[Office], Any]] = {
    "berkas": lambda o: o.source.shown, "instansi": lambda o: o.instansi.casefold(), "tahun": lambda o: o.year,
    "revisi": lambda o: o.revision, "sasaran": lambda o: o.sasaran, "indikator": lambda o: o.indikator,
    "capaian": lambda o: o.capaian, "predikat": lambda o: o.capaian, "pagu": lambda o: o.pagu,
    "realisasi": lambda o: o.realisasi, "serapan": lambda o: o.serapan, "efisiensi": lambda o: o.efisiensi,
    "belum-diisi": lambda o: o.belum_diisi, "galat": lambda o: o.galat,
}
TEXT_KEYS = ("berkas", "instansi")


def sort_offices(offices: list[Office], key: str) -> list[Office]:
    """Names A–Z; figures highest first (a ranking), offices without the figure after them, unreadable ones last."""
    get = SORT_KEYS[key]
    readable = [o for o in offices if o.readable]
    known = [o for o in readable if get(o) is not None]
    known.sort(key=get, reverse=key not in TEXT_KEYS)
    return known + [o for o in readable if get(o) is None] + [o for o in offices if not o.readable]


def _band_columns(offices: list[Office]) -> list[str]:
    labels: list[str] = []
    for o in offices:
        labels += [b for b in o.band_order if b not in labels]
    return labels + [NO_CAPAIAN]


def _sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


PREDIKAT_KEYS = ("predikat", "cap")
EFISIENSI_KEYS = ("efisiensi_rumus", "efisiensi_atas", "efisiensi_bawah", "efisiensi_rasio_atas",
                  "efisiensi_rasio_bawah")


def _shared(offices: list[Office], keys: tuple[str, ...]) -> Settings | None:
    """The offices' settings for `keys` when they all agree on them, else None."""
    seen = {repr([dict(o.settings or {}).get(k) for k in keys]) for o in offices}
    return offices[0].settings if len(seen) == 1 and offices[0].settings else None


def _total(offices: list[Office], bands: list[str]) -> Office:
    readable = [o for o in offices if o.readable]
    # One kabupaten's offices share their bands; if they do not, the total is judged on the default ones.
    settings = _shared(readable, PREDIKAT_KEYS) or default_settings()
    # Each column over the offices that have its figure; `counted` says how many, for the note.
    with_capaian = [o for o in readable if o.capaian is not None]
    capaian = engine.average([o.capaian for o in with_capaian])
    spent = [o for o in readable if o.serapan is not None]  # both pagu and realisasi: the serapan's own offices
    serapan = engine.Anggaran(_sum([o.pagu for o in spent]), _sum([o.realisasi for o in spent]), None).serapan
    efficient = [o for o in readable if o.efisiensi is not None]
    # Differences in points and ratios (or labels on other bounds) do not average: then no total efisiensi.
    rules = _shared(efficient, EFISIENSI_KEYS)
    efisiensi = engine.average([o.efisiensi for o in efficient]) if rules or not efficient else None
    rumus = efisiensi_rumus_of(rules or settings)
    counted = {"Capaian": len(with_capaian), "Pagu": sum(o.pagu is not None for o in readable),
               "Realisasi": sum(o.realisasi is not None for o in readable), "Serapan": len(spent),
               "Efisiensi": len(efficient) if efisiensi is not None else 0}
    notes = [f"{name}: {k} dari {len(readable)} instansi" for name, k in counted.items() if 0 < k < len(readable)]
    if efficient and efisiensi is None:
        notes.append("Efisiensi: rumus atau batas efisiensi berbeda antarinstansi, tidak dirata-rata")
    return Office(Source(Path(""), ""), instansi=f"{TOTAL_LABEL} ({len(readable)} instansi)",
                  sasaran=sum(o.sasaran for o in readable), indikator=sum(o.indikator for o in readable),
                  capaian=capaian, predikat=engine.predikat(capaian, settings),
                  bands={b: sum(o.bands.get(b, 0) for o in readable) for b in bands}, band_order=bands,
                  pagu=_sum([o.pagu for o in readable]), realisasi=_sum([o.realisasi for o in readable]),
                  serapan=serapan, efisiensi=efisiensi, efisiensi_shown=efisiensi_shown(efisiensi, rumus),
                  efisiensi_rumus=rumus, efisiensi_label=efisiensi_label(efisiensi, rules or settings),
                  belum_diisi=sum(o.belum_diisi for o in readable), galat=sum(o.galat for o in readable),
                  settings=settings, note="; ".join(notes) + ("." if notes else ""))


def build(names: list[str], *, year: int | None = None, sort: str | None = None) -> Rekap:
    offices = [read_office(source, year) for source in find_sources(names)]
    # Another program's JSON found in a folder is left out; one the operator named is reported.
    offices = [o for o in offices if not (o.foreign and not o.source.named)]
    if sort:
        offices = sort_offices(offices, sort)
    bands = _band_columns(offices)
    conflict = None if year is not None else mixed_years(offices)
    if year is None and not conflict:
        year = next((o.year for o in offices if o.readable), None)
    return Rekap(year, offices, bands, _total(offices, bands), conflict)


def columns(rekap: Rekap) -> list[str]:
    return ["No", "Berkas", "Instansi", "Tahun", "Revisi", "Sasaran", "Indikator", "Capaian (%)", "Predikat",
            *rekap.bands, "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", EFISIENSI, "Tingkat efisiensi",
            "Belum diisi", "Galat", "Keterangan"]


def _cells(no: str, o: Office, bands: list[str]) -> list[str]:
    if not o.readable:
        figures = 14 + len(bands)  # every column between Berkas and Keterangan
        return [no, o.source.shown, *[DASH] * figures, f"Tidak terbaca: {o.reason}."]
    return [no, o.source.shown, o.instansi, str(o.year) if o.year is not None else "",
            str(o.revision) if o.revision is not None else "", str(o.sasaran), str(o.indikator),
            format_percent(o.capaian), o.predikat, *[str(o.bands.get(b, 0)) for b in bands],
            format_rupiah(o.pagu), format_rupiah(o.realisasi), format_percent(o.serapan), o.efisiensi_shown,
            o.efisiensi_label, str(o.belum_diisi), str(o.galat), o.note]


def as_table(rekap: Rekap) -> Table:
    """The rekap as a reports.tables.Table: the text, Markdown and Word renderings of the tables apply as they are.
    refs holds each row's workbook path (the TUI opens it)."""
    cols = columns(rekap)
    year = f" Tahun {rekap.year}" if rekap.year is not None else ""
    t = Table("rekap", f"Rekap Kinerja Perangkat Daerah{year}", cols, wide=True)
    for no, o in enumerate(rekap.offices, start=1):
        t.add(_cells(str(no), o, rekap.bands), str(o.source.path))
    t.add(_cells("", rekap.total, rekap.bands), "")
    figures = {"Tahun", "Revisi", "Sasaran", "Indikator", "Capaian (%)", *rekap.bands, "Pagu (Rp)",
               "Realisasi (Rp)", "Serapan (%)", EFISIENSI, "Belum diisi", "Galat"}
    t.numeric = [c in figures for c in cols]
    return t


def as_json(rekap: Rekap) -> dict[str, Any]:
    t = as_table(rekap)
    return {"year": rekap.year, "columns": t.columns, "rows": t.rows}


def _pick(table: Table, id: str, title: str, names: list[str], *, total: bool = True) -> Table:
    """Some columns of the rekap table, cells untouched: a printed page cannot hold all twenty-odd at once."""
    index = [table.columns.index(n) for n in names]
    t = Table(id, title, names, numeric=[table.numeric[i] for i in index])
    for row, ref in zip(table.rows, table.refs):
        if ref or total:  # the total row is the one without a workbook
            t.add([row[i] for i in index], ref)
    return t


def printed_tables(rekap: Rekap) -> list[Table]:
    """The rekap for a printed page: kinerja, anggaran, and the files behind the rows (with why one failed)."""
    table = as_table(rekap)
    year = f" Tahun {rekap.year}" if rekap.year is not None else ""
    kinerja = ["No", "Instansi", "Tahun", "Sasaran", "Indikator", "Capaian (%)", "Predikat", *rekap.bands,
               "Belum diisi", "Galat"]
    anggaran = ["No", "Instansi", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Capaian (%)", EFISIENSI,
                "Tingkat efisiensi"]
    return [_pick(table, "rekap-kinerja", f"Capaian Kinerja{year}", kinerja),
            _pick(table, "rekap-anggaran", f"Anggaran dan Efisiensi{year}", anggaran),
            _pick(table, "rekap-berkas", "Buku Kerja yang Direkap", ["No", "Instansi", "Berkas", "Revisi",
                                                                   "Keterangan"], total=False)]
