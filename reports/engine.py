"""The capaian engine: every computed figure of the workbook comes from here, in decimal.Decimal.

Values are computed from what was entered, never from rounded display values; rounding (half-up) happens only in
store.text.numbers when a figure is shown. An undefined result is None, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from store.domain import tw_rule
from store.domain.cascade import Cascade
from store.domain.model import Indicator, Node, Settings
from store.text.numbers import format_decimal, to_decimal

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Capaian:
    """An achievement ratio with how it was obtained, so any cell can explain itself."""

    value: Decimal | None
    formula: str  # e.g. "(2 × 254 − 181) / 254 × 100 = 128,74" or the reason it is undefined
    target: Decimal | None = None
    realisasi: Decimal | None = None


def _n(d: Decimal | None) -> str:
    """A number inside a formula as the operator typed it: 82 stays 82, 82.08 reads 82,08."""
    if d is None:
        return "\u2014"
    return format_decimal(d, 2) if d != d.to_integral_value() else format_decimal(d, 0)


formula_number = _n  # for the formulas `x` shows outside this module (a realisasi from its quarters)


# -- indicator values -----------------------------------------------------------------------------------------------
# The quarter rule (kumulatif / nilai akhir, or none where the unit and name do not settle it) lives in the store
# beside the model, so the template's text and the engine read one list.
tw_rule_of = tw_rule.tw_rule_of


def target_of(ind: Indicator, year: int) -> Decimal | None:
    return to_decimal(ind.get("years", {}).get(str(year), {}).get("target"))


def quarters_of(ind: Indicator, year: int) -> dict[int, Decimal]:
    """The filled quarters of a year, TW I..IV in order (an empty quarter is not filled in, never zero)."""
    quarters = (ind.get("years", {}).get(str(year)) or {}).get("tw") or {}
    values = ((q, to_decimal(quarters.get(str(q)))) for q in range(1, 5))
    return {q: d for q, d in values if d is not None}


def realisasi_sd_tw(ind: Indicator, year: int, tw: int) -> Decimal | None:
    """Realisasi up to quarter `tw` (1–4) by the indicator's rule: kumulatif sums the filled quarters TW I..tw,
    nilai akhir takes the latest filled one of them. None when none of them is filled (never zero), and when the
    indicator has no rule (never guessed)."""
    rule = tw_rule_of(ind)
    filled = [d for q, d in quarters_of(ind, year).items() if q <= tw]
    if not filled or rule is None:
        return None
    return sum(filled, Decimal(0)) if rule == tw_rule.KUMULATIF else filled[-1]


def realisasi_typed(ind: Indicator, year: int) -> Decimal | None:
    """The realisasi the operator typed for the year itself."""
    return to_decimal((ind.get("years", {}).get(str(year)) or {}).get("realisasi"))


def realisasi_from_quarters(ind: Indicator, year: int) -> Decimal | None:
    """The year's realisasi by the quarters: only once TW IV is filled (before that the year is not over; the
    quarterly report says "s.d. TW n"), and only by a known rule."""
    quarters = (ind.get("years", {}).get(str(year)) or {}).get("tw") or {}
    if to_decimal(quarters.get("4")) is None:
        return None
    return realisasi_sd_tw(ind, year, 4)


def realisasi_of(ind: Indicator, year: int) -> Decimal | None:
    """The year's realisasi: the value typed for the year when there is one (a typed value is never replaced by a
    computed one), otherwise the quarters' value by the indicator's rule once TW IV is filled."""
    typed = realisasi_typed(ind, year)
    return typed if typed is not None else realisasi_from_quarters(ind, year)


@dataclass(frozen=True)
class RealisasiTahun:
    """What `x` and `check` say about a year's realisasi: the typed value, the quarters and the rule beside it."""

    typed: Decimal | None
    quarters: dict[int, Decimal]
    rule: str | None
    from_quarters: Decimal | None  # by the rule, once TW IV is filled
    so_far: Decimal | None  # by the rule, up to the latest filled quarter

    @property
    def value(self) -> Decimal | None:
        return self.typed if self.typed is not None else self.from_quarters

    @property
    def disagrees(self) -> bool:
        return self.typed is not None and self.from_quarters is not None and self.typed != self.from_quarters

    @property
    def needs_rule(self) -> bool:
        """Quarters are filled but nothing says how they combine."""
        return self.rule is None and bool(self.quarters)


