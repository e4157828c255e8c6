"""The figures of the Rencana Aksi (PermenPAN-RB 53/2014): quarterly targets, and capaian per quarter.

Each indicator keeps, per year, a target for each quarter (`target_tw`, "1".."4") beside its realisasi per quarter
(`tw`). By its quarter rule (store.tw_rule):
- *kumulatif*: each quarter's target is what that quarter adds (documents issued in TW II), so the four add up to
  the year's target; each quarter's realisasi is likewise what that quarter added.
- *nilai akhir*: each quarter's target is the level due at its end, so TW IV's equals the year's target; each
  quarter's realisasi is the level reached at its end.

**Capaian per quarter** is therefore, for both rules alike, the realisasi typed for quarter q against the target of
quarter q, by the engine's formula (engine.ratio: R / T × 100, or the indicator's negative rule): never a cumulative
realisasi against one quarter's target. It is undefined (—) where either is empty or the quarter's target is zero,
as a year's capaian is. The capaian so far against the year's target is the quarterly report's (reports.triwulan).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from store import tw_rule
from store.model import Indicator, Settings, YearValues
from store.numbers import to_decimal

from . import engine

QUARTERS = (1, 2, 3, 4)


def _slot(ind: Indicator, year: int) -> YearValues:
    return (ind.get("years", {}).get(str(year)) or {})


def target_tw(ind: Indicator, year: int, quarter: int) -> Decimal | None:
    return to_decimal((_slot(ind, year).get("target_tw") or {}).get(str(quarter)))


def aksi_tw(ind: Indicator, year: int, quarter: int) -> str:
    return (_slot(ind, year).get("aksi_tw") or {}).get(str(quarter)) or ""


def realisasi_tw(ind: Indicator, year: int, quarter: int) -> Decimal | None:
    return engine.quarters_of(ind, year).get(quarter)


def capaian_tw(ind: Indicator, year: int, quarter: int, settings: Settings) -> engine.Capaian:
    """The quarter's realisasi against the quarter's target (see the module's docstring)."""
    return engine.ratio(target_tw(ind, year, quarter), realisasi_tw(ind, year, quarter), ind.get("arah"),
                        engine.negatif_rumus_of(ind, settings), engine.negatif_nol_of(settings))


@dataclass(frozen=True)
class TargetGap:
    """Quarterly targets that do not make the year's target by the indicator's rule."""

    rule: str
    year_target: Decimal
    made: Decimal  # kumulatif: the sum of TW I–IV; nilai akhir: TW IV's target


def target_gap(ind: Indicator, year: int) -> TargetGap | None:
    """None while the quarterly targets agree with the year's target, or while there is nothing to compare: no
    year target, no rule, no quarterly target at all (kumulatif), or no TW IV target (nilai akhir)."""
    year_target = engine.target_of(ind, year)
    rule = tw_rule.tw_rule_of(ind)
    targets = [t for t in (target_tw(ind, year, q) for q in QUARTERS) if t is not None]
    if year_target is None or rule is None or not targets:
        return None
    if rule == tw_rule.KUMULATIF:
        made = sum(targets, Decimal(0))
    else:
        last = target_tw(ind, year, 4)
        if last is None:
            return None
        made = last
    return None if made == year_target else TargetGap(rule, year_target, made)
