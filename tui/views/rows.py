"""What the main view's grids show for a node, as display strings from the engine (no formula lives here)."""

from __future__ import annotations

from reports import engine
from store.domain.cascade import Cascade
from store.domain.model import BUDGET_LEVELS, Indicator, Node
from store.text.numbers import format_percent, format_rupiah, format_value, to_decimal
from store.domain.tw_rule import KUMULATIF, NO_RULE, roman, rule_label

from tui.widgets.grid import Column

INDICATOR_COLUMNS = [
    Column("name", "Indikator", 18, field="indikator"),
    Column("target", "Target", 9, field="target", numeric=True),
    # 10 wide: "aturan TW?" (quarters no rule combines) fits whole.
    Column("realisasi", "Realisasi", 10, field="realisasi", numeric=True, explain=True),
    Column("capaian", "Capaian%", 8, numeric=True, explain=True),
    Column("predikat", "Pred", 4, explain=True),
    Column("satuan", "Satuan", 8, field="satuan"),
    Column("arah", "Arah", 7, field="arah"),
    # Quarters, at the far right: without a typed year value, the year's realisasi follows them once TW IV is filled.
    *(Column(f"tw{q}", f"TW {roman}", 8, field=f"tw{q}", numeric=True)
      for q, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))),
]

BUDGET_COLUMNS = [
    Column("label", "Anggaran", 9),
    Column("pagu", "Pagu (Rp)", 14, field="pagu", numeric=True),
    Column("realisasi", "Realisasi (Rp)", 14, field="realisasi-anggaran", numeric=True),
    Column("serapan", "Serapan%", 8, numeric=True, explain=True),
    # "PK", not "Pagu PK": at 80 columns only its first letters show, and "Pa" read as a second Pagu column.
    Column("pagu_pk", "PK (Rp)", 14, field="pagu-pk", numeric=True, explain=True),
]


def predikat_short(label: str) -> str:
    """The band in a grid cell: the initials (Sangat Tinggi → ST, Sedang → S, Sangat Rendah → SR), never cut.

    A cut full label read "San" at 80 columns: Sangat Tinggi or Sangat Rendah? The legend is in the F1 help and `x` on
    the cell names the band in full."""
    words = label.split()
    return "".join(w[0].upper() for w in words) if len(words) > 1 or len(label) > 4 else label


def indicator_rows(casc: Cascade, node: Node, year: int) -> list[tuple[str, list[str]]]:
    settings = casc.meta["settings"]
    rows = []
    for ind in node["indicators"]:
        c = engine.capaian(ind, year, settings)
        tw = (ind.get("years", {}).get(str(year)) or {}).get("tw") or {}
        rows.append((ind["id"], [
            ind["name"], format_value(c.target), realisasi_text(ind, year),
            format_percent(c.value), predikat_short(engine.predikat(c.value, settings)), ind["satuan"] or "\u2014",
            ind["arah"] or "\u2014",
            *(format_value(to_decimal(tw.get(str(q)))) for q in range(1, 5)),
        ]))
    return rows


def _money(value: int | None) -> str:
    return format_rupiah(value, prefix="")


def budget_rows(casc: Cascade, node: Node, year: int) -> list[tuple[str, list[str]]]:
    if node["level"] in BUDGET_LEVELS:
        a = engine.anggaran(casc, node, year)
        label = "Jumlah" if casc.kids(node["id"]) else "Rincian"
    elif node["level"] == "sasaran":
        a = engine.sasaran_anggaran(casc, node, year)
        label = "Sasaran"
    else:
        return []
    return [(node["id"], [label, _money(a.pagu), _money(a.realisasi), format_percent(a.serapan),
                          _money(pagu_pk_of(casc, node, year).typed)])]


def pagu_pk_of(casc: Cascade, node: Node, year: int) -> engine.PaguPK:
    return engine.sasaran_pagu_pk(casc, node, year) if node["level"] == "sasaran" else engine.pagu_pk(casc, node, year)


def explain_pagu_pk(casc: Cascade, node: Node, year: int) -> str:
    """A Pagu PK cell shows what was typed; the PK prints the pagu where it is empty (engine.PaguPK): say which."""
    pk = pagu_pk_of(casc, node, year)
    if pk.value is None:
        return f"Pagu PK {year} kosong dan pagu belum diisi: PK menampilkan \u2014."
    if not pk.from_pagu:
        return f"Pagu PK {year}: {format_rupiah(pk.value)}, dipakai Perjanjian Kinerja."
    fallback = sum(pagu for _, pagu in pk.from_pagu)
    if pk.from_pagu == ((node["id"], pk.value),):
        return f"Pagu PK {year} kosong: PK memakai pagu {format_rupiah(pk.value)}."
    names = [casc.label(casc.nodes[ref]) for ref, _ in pk.from_pagu]
    shown = ", ".join(names[:2]) + (f" dan {len(names) - 2} lainnya" if len(names) > 2 else "")
    typed = f"{format_rupiah(pk.typed)} diisi; " if pk.typed is not None else ""
    return (f"Pagu PK {year}: {typed}{len(names)} rincian kosong: PK memakai pagu {format_rupiah(fallback)} "
            f"({shown}); PK {format_rupiah(pk.value)}.")


def tw_rule_label(ind: Indicator) -> str:
    return rule_label(engine.tw_rule_of(ind))