def realisasi_tahun(ind: Indicator, year: int) -> RealisasiTahun:
    quarters = quarters_of(ind, year)
    so_far = realisasi_sd_tw(ind, year, max(quarters)) if quarters else None
    return RealisasiTahun(realisasi_typed(ind, year), quarters, tw_rule_of(ind), realisasi_from_quarters(ind, year),
                          so_far)


def negatif_rumus_of(ind: Indicator, settings: Settings) -> str:
    return ind.get("negatif_rumus") or settings.get("negatif_rumus") or "2T-R"


# -- the formulas ---------------------------------------------------------------------------------------------------
def ratio(target: Decimal | None, realisasi: Decimal | None, arah: str | None, negatif_rumus: str,
          nol: Decimal | None = None) -> Capaian:
    """capaian = R / T × 100 for a positive indicator; (2T − R) / T × 100 or T / R × 100 for a negative one.

    A negative indicator that reached zero (no case at all) divides by zero under T / R: undefined by default, or
    the fixed value `nol` the workbook chose (setting `negatif_nol_nilai`, often the cap: offices report the best
    score)."""
    if target is None:
        return Capaian(None, "target belum diisi", target, realisasi)
    if realisasi is None:
        return Capaian(None, "realisasi belum diisi", target, realisasi)
    if target == 0:
        return Capaian(None, "target nol: capaian tidak terdefinisi", target, realisasi)
    t, r = _n(target), _n(realisasi)
    if arah == "negatif":
        if negatif_rumus == "T/R":
            if realisasi == 0:
                if nol is not None:
                    return Capaian(nol, f"realisasi nol: T / R tidak terdefinisi; nilai tetap {_n2(nol)} menurut "
                                        f"pengaturan buku kerja", target, realisasi)
                return Capaian(None, "realisasi nol: T / R tidak terdefinisi", target, realisasi)
            value = target / realisasi * HUNDRED
            return Capaian(value, f"{t} / {r} \u00d7 100 = {_n2(value)}", target, realisasi)
        value = (2 * target - realisasi) / target * HUNDRED
        return Capaian(value, f"(2 \u00d7 {t} \u2212 {r}) / {t} \u00d7 100 = {_n2(value)}", target, realisasi)
    value = realisasi / target * HUNDRED
    return Capaian(value, f"{r} / {t} \u00d7 100 = {_n2(value)}", target, realisasi)


def _n2(d: Decimal) -> str:
    return format_decimal(d, 2)


def negatif_nol_of(settings: Settings) -> Decimal | None:
    """The capaian of a negative indicator with R = 0 under T / R: None (undefined, the default) or a fixed value."""
    return to_decimal(settings.get("negatif_nol_nilai"))


def capaian(ind: Indicator, year: int, settings: Settings) -> Capaian:
    return ratio(target_of(ind, year), realisasi_of(ind, year), ind.get("arah"), negatif_rumus_of(ind, settings),
                 negatif_nol_of(settings))


def capaian_sd_tw(ind: Indicator, year: int, tw: int, settings: Settings) -> Capaian:
    """Capaian so far (monev triwulan): realisasi up to TW `tw` against the year's target, by the same formulas.
    The year's capaian may differ: it takes a typed year value first, and the quarters only once TW IV is filled;
    `x` on a realisasi shows both."""
    return ratio(target_of(ind, year), realisasi_sd_tw(ind, year, tw), ind.get("arah"),
                 negatif_rumus_of(ind, settings), negatif_nol_of(settings))


def kemajuan(ind: Indicator, year: int, settings: Settings) -> Capaian:
    """Tingkat kemajuan: the year's realisasi against the Renstra end target, by the same rule as capaian."""
    return ratio(to_decimal(ind.get("target_akhir")), realisasi_of(ind, year), ind.get("arah"),
                 negatif_rumus_of(ind, settings), negatif_nol_of(settings))


def capped(value: Decimal | None, settings: Settings) -> Decimal | None:
    cap = to_decimal(settings.get("cap"))
    if value is None or cap is None:
        return value
    return min(value, cap)


