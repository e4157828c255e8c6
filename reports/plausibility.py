"""Plausibility: figures that are allowed but look like typing slips. Flag, never block: the operator decides.

Real reports print such slips: a persentase realisasi of 141,92, a capaian of 355,56%, a (2T − R)/T that
goes below 0, a realisasi ten times last year's, a budget spent beyond its pagu. One function per kind of figure;
the TUI edit line, `lkjip set` and `lkjip check` all ask here, so the three always say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from store.cascade import Cascade
from store.model import BUDGET_LEVELS, Indicator, Node, Settings
from store.numbers import format_decimal, format_rupiah, to_decimal

from . import engine

PERSEN_UNITS = {"%", "persen"}
DEFAULT_CAPAIAN_LIMIT = Decimal(150)
TENFOLD = Decimal(10)


@dataclass(frozen=True)
class Doubt:
    ref: str  # indicator or node id
    field: str  # the field to look at
    reason: str  # short, for the edit line: "realisasi 141,92 di luar 0–100 untuk satuan %"


def _n(d: Decimal) -> str:
    return format_decimal(d, 2) if d != d.to_integral_value() else format_decimal(d, 0)


def capaian_limit(settings: Settings) -> Decimal:
    return to_decimal(settings.get("capaian_batas_wajar")) or DEFAULT_CAPAIAN_LIMIT


def upper_bound(ind: Indicator) -> Decimal | None:
    """A %-unit value is plausible up to 100 unless the indicator allows more (field `batas-atas`)."""
    own = to_decimal(ind.get("batas_atas"))
    if own is not None:
        return own
    return Decimal(100) if (ind.get("satuan") or "").strip().lower() in PERSEN_UNITS else None


def indicator_doubts(ind: Indicator, year: int, settings: Settings) -> list[Doubt]:
    out: list[Doubt] = []
    high = upper_bound(ind)
    satuan = (ind.get("satuan") or "").strip()
    target, realisasi = engine.target_of(ind, year), engine.realisasi_of(ind, year)
    if high is not None:
        for field, value in (("target", target), ("realisasi", realisasi)):
            if value is not None and not 0 <= value <= high:
                out.append(Doubt(ind["id"], field, f"{field} {_n(value)} di luar 0\u2013{_n(high)} untuk satuan "
                                                   f"{satuan}"))
    c = engine.capaian(ind, year, settings).value
    limit = capaian_limit(settings)
    if c is not None and c > limit:
        out.append(Doubt(ind["id"], "realisasi", f"capaian {format_decimal(c)}% di atas batas wajar {_n(limit)}%"))
    elif c is not None and c < 0:
        out.append(Doubt(ind["id"], "realisasi", f"capaian {format_decimal(c)}% negatif"))
    before = engine.realisasi_of(ind, year - 1)
    if realisasi and before and (realisasi > 0) == (before > 0):
        if abs(realisasi) >= TENFOLD * abs(before):
            out.append(Doubt(ind["id"], "realisasi", f"realisasi {_n(realisasi)} sepuluh kali atau lebih dari "
                                                     f"realisasi {year - 1} ({_n(before)})"))
        elif abs(realisasi) * TENFOLD <= abs(before):
            out.append(Doubt(ind["id"], "realisasi", f"realisasi {_n(realisasi)} sepersepuluh atau kurang dari "
                                                     f"realisasi {year - 1} ({_n(before)})"))
    return out


def budget_doubts(casc: Cascade, node: Node, year: int) -> list[Doubt]:
    a = engine.anggaran(casc, node, year)
    if a.pagu is not None and a.realisasi is not None and a.realisasi > a.pagu:
        return [Doubt(node["id"], "realisasi-anggaran", f"realisasi {format_rupiah(a.realisasi)} melebihi pagu "
                                                        f"{format_rupiah(a.pagu)}")]
    return []


def doubts_after_edit(casc: Cascade, ref: str, year: int | None) -> list[Doubt]:
    """What looks wrong about the figures of one indicator or budget node after it was edited (for the edit line
    and `lkjip set`). A budget edit also looks at the parents whose sums it changed."""
    if year is None:
        return []
    settings = casc.meta["settings"]
    if ref in casc.indicators:
        return indicator_doubts(casc.indicators[ref][1], year, settings)
    node = casc.nodes.get(ref)
    if node is None or node["level"] not in BUDGET_LEVELS:
        return []
    out: list[Doubt] = []
    for n in [node, *casc.ancestors(node["id"])]:
        if n["level"] in BUDGET_LEVELS:
            # A parent with one child repeats the child's overrun word for word: say it once.
            out += [d for d in budget_doubts(casc, n, year) if d.reason not in {o.reason for o in out}]
    return out


def warning_text(doubts: list[Doubt]) -> str:
    """The tail of an edit line or of `lkjip set`'s output: "⚠ capaian 173,07% di atas batas wajar 150%"."""
    return "" if not doubts else "\u26a0 " + "; ".join(d.reason for d in doubts)


def year_doubts(casc: Cascade, year: int) -> list[Doubt]:
    """Every indicator's doubts for the year (budget overruns are checked by reports.checks as galat)."""
    settings = casc.meta["settings"]
    return [d for node, _ in casc.walk() for ind in node["indicators"] for d in indicator_doubts(ind, year, settings)]
