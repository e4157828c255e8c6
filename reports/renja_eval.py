"""The Renja evaluation, Tabel E.81 of Permendagri 86/2017: `lkjip export WB --doc evaluasi-renja --tw N
--format md|docx|xlsx`.

Per sasaran, program, kegiatan and sub kegiatan with code and indicator, the form's figure columns (5)–(15), each as
K (kinerja) and Rp (reports.renja_figures, every figure from the engine), (16) the responsible unit and (17) a
keterangan (the indicator's quarterly rule). Under the table: the average of column (13) K and its predikat, the four
texts of the quarter (narrative sections "evaluasi-renja:twN:…", F5 or `lkjip set WB narasi:KEY teks …`) and the
list of the figures the workbook still lacks ("—" in the table, an empty cell in the xlsx; never 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from store.cascade import Cascade
from store.model import LEVEL_LABELS, RENJA_EVAL_POINTS, Indicator, Node, renja_eval_key, text_for
from store.numbers import format_percent, format_rupiah, format_value
from store.tw_rule import ROMAN, rule_label

from . import engine, renja_figures
from .md_render import escape_text, md_signatures, shift_headings, with_stamp
from .profile import pemda_heading, profile_for_year
from .renja_figures import FIGURE_COLUMNS, Figures
from .signing import Signatory, signatory
from .stamp import Stamp
from .tables import Table
from .text import as_markdown

PERCENT_COLUMNS = (13, 15)
INPUT_COLUMNS_END = 11  # (5)–(11) are entered; (12)–(15) are computed from them
LEVELS = ("sasaran", "program", "kegiatan", "subkegiatan")
DASH = "\u2014"


def column_titles(year: int, tw: int, awal: int, akhir: int) -> dict[int, str]:
    sd = f"s.d. TW {ROMAN[tw - 1]}"
    return {5: f"Target Renstra {awal}\u2013{akhir}", 6: f"Realisasi Renstra s.d. {year - 1}",
            7: f"Target Renja {year}", 8: "Realisasi TW I", 9: "Realisasi TW II", 10: "Realisasi TW III",
            11: "Realisasi TW IV", 12: f"Realisasi Renja {sd}", 13: "Capaian Renja (%)",
            14: f"Realisasi Renstra {sd} {year}", 15: "Capaian Renstra (%)"}


@dataclass(frozen=True)
class Row:
    no: str
    sasaran: str
    kode: str
    uraian: str
    indikator: str
    satuan: str
    k: Figures | None  # None: a node without indicator
    rp: Figures | None  # None: a further indicator row of the same node (its budget is on the first)
    unit: str
    keterangan: str
    label: str  # how the list of missing figures names the row


@dataclass(frozen=True)
class EvaluasiRenja:
    year: int
    tw: int
    instansi: str
    pemda: str
    period: tuple[int, int]
    rows: tuple[Row, ...]
    average: Decimal | None
    predikat: str
    texts: tuple[tuple[str, str, str], ...]  # (key, title, text)
    place_date: str
    kepala: Signatory
    stamp: Stamp

    @property
    def title(self) -> str:
        return (f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH TRIWULAN {ROMAN[self.tw - 1]} TAHUN {self.year}")

    @property
    def missing(self) -> list[str]:
        """The entries the workbook lacks, by row: the input columns (5)–(11); (12)–(15) follow from them."""
        lines = []
        for r in self.rows:
            lacking = [(kind, [c for c in f.missing if c <= INPUT_COLUMNS_END])
                       for kind, f in (("K", r.k), ("Rp", r.rp)) if f is not None]
            parts = [f"{kind} {', '.join(f'({c})' for c in cols)}" for kind, cols in lacking if cols]
            if parts:
                lines.append(f"{r.label}: {'; '.join(parts)}")
        return lines


def _rule_note(ind: Indicator) -> str:
    rule = engine.tw_rule_of(ind)
    return f"aturan TW: {rule_label(rule)}" if rule else "aturan TW belum dipilih: (6), (12), (14) tidak dihitung"


def _rows_of(casc: Cascade, node: Node, no: str, year: int, tw: int, instansi: str) -> list[Row]:
    level = node["level"]
    is_sasaran = level == "sasaran"
    head = dict(no=no, sasaran=node["name"] if is_sasaran else "", kode=node["code"],
                uraian="" if is_sasaran else f"{LEVEL_LABELS[level]}: {node['name']}",
                unit=node.get("unit", "").strip() or instansi)
    rp = renja_figures.anggaran(casc, renja_figures.budget_nodes(casc, node), year, tw)
    name = casc.label(node) if not is_sasaran else f"Sasaran {no}: {node['name']}"
    inds: list[Indicator | None] = list(node["indicators"]) or [None]
    rows = []
    for i, ind in enumerate(inds):
        first = i == 0
        cells = head if first else dict(no="", sasaran="", kode="", uraian="", unit=head["unit"])
        if ind is None:
            rows.append(Row(**cells, indikator="", satuan="", k=None, rp=rp, keterangan="tanpa indikator",
                            label=name))
            continue
        rows.append(Row(**cells, indikator=ind["name"], satuan=ind["satuan"],
                        k=renja_figures.kinerja(casc, ind, year, tw), rp=rp if first else None,
                        keterangan=_rule_note(ind),
                        label=f"{name} \u2014 {ind['name']}"))
    return rows


def build(casc: Cascade, year: int, tw: int, stamp: Stamp) -> EvaluasiRenja:
    p = profile_for_year(casc, year)
    instansi = p.get("instansi", "")
    rows: list[Row] = []
    seen: set[str] = set()
    for no, sasaran in enumerate(casc.of_level("sasaran"), start=1):
        for node in [sasaran, *casc.descendants(sasaran["id"])]:
            if node["level"] in LEVELS:
                rows += _rows_of(casc, node, str(no) if node is sasaran else "", year, tw, instansi)
                seen.add(node["id"])
    for program in casc.of_level("program"):  # a program placed under no sasaran is still evaluated
        for node in [program, *casc.descendants(program["id"])]:
            if node["id"] not in seen:
                rows += _rows_of(casc, node, "", year, tw, instansi)
    settings = casc.meta["settings"]
    capaian = [r.k.values[13] for r in rows if r.k is not None and r.k.values[13] is not None]
    average = engine.average([engine.capped(Decimal(v), settings) for v in capaian])
    texts = []
    for part, title in RENJA_EVAL_POINTS:
        key = renja_eval_key(tw, part)
        section = casc.narrative.get(key)
        texts.append((key, title, text_for(section, year).strip() if section else ""))
    place_date = f"{p.get('tempat', '').strip() or '.' * 20}, {'.' * 24} {year}"
    return EvaluasiRenja(year, tw, instansi, p.get("pemda", ""), renja_figures.period(casc), tuple(rows), average,
                         engine.predikat(average, settings), tuple(texts), place_date, signatory(p, "kepala"), stamp)


# -- as text cells (md, docx) ---------------------------------------------------------------------------------------
def _k_text(column: int, value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    return format_percent(Decimal(value)) if column in PERCENT_COLUMNS else format_value(Decimal(value))


def _rp_text(column: int, value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    return format_percent(Decimal(value)) if column in PERCENT_COLUMNS else format_rupiah(value, prefix="")


def _cell(f: Figures | None, column: int, shown: Callable[[int, Decimal | int | None], str]) -> str:
    if f is None:
        return ""
    value = f.values.get(column)
    if value is None and column not in f.missing:
        return ""  # not due yet (a later quarter) or nothing before the period's first year: not missing
    return shown(column, value)


def headers(report: EvaluasiRenja) -> list[str]:
    """The form's column numbers, short enough for 30 columns on a landscape page; legend() says what each holds."""
    cols = ["(1) No", "(2) Sasaran", "(3) Kode", "(4) Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
            "Satuan"]
    for c in FIGURE_COLUMNS:
        cols += [f"({c}) K", f"({c}) Rp"]
    return [*cols, "(16) Unit Penanggung Jawab", "(17) Keterangan"]


