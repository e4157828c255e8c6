"""The figures of the Renja evaluation (Tabel E.81, Permendagri 86/2017), one row's columns (5)–(15), from the engine.

Each figure column has a kinerja (K) and a budget (Rp) figure. None is a figure the workbook lacks (the document shows
"—" and lists it, never 0); `missing` names those an operator can fill, by their column number.

K, by the indicator's quarterly rule (engine.tw_rule_of; without a rule nothing is combined, never guessed):
  (5) the Renstra end target (target akhir); (6) the realisasi of the period's earlier years: kumulatif sums them (every
  one filled), nilai akhir takes last year's; (7) the year's target; (8)–(11) the quarters; (12) realisasi up to TW N
  (engine.realisasi_sd_tw: kumulatif 8+…+11, nilai akhir the latest filled quarter); (13) capaian of (12) against (7)
  (engine.ratio: a negative indicator by the workbook's rule); (14) kumulatif (6)+(12), nilai akhir (12), or (6) while
  no quarter is filled; (15) capaian of (14) against (5).
Rp: (5) the period's pagu summed (every year of the period has one); (6) the earlier years' realisasi anggaran summed;
  (7) the year's pagu; (8)–(11) the quarterly realisasi anggaran; (12) their sum up to TW N; (13) = 12/7×100;
  (14) = 6+12; (15) = 14/5×100.
In the period's first year no earlier year exists: (6) is empty and not missing, and (14) is (12).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from store import tw_rule
from store.cascade import Cascade
from store.model import Indicator, Node
from store.numbers import to_decimal

from . import engine

FIGURE_COLUMNS = tuple(range(5, 16))  # (5)..(15)


@dataclass
class Figures:
    """One column set: {column number: value} for K or Rp, with the columns the workbook lacks."""

    values: dict[int, Decimal | int | None] = field(default_factory=dict)
    missing: list[int] = field(default_factory=list)

    def put(self, column: int, value: Decimal | int | None, *, needed: bool = True) -> None:
        self.values[column] = value
        if value is None and needed:
            self.missing.append(column)


def period(casc: Cascade) -> tuple[int, int]:
    return int(casc.meta["periode_awal"]), int(casc.meta["periode_akhir"])


def _earlier_years(casc: Cascade, year: int) -> list[int]:
    awal, akhir = period(casc)
    return list(range(awal, min(year, akhir + 1)))


def _dec(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _add(a: Decimal | int | None, b: Decimal | int | None) -> Decimal | int | None:
    return None if a is None or b is None else a + b


def _pct(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    if part is None or whole in (None, 0):
        return None
    return Decimal(part) / Decimal(whole) * engine.HUNDRED


def kinerja(casc: Cascade, ind: Indicator, year: int, tw: int) -> Figures:
    settings = casc.meta["settings"]
    rule = engine.tw_rule_of(ind)
    f = Figures()
    f.put(5, to_decimal(ind.get("target_akhir")))
    earlier = _earlier_years(casc, year)
    done = [engine.realisasi_of(ind, y) for y in earlier]
    if not earlier:
        f.put(6, None, needed=False)
    elif rule == tw_rule.KUMULATIF:
        known = [d for d in done if d is not None]
        f.put(6, None if len(known) < len(done) else sum(known, Decimal(0)))
    elif rule is None:
        f.put(6, None)
    else:
        f.put(6, done[-1])
    f.put(7, engine.target_of(ind, year))
    quarters = engine.quarters_of(ind, year)
    for q in range(1, 5):
        f.put(7 + q, quarters.get(q), needed=q <= tw)
    f.put(12, engine.realisasi_sd_tw(ind, year, tw))
    arah, rumus, nol = ind.get("arah"), engine.negatif_rumus_of(ind, settings), engine.negatif_nol_of(settings)
    f.put(13, engine.ratio(_dec(f.values[7]), _dec(f.values[12]), arah, rumus, nol).value)
    now, before = f.values[12], f.values[6]
    if not earlier or (rule == tw_rule.NILAI_AKHIR and now is not None):
        total = now
    elif rule == tw_rule.NILAI_AKHIR:
        total = before
    else:
        total = _add(before, now)
    f.put(14, total)
    f.put(15, engine.ratio(_dec(f.values[5]), _dec(f.values[14]), arah, rumus, nol).value)
    return f


def _budget(casc: Cascade, nodes: list[Node], year: int, key: str) -> int | None:
    values = [engine.budget_figure(casc, n, year, key) for n in nodes]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _quarter(casc: Cascade, nodes: list[Node], year: int, q: int) -> int | None:
    known = [v for v in (engine.realisasi_anggaran_tw(casc, n, year, q) for n in nodes) if v is not None]
    return sum(known) if known else None


def anggaran(casc: Cascade, nodes: list[Node], year: int, tw: int) -> Figures:
    """The budget columns of a node, or of a sasaran through the nodes that carry its budget
    (engine.sasaran_budget_nodes)."""
    awal, akhir = period(casc)
    f = Figures()
    pagu = [_budget(casc, nodes, y, "pagu") for y in range(awal, akhir + 1)]
    known_pagu = [v for v in pagu if v is not None]
    f.put(5, None if len(known_pagu) < len(pagu) else sum(known_pagu))
    earlier = _earlier_years(casc, year)
    spent = [_budget(casc, nodes, y, "realisasi") for y in earlier]
    known_spent = [v for v in spent if v is not None]
    f.put(6, None if not earlier or len(known_spent) < len(spent) else sum(known_spent), needed=bool(earlier))
    f.put(7, _budget(casc, nodes, year, "pagu"))
    for q in range(1, 5):
        f.put(7 + q, _quarter(casc, nodes, year, q), needed=q <= tw)
    so_far = [v for v in (engine.realisasi_anggaran_sd_tw(casc, n, year, tw) for n in nodes) if v is not None]
    f.put(12, sum(so_far) if so_far else None)
    f.put(13, _pct(f.values[12], f.values[7]))
    f.put(14, f.values[12] if not earlier else _add(f.values[6], f.values[12]))
    f.put(15, _pct(f.values[14], f.values[5]))
    return f


def budget_nodes(casc: Cascade, node: Node) -> list[Node]:
    return engine.sasaran_budget_nodes(casc, node) if node["level"] == "sasaran" else [node]
