"""A locked year is frozen: no edit changes what that year's report shows.

lkjip keeps no snapshot of a locked year; instead it refuses, on the one edit path (Workbook.apply: TUI, `lkjip set`,
undo, redo) and in `lkjip restore`, every change that the locked year's report would show:
- the year's own figures (Workbook.check_year_open), and the indicator figures of the three years before it, which
  its Tabel 3.1 and 3.2 compare against;
- of an indicator that holds figures in those years: its name, satuan (it also decides how quarters combine), arah,
  rumus, negative rule, quarter rule, kondisi awal and end target, and the IKU's definisi, sumber data and jenis
  (not kept per year: the IKU of every year prints them, as it prints satuan and rumus);
- of a node that holds such figures itself or below it: its name and code;
- the shape of the cascade: which nodes and indicators exist, their codes, parents and order. Every year's report
  prints the whole cascade (Tabel 1.2 names every node and indicator, Tabel 2.1 every sasaran indicator, the
  anggaran table and the lampiran every program, kegiatan and sub kegiatan with its code), so while any year is
  locked every structural edit is refused (check_structure): adding a node or an indicator (a new row), removing
  one (a row gone, with figures Tabel 3.1/3.2 compare), moving or reordering (rows elsewhere) and recoding;
- the narrative and the signing profile of a locked year (schema 2 keeps them per year); a locked year that has
  no text or profile of its own shows another year's (inherited), so then that section or the profile is frozen in
  every year; instansi and pemda show in every year's report, so they are frozen while any year is locked.
Unlock the year (`lkjip unlock … --reason …`, logged) to change any of them.
"""

from __future__ import annotations

from typing import Any

from store.domain.cascade import Cascade
from store.domain.edit import Target
from store.text.errors import YearLocked
from store.domain.fields import FieldSpec, Holder
from store.domain.model import Indicator, Node, narrative_for, profile_for, signing_year, text_year

SHOWN_BEFORE = 3  # Tabel 3.2 puts a year beside the three before it; Tabel 3.1 beside the one before
INDICATOR_FIELDS = frozenset({"indikator", "satuan", "arah", "rumus", "rumus-negatif", "aturan-tw", "kondisi-awal",
                              "target-akhir", "definisi", "sumber-data", "jenis"})
NODE_FIELDS = frozenset({"nama", "kode"})


def locked_years(casc: Cascade) -> list[int]:
    return sorted(int(y) for y in (casc.meta.get("locks") or {}))


def _filled(value: object) -> bool:
    return value not in (None, "")


def indicator_years(ind: Indicator) -> set[int]:
    """The years in which an indicator holds a target, a realisasi or a quarter."""
    out = set()
    for year, slot in (ind.get("years") or {}).items():
        slot = slot or {}
        if _filled(slot.get("target")) or _filled(slot.get("realisasi")) or any(
                _filled(v) for v in (slot.get("tw") or {}).values()):
            out.add(int(year))
    return out


def node_years(casc: Cascade, node: Node) -> set[int]:
    """The years in which a node, or anything below it, holds figures (indicator values or budget)."""
    out: set[int] = set()
    for n in (node, *casc.descendants(node["id"])):
        for ind in n.get("indicators") or ():
            out |= indicator_years(ind)
        for year, slot in (n.get("budget") or {}).items():
            if any(_filled(v) for v in (slot or {}).values()):
                out.add(int(year))
    return out


def _showing(locked: list[int], years: set[int]) -> int | None:
    """The first locked year whose report shows figures of `years`."""
    for lock in locked:
        if any(lock - SHOWN_BEFORE <= y <= lock for y in years):
            return lock
    return None