def legend(report: EvaluasiRenja) -> str:
    titles = column_titles(report.year, report.tw, *report.period)
    figures = "; ".join(f"({c}) {titles[c]}" for c in FIGURE_COLUMNS)
    return f"Kolom: {figures}. K = kinerja (dalam satuan indikator), Rp = anggaran."


def table(report: EvaluasiRenja) -> Table:
    cols = headers(report)
    t = Table("evaluasi-renja", f"Tabel E.81 Evaluasi Hasil Renja s.d. Triwulan {ROMAN[report.tw - 1]} Tahun "
                                f"{report.year}", cols, wide=True)
    for r in report.rows:
        figures = []
        for c in FIGURE_COLUMNS:
            figures += [_cell(r.k, c, _k_text), _cell(r.rp, c, _rp_text)]
        t.add([r.no, r.sasaran, r.kode, r.uraian, r.indikator, r.satuan, *figures, r.unit, r.keterangan])
    t.numeric = [False] * 6 + [True] * (2 * len(FIGURE_COLUMNS)) + [False, False]
    return t


def average_line(report: EvaluasiRenja) -> str:
    if report.average is None:
        return "Rata-rata capaian kinerja (kolom 13 K): \u2014 (belum ada baris dengan capaian)."
    return (f"Rata-rata capaian kinerja (kolom 13 K): {format_percent(report.average)}% "
            f"(predikat {report.predikat}).")


