"""The rules between the records of a workbook document, which a JSON Schema cannot say (store/schema.py declares
the shape and runs these in the same pass): years inside the Renstra period, a log value not nested too deep, ids
unique, every parent one level up, no node its own ancestor, budget_refs that exist; and the parts of the one text
gate (store.gate) a pattern cannot state: a narrative's limit in bytes, the texts inside a log entry's values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import gate
from .errors import DocumentInvalid
from .model import LEVELS, LOG, META, NARRATIVE, NODES, YEARS_BEFORE

MAX_LOG_DEPTH = 16  # the old/new of a log entry may be a whole record (undo of a deletion), never deeper


def _skeleton(node: dict[str, Any]) -> tuple[Any, ...]:
    """What the rules between records read of a node."""
    return (node["id"], node["parent"], node["level"], tuple(i["id"] for i in node["indicators"]),
            tuple(node["budget_refs"]))


class _StructureMemo:
    """The cascade last found sound, so that a save which changed only values (most edits) skips the pass over
    the whole cascade (≈3 ms at kabupaten scale, a fifth of an edit's frame)."""

    def __init__(self) -> None:
        self.document: dict[str, Any] | None = None
        self.skeletons: dict[str, tuple[Any, ...]] = {}

    def remember(self, document: dict[str, Any], nodes: dict[str, Any]) -> None:
        self.document, self.skeletons = document, {rid: _skeleton(n) for rid, n in nodes.items()}

    def same_structure(self, document: dict[str, Any], nodes: dict[str, Any], changed: Iterable[tuple[str, str]]) -> bool:
        # By the document, not its nodes table: TinyDB's update puts a new dict in the table's place on every
        # edit, which made every save run the whole pass (≈24 ms a commit at kabupaten scale). Records replaced
        # or added since the pass are in `changed` (store.serialize.changed), so checking their skeletons suffices.
        if document is not self.document or len(nodes) != len(self.skeletons):
            return False
        for table, rid in changed:
            if table == NODES and (rid not in nodes or _skeleton(nodes[rid]) != self.skeletons.get(rid)):
                return False
        return True


MEMO = _StructureMemo()


class Rules:
    """The rules between records. Per record: years inside the period, a log value not nested too deep. Over the
    cascade: ids unique, every parent exists one level up, no node its own ancestor, budget_refs that exist."""

    def __init__(self, meta: dict[str, Any], meta_id: str = "1") -> None:
        at = f"{META}.{meta_id}"
        self.first, self.last = meta["periode_awal"] - YEARS_BEFORE, meta["periode_akhir"]
        if meta["periode_awal"] > meta["periode_akhir"]:
            raise DocumentInvalid(f"{at}.periode_akhir", f"{meta['periode_akhir']} sebelum periode_awal "
                                                             f"{meta['periode_awal']}")
        if not meta["periode_awal"] <= meta["tahun"] <= self.last:
            raise DocumentInvalid(f"{at}.tahun", f"tahun laporan {meta['tahun']} di luar periode Renstra "
                                                     f"{meta['periode_awal']}\u2013{self.last}")
        for key in ("locks", "profile_tahun"):
            self.years(meta.get(key, {}), f"{at}.{key}")
        s = meta["settings"]
        if float(s["efisiensi_bawah"]) > float(s["efisiensi_atas"]):
            raise DocumentInvalid(f"{at}.settings.efisiensi_bawah",
                                  f"{s['efisiensi_bawah']} lebih besar dari efisiensi_atas {s['efisiensi_atas']}")
        lowest = [i for i, b in enumerate(s["predikat"]) if b["min"] is None]
        if len(lowest) > 1:
            raise DocumentInvalid(f"{at}.settings.predikat.{lowest[1]}.min",
                                  "hanya satu predikat (yang terendah) boleh tanpa batas bawah")

    def years(self, per_year: dict[str, Any], path: str) -> None:
        for year in per_year:
            if not self.first <= int(year) <= self.last:
                raise DocumentInvalid(f"{path}.{year}", f"tahun {year} di luar periode buku kerja "
                                                        f"({self.first}\u2013{self.last})")

    def record(self, table: str, rid: str, record: dict[str, Any]) -> None:
        path = f"{table}.{rid}"
        if table == NODES:
            self.years(record["budget"], f"{path}.budget")
            for i, ind in enumerate(record["indicators"]):
                self.years(ind["years"], f"{path}.indicators.{i}.years")
        elif table == NARRATIVE:
            self.years(record["texts"], f"{path}.texts")
            for year, text in record["texts"].items():
                why = gate.too_long(text, multiline=True)
                if why:
                    raise DocumentInvalid(f"{path}.texts.{year}", why)
        elif table == LOG:
            for key in ("old", "new"):
                _shallow(record[key], f"{path}.{key}")

    def structure(self, nodes: dict[str, Any]) -> None:
        """Runs before every save over the whole cascade: plain loops, no string built unless refusing."""
        by_id: dict[str, tuple[str, dict[str, Any]]] = {}
        indicator_ids: dict[str, tuple[str, int]] = {}
        for rid, node in nodes.items():
            node_id = node["id"]
            if node_id in by_id:
                raise DocumentInvalid(f"{NODES}.{rid}.id", f"id \u201c{node_id}\u201d sudah dipakai oleh "
                                                           f"{NODES}.{by_id[node_id][0]}; setiap id harus unik")
            by_id[node_id] = (rid, node)
            for i, ind in enumerate(node["indicators"]):
                ind_id = ind["id"]
                if ind_id in indicator_ids:
                    first_rid, first_i = indicator_ids[ind_id]
                    raise DocumentInvalid(f"{NODES}.{rid}.indicators.{i}.id",
                                          f"id indikator \u201c{ind_id}\u201d sudah dipakai oleh {NODES}.{first_rid}."
                                          f"indicators.{first_i}; setiap id harus unik")
                indicator_ids[ind_id] = (rid, i)
        for rid, node in nodes.items():
            parent, level = node["parent"], node["level"]
            above = _ABOVE[level]
            parent_node = by_id.get(parent)
            if parent_node is not None and parent_node[1]["level"] == above and parent != node["id"]:
                if node["budget_refs"]:
                    _budget_refs(by_id, rid, node)
                continue  # the common case: a parent one level up cannot close a loop
            _misplaced(by_id, rid, node)
            if node["budget_refs"]:
                _budget_refs(by_id, rid, node)


_ABOVE: dict[str, str | None] = {level: (LEVELS[i - 1] if i else None) for i, level in enumerate(LEVELS)}


def _misplaced(by_id: dict[str, tuple[str, dict[str, Any]]], rid: str, node: dict[str, Any]) -> None:
    """Why a node is not directly under a node one level up (or, for a tujuan, at the top)."""
    parent, level, path = node["parent"], node["level"], f"{NODES}.{rid}.parent"
    above = _ABOVE[level]
    if above is None:
        if parent is None:
            return
        raise DocumentInvalid(path, f"tujuan berada di puncak cascading; induknya harus null, bukan "
                                    f"\u201c{parent}\u201d")
    if parent == node["id"]:
        raise DocumentInvalid(path, f"simpul \u201c{parent}\u201d menjadi induknya sendiri")
    if parent is None or parent not in by_id:
        what = "tidak ada" if parent is None else f"\u201c{parent}\u201d tidak ada"
        raise DocumentInvalid(path, f"induk {what}; {level} harus berada di bawah sebuah {above}")
    _loop(by_id, node, path)
    parent_level = by_id[parent][1]["level"]
    raise DocumentInvalid(path, f"induk \u201c{parent}\u201d bertingkat {parent_level}; {level} harus berada "
                                f"langsung di bawah sebuah {above}")


def _budget_refs(by_id: dict[str, tuple[str, dict[str, Any]]], rid: str, node: dict[str, Any]) -> None:
    for i, ref in enumerate(node["budget_refs"]):
        if ref not in by_id or by_id[ref][1]["level"] not in LEVELS[2:]:
            raise DocumentInvalid(f"{NODES}.{rid}.budget_refs.{i}",
                                  f"\u201c{ref}\u201d bukan program, kegiatan atau sub kegiatan yang ada")


def _loop(by_id: dict[str, tuple[str, dict[str, Any]]], node: dict[str, Any], path: str) -> None:
    """Walk up at most as many steps as there are levels: a longer walk is a loop."""
    seen = [node["id"]]
    current = node
    for _ in range(len(LEVELS)):
        parent = current["parent"]
        if parent is None or parent not in by_id:
            return
        if parent in seen:
            chain = " \u2192 ".join([*seen, parent])
            raise DocumentInvalid(path, f"induk berputar ({chain})")
        seen.append(parent)
        current = by_id[parent][1]


def _shallow(value: object, path: str) -> None:
    """Not nested too deep, and no text in it that the gate refuses (an undo would store it again); iterative, so
    that a value nested thousands deep is refused without a RecursionError. A log value may be a narrative: newlines
    and tabs are allowed, as in any multi-line text."""
    level = [value]
    for _ in range(MAX_LOG_DEPTH):
        nxt: list[Any] = []
        for v in level:
            if isinstance(v, str):
                why = gate.control(v, multiline=True)
                if why:
                    raise DocumentInvalid(path, why)
            elif isinstance(v, dict):
                nxt.extend(v.values())
                nxt.extend(v)  # keys are texts too
            elif isinstance(v, list):
                nxt.extend(v)
        if not nxt:
            return
        level = nxt
    raise DocumentInvalid(path, f"nilai bersarang lebih dari {MAX_LOG_DEPTH} tingkat")