def average(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return sum(known, Decimal(0)) / len(known)


def predikat(value: Decimal | None, settings: Settings) -> str:
    """The band of a capaian; bands are data (settings['predikat']), highest lower bound first."""
    value = capped(value, settings)
    if value is None:
        return "\u2014"
    bands = sorted(settings["predikat"], key=lambda b: Decimal(b["min"]) if b["min"] is not None else Decimal("-Infinity"),
                   reverse=True)
    for band in bands:
        if band["min"] is None or value >= Decimal(band["min"]):
            return band["label"]
    return "\u2014"


def sasaran_capaian(node: Node, year: int, settings: Settings, tw: int | None = None) -> Decimal | None:
    """Average of its indicators' capaian (capped if the workbook says so); with `tw`, their capaian so far."""
    values = [capaian(i, year, settings) if tw is None else capaian_sd_tw(i, year, tw, settings)
              for i in node["indicators"]]
    return average([capped(c.value, settings) for c in values])


def instansi_capaian(casc: Cascade, year: int, tw: int | None = None) -> Decimal | None:
    settings = casc.meta["settings"]
    return average([capped(sasaran_capaian(s, year, settings, tw), settings) for s in casc.of_level("sasaran")])


# -- budget ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anggaran:
    pagu: int | None
    realisasi: int | None
    pagu_pk: int | None  # the PK budget the PK prints: an empty Pagu PK takes the pagu (PaguPK)

    @property
    def serapan(self) -> Decimal | None:
        if self.pagu in (None, 0) or self.realisasi is None:
            return None
        return Decimal(self.realisasi) / Decimal(self.pagu) * HUNDRED


def _own(node: Node, year: int, key: str) -> int | None:
    value = (node.get("budget", {}).get(str(year)) or {}).get(key)
    return value if isinstance(value, int) else None  # the schema keeps rupiah as whole numbers


def _sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def budget_figure(casc: Cascade, node: Node, year: int, key: str) -> int | None:
    """A node's figure: the sum of its children where any child has one, else its own entry. Budget is planned
    and spent at sub kegiatan level; figures typed on a parent are checked against the sum, never added to it."""
    kids = [budget_figure(casc, k, year, key) for k in casc.kids(node["id"])]
    total = _sum(kids)
    return total if total is not None else _own(node, year, key)


def realisasi_anggaran_sd_tw(casc: Cascade, node: Node, year: int, tw: int) -> int | None:
    """Budget spent up to quarter `tw`: the sum of the quarterly realisasi TW I..tw, summed upwards like every
    budget figure. The year's realisasi anggaran stays as entered (quarters never override it); None when no
    quarter up to `tw` is filled anywhere below the node."""
    kids = _sum([realisasi_anggaran_sd_tw(casc, k, year, tw) for k in casc.kids(node["id"])])
    if kids is not None:
        return kids
    quarters = (node.get("budget", {}).get(str(year)) or {}).get("tw") or {}
    return _sum([quarters.get(str(q)) for q in range(1, tw + 1)])


def realisasi_anggaran_quarters(casc: Cascade, node: Node, year: int) -> tuple[int | None, ...]:
    """Budget spent in each quarter alone (TW I..IV), summed upwards like every budget figure, in one walk of the
    subtree (F9 shows all four on every row); None for a quarter no sub kegiatan below the node has."""
    kids = [realisasi_anggaran_quarters(casc, k, year) for k in casc.kids(node["id"])]
    own = (node.get("budget", {}).get(str(year)) or {}).get("tw") or {}
    summed = (_sum([k[q] for k in kids]) for q in range(4))
    return tuple(own.get(str(q + 1)) if total is None else total for q, total in enumerate(summed))


def realisasi_anggaran_tw(casc: Cascade, node: Node, year: int, quarter: int) -> int | None:
    return realisasi_anggaran_quarters(casc, node, year)[quarter - 1]


@dataclass(frozen=True)
class PaguPK:
    """The PK budget (pagu awal) of a node as the Perjanjian Kinerja prints it.

    An empty Pagu PK means the pagu of that year, node by node: a program with Pagu PK keeps it, one without takes
    its pagu, and a sum adds its children by the same rule, so a total is never short of its nodes. `from_pagu`
    names the nodes whose pagu stood in (`x` and `lkjip check` say so)."""

    value: int | None
    typed: int | None  # the part typed as Pagu PK (None when nothing of it was)
    from_pagu: tuple[tuple[str, int], ...] = ()  # (node id, its pagu) for each empty Pagu PK that took the pagu


def pagu_pk(casc: Cascade, node: Node, year: int) -> PaguPK:
    kids = casc.kids(node["id"])
    if any(budget_figure(casc, k, year, "pagu_pk") is not None for k in kids):
        # Typed below, as pagu is typed at sub kegiatan level: the children decide, as in budget_figure.
        return _pk_sum([pagu_pk(casc, k, year) for k in kids])
    own = _own(node, year, "pagu_pk")
    if own is not None:
        return PaguPK(own, own)
    pagu = budget_figure(casc, node, year, "pagu")
    return PaguPK(pagu, None, ((node["id"], pagu),) if pagu is not None else ())


def _pk_sum(parts: list[PaguPK]) -> PaguPK:
    return PaguPK(_sum([p.value for p in parts]), _sum([p.typed for p in parts]),
                  tuple(f for p in parts for f in p.from_pagu))


def anggaran_sd_tw(casc: Cascade, node: Node, year: int, tw: int) -> Anggaran:
    """Pagu of the year with the realisasi up to TW `tw`: its serapan is the absorption so far."""
    return Anggaran(budget_figure(casc, node, year, "pagu"), realisasi_anggaran_sd_tw(casc, node, year, tw),
                    pagu_pk(casc, node, year).value)


def anggaran(casc: Cascade, node: Node, year: int) -> Anggaran:
    return Anggaran(budget_figure(casc, node, year, "pagu"), budget_figure(casc, node, year, "realisasi"),
                    pagu_pk(casc, node, year).value)


def sasaran_budget_nodes(casc: Cascade, sasaran: Node) -> list[Node]:
    refs = [r for r in sasaran.get("budget_refs", []) if r in casc.nodes]
    if refs:
        return [casc.nodes[r] for r in refs]
    return [k for k in casc.kids(sasaran["id"]) if k["level"] == "program"]


def sasaran_pagu_pk(casc: Cascade, sasaran: Node, year: int) -> PaguPK:
    return _pk_sum([pagu_pk(casc, n, year) for n in sasaran_budget_nodes(casc, sasaran)])


def instansi_pagu_pk(casc: Cascade, year: int) -> PaguPK:
    """The PK total: its programs' PK budgets, each by the rule of PaguPK."""
    return _pk_sum([pagu_pk(casc, p, year) for p in casc.of_level("program")])


def pk_vs_pagu(casc: Cascade, year: int) -> tuple[int, int, int] | None:
    """(Pagu PK, pagu, pagu − Pagu PK) of the office where both are known and differ: the PK is signed on the pagu
    awal, the budget tables show the pagu after the APBD Perubahan. None when they agree or one is missing."""
    pk, pagu = instansi_pagu_pk(casc, year).value, instansi_anggaran(casc, year).pagu
    if pk is None or pagu is None or pk == pagu:
        return None
    return pk, pagu, pagu - pk


def sasaran_anggaran(casc: Cascade, sasaran: Node, year: int) -> Anggaran:
    parts = [anggaran(casc, n, year) for n in sasaran_budget_nodes(casc, sasaran)]
    return Anggaran(_sum([p.pagu for p in parts]), _sum([p.realisasi for p in parts]),
                    _sum([p.pagu_pk for p in parts]))


def instansi_anggaran(casc: Cascade, year: int) -> Anggaran:
    programs = casc.of_level("program")
    parts = [anggaran(casc, p, year) for p in programs]
    return Anggaran(_sum([p.pagu for p in parts]), _sum([p.realisasi for p in parts]),
                    _sum([p.pagu_pk for p in parts]))


def instansi_anggaran_sd_tw(casc: Cascade, year: int, tw: int) -> Anggaran:
    parts = [anggaran_sd_tw(casc, p, year, tw) for p in casc.of_level("program")]
    return Anggaran(_sum([p.pagu for p in parts]), _sum([p.realisasi for p in parts]),
                    _sum([p.pagu_pk for p in parts]))


def nodes_pk_budget(casc: Cascade, nodes: list[Node], year: int, *, perubahan: bool = False) -> int | None:
    """The budget total of one official's PK over the nodes they answer for: the PK budget (PaguPK), or after APBD
    Perubahan the pagu. A node below another of the set is already in its parent's figure: counted once."""
    ids = {n["id"] for n in nodes}
    tops = [n for n in nodes if not any(a["id"] in ids for a in casc.ancestors(n["id"]))]
    return _sum([pk_budget(casc, n, year, perubahan=perubahan) for n in tops])


def pk_budget(casc: Cascade, node: Node, year: int, *, perubahan: bool = False) -> int | None:
    """A node's figure in a PK: Pagu PK (an empty one takes the pagu, PaguPK), or the pagu in a PK Perubahan."""
    return budget_figure(casc, node, year, "pagu") if perubahan else pagu_pk(casc, node, year).value