def _text_or_hint(key: str, text: str) -> str:
    return text or f"Belum diisi (F5, atau `lkjip set BUKU narasi:{key} teks \u2026`)."


def missing_line(report: EvaluasiRenja) -> list[str]:
    lines = report.missing
    return ["Data yang belum ada: tidak ada."] if not lines else ["Data yang belum ada:", *lines]


def render_md(report: EvaluasiRenja) -> str:
    heads = [f"**{escape_text(h)}**" for h in (pemda_heading(report.pemda), report.instansi.upper()) if h]
    parts = [f"# {escape_text(report.title)}", *heads, escape_text(legend(report)),
             as_markdown(table(report)).rstrip("\n"),
             escape_text(average_line(report))]
    for key, title, text in report.texts:
        written = shift_headings(text, 2) if text else escape_text(_text_or_hint(key, text))
        parts += [f"**{escape_text(title)}**", written]
    head, *items = missing_line(report)
    parts.append("\n".join([escape_text(head), *(f"- {escape_text(i)}" for i in items)]))
    parts += md_signatures(report.place_date, [report.kepala])
    return with_stamp("\n\n".join(parts) + "\n", report.stamp)


def render_docx(report: EvaluasiRenja) -> bytes:
    from .docx_doc import ShortDocument

    # Landscape, as Bappeda's form.
    d = ShortDocument(title=f"{report.title} {report.instansi}", author=report.instansi, stamp=report.stamp,
                      landscape=True, table_pt=6.5)
    # A3: 30 columns of the form, 22 of them figures up to "3.080.095.712", do not fit an A4 landscape page.
    from docx.shared import Cm

    section = d.doc.sections[0]
    section.page_width, section.page_height = Cm(42), Cm(29.7)
    d.centered(report.title, size=13, after=4)
    for head in (pemda_heading(report.pemda), report.instansi.upper()):
        if head:
            d.centered(head, size=12)
    d.text(legend(report))
    d.table(table(report))
    d.text(average_line(report))
    for key, title, text in report.texts:
        d.text(title, bold=True, keep_with_next=True)
        for line in _text_or_hint(key, text).splitlines() or [""]:
            d.text(line)
    for line in missing_line(report):
        d.text(line)
    d.signatures(report.place_date, [report.kepala])
    return d.to_bytes()


def render_xlsx(report: EvaluasiRenja) -> bytes:
    from . import renja_xlsx

    return renja_xlsx.render(report)