def check_edit(casc: Cascade, target: Target, spec: FieldSpec, year: int | None, container: Holder,
               path: object) -> None:
    """Refuse an edit that would change what a locked year's report shows (the year itself is refused before)."""
    locked = locked_years(casc)
    if not locked:
        return
    lock: int | None = None
    if spec.yearly and year is not None and spec.target == "indicator":
        lock = _showing(locked, {year}) if year not in locked else None
        shown = f"{spec.label} {year} {target.label} tampil di laporan tahun {lock} (Tabel 3.1/3.2)"
    elif spec.target in ("narrative", "profile", "pejabat"):
        lock = _text_lock(casc, spec, target, year, locked)
        shown = f"{spec.label} {target.label} adalah bagian laporan tahun {lock}"
    elif spec.name == "penanggung-jawab":  # kept for every year: each locked year's PK shows who answers
        lock = locked[0]
        shown = f"{spec.label} {target.label} tampil di Perjanjian Kinerja tahun {lock}"
    elif target.kind == "indicator" and spec.name in INDICATOR_FIELDS:
        lock = _showing(locked, indicator_years(container))
        shown = f"{spec.label} {target.label} tampil di laporan tahun {lock}"
    elif target.kind == "node" and spec.name in NODE_FIELDS:
        lock = _showing(locked, node_years(casc, container))
        shown = f"{spec.label} {target.label} tampil di laporan tahun {lock}"
    if lock is not None:
        raise YearLocked(f"{shown}, yang sudah dikunci; buka dulu kuncinya ({unlock_remedy(path, lock)}).")


def unlock_remedy(path: object, year: int | str) -> str:
    """How a refused operator opens the year, in the TUI and on the command line (both are where they may be)."""
    return f"Ctrl+P \u203a Buka kunci tahun {year} di lkjip, atau `lkjip unlock {path} --year {year} --reason \u2026`"


def check_structure(casc: Cascade, what: str, path: object) -> None:
    """Refuse a structural edit (add, remove, move, reorder, recode) while any year is locked: every year's report
    prints the whole cascade, so the edit would change each locked year's tables."""
    locked = locked_years(casc)
    if not locked:
        return
    years = str(locked[-1]) if len(locked) == 1 else f"{', '.join(map(str, locked[:-1]))} dan {locked[-1]}"
    raise YearLocked(f"{what} mengubah laporan tahun {years} yang sudah dikunci (laporan setiap tahun memuat seluruh "
                     f"kaskade: Tabel 1.2, 2.1, 3.1 dan anggaran); buka dulu kuncinya "
                     f"({unlock_remedy(path, locked[0])}).")


def _text_lock(casc: Cascade, spec: FieldSpec, target: Target, year: int | None, locked: list[int]) -> int | None:
    """The locked year whose report a narrative or profile edit would change, or None."""
    if not spec.yearly or year is None:
        return locked[0]  # instansi, pemda: every report shows them
    if year in locked:
        return year
    for lock in locked:  # a locked year that inherits its text would follow an edit of another year
        source = (text_year(casc.narrative[target.id], lock) if spec.target == "narrative"
                  else signing_year(casc.meta, lock))
        if source != str(lock):
            return lock
    return None


# -- restore: what a locked year shows, compared between two documents ---------------------------------------------------
def year_view(document: dict[str, Any], year: int) -> dict[str, Any]:
    """Everything of `document` that the report of `year` shows, under the rules above."""
    casc = Cascade(document)
    years = {str(y) for y in range(year - SHOWN_BEFORE, year + 1)}
    nodes = {}
    for node in casc.nodes.values():
        nodes[node["id"]] = {
            "name": node.get("name"), "code": node.get("code"), "level": node.get("level"),
            "parent": node.get("parent"), "order": node.get("order"),
            "budget": (node.get("budget") or {}).get(str(year)),
            "indicators": [
                {**{k: v for k, v in ind.items() if k != "years"},
                 "years": {y: s for y, s in (ind.get("years") or {}).items() if y in years}}
                for ind in node.get("indicators") or ()
            ],
        }
    view: dict[str, Any] = {"nodes": nodes, "settings": casc.meta.get("settings")}
    view["profile"] = profile_for(casc.meta, year)
    view["narrative"] = narrative_for(casc.narrative, year)
    return view


def restore_changes_locked(current: dict[str, Any], restored: dict[str, Any]) -> int | None:
    """The first year locked in `current` whose report `restored` would show differently, or None."""
    for year in locked_years(Cascade(current)):
        if year_view(current, year) != year_view(restored, year):
            return year
    return None