def realisasi_text(ind: Indicator, year: int) -> str:
    """The year's realisasi in a cell; "aturan TW?" where quarters are filled that no rule combines."""
    value = engine.realisasi_of(ind, year)
    if value is None and engine.tw_rule_of(ind) is None and engine.quarters_of(ind, year):
        return NO_RULE
    return format_value(value)


def edit_label(casc: Cascade, ref: str, spec_label: str, field: str, year: int | None, name: str) -> str:
    """The edit line's label; a realisasi or a quarter names the indicator's quarterly rule, which decides how the
    quarters make the year's realisasi."""
    rule = ""
    if ref in casc.indicators and (field == "realisasi" or field.startswith("tw")):
        rule = f" ({tw_rule_label(casc.indicators[ref][1])})"
    return f"{spec_label}{f' {year}' if year else ''}{rule} \u00b7 {name}:"


def locked_reason(casc: Cascade, year: int | None) -> str | None:
    """Why a yearly cell cannot be edited, said before an editor opens (the store refuses it anyway)."""
    lock = (casc.meta.get("locks") or {}).get(str(year)) if year is not None else None
    if not lock:
        return None
    return (f"\U0001f512 Tahun {year} dikunci oleh {lock.get('by', '?')}: angkanya tidak dapat diubah; "
            f"buka dengan Ctrl+P \u203a Buka kunci tahun {year}.")


def _quarters_formula(r: engine.RealisasiTahun, value, *, named: bool = True) -> str:
    """How the quarters give `value`: the sum of the filled ones (kumulatif: "TW I + TW II = 20 + 30 = 50", the
    names left out where the sentence already says TW I–IV) or the latest one (nilai akhir)."""
    n = engine.formula_number
    if r.rule == KUMULATIF:
        terms = " + ".join(f"TW {roman(q)}" for q in r.quarters) + " = " if named else ""
        return f"{terms}{' + '.join(n(v) for v in r.quarters.values())} = {n(value)}"
    return f"TW {roman(max(r.quarters))} (terakhir) = {n(value)}"


def explain_realisasi(ind: Indicator, year: int) -> str:
    """Where the year's realisasi comes from: the value typed for the year, the quarters by the indicator's rule,
    or both side by side (the typed one is reported; the quarters' value is said beside it, never put in its
    place). Every way out is a key: Delete on the cell gives the year back to the quarters, p sets the rule."""
    r = engine.realisasi_tahun(ind, year)
    rule = rule_label(r.rule)
    typed = f"Realisasi {year} diketik {format_value(r.typed)} (dipakai laporan)" if r.typed is not None else ""
    if not r.quarters:
        return f"{typed}; belum ada triwulan." if typed else f"Realisasi {year} belum diisi; belum ada triwulan."
    last = max(r.quarters)
    if r.needs_rule:
        head = f"{typed}; " if typed else f"Realisasi {year} belum dihitung: "
        satuan = ind.get("satuan") or "\u2014"
        return (f"{head}triwulan s.d. TW {roman(last)} terisi tanpa aturan TW (satuan \u201c{satuan}\u201d); "
                f"tekan p untuk memilih kumulatif atau nilai akhir.")
    if r.from_quarters is None:  # TW IV not filled: the year is not over
        so_far = f"s.d. TW {roman(last)} ({rule}): {_quarters_formula(r, r.so_far)}"
        if typed:
            return f"{typed}; {so_far}."
        return f"Realisasi {year} mengikuti triwulan setelah TW IV diisi; {so_far}."
    if not typed:
        return f"Realisasi {year} ({rule}) = {_quarters_formula(r, r.from_quarters)}."
    same = "berbeda; Delete memakai nilai triwulan" if r.disagrees else "sama"
    return f"{typed}; TW I\u2013IV ({rule}): {_quarters_formula(r, r.from_quarters, named=False)}, {same}."


def explain(casc: Cascade, ref: str, column: str, year: int) -> str:
    """The formula of a computed cell with its numbers."""
    settings = casc.meta["settings"]
    if ref in casc.indicators:
        node, ind = casc.indicators[ref]
        if column == "realisasi":
            return explain_realisasi(ind, year)
        c = engine.capaian(ind, year, settings)
        if c.value is None:
            return f"Capaian {year} {ind['name']}: tidak terdefinisi ({c.formula})."
        arah = ind.get("arah") or "positif"
        rumus = {"positif": "R / T \u00d7 100", "negatif": "(2T \u2212 R) / T \u00d7 100"
                 if engine.negatif_rumus_of(ind, settings) == "2T-R" else "T / R \u00d7 100"}.get(arah, "")
        band = engine.predikat(c.value, settings)
        return f"Capaian {year} ({arah}, {rumus}): {c.formula} \u2192 predikat {band}."
    found = casc.nodes.get(ref)
    if found is None:
        return ""
    node = found
    if column == "pagu_pk":
        return explain_pagu_pk(casc, node, year)
    a = engine.sasaran_anggaran(casc, node, year) if node["level"] == "sasaran" else engine.anggaran(casc, node,
                                                                                                     year)
    source = ""
    if node["level"] == "sasaran":
        source = f" (anggaran dari {len(engine.sasaran_budget_nodes(casc, node))} simpul pendukung)"
    elif casc.kids(node["id"]):
        source = f" (jumlah {len(casc.kids(node['id']))} rincian)"
    if a.serapan is None:
        return f"Serapan {year}: tidak terdefinisi (pagu atau realisasi belum ada){source}."
    return (f"Serapan {year}{source}: {format_rupiah(a.realisasi)} / {format_rupiah(a.pagu)} \u00d7 100 = "
            f"{format_percent(a.serapan)}%.")
