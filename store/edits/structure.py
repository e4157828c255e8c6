"""Structural edits of the cascade: adding, removing, moving and recoding nodes and indicators.

Each is an ordinary Edit (ref, field, year=None, old, new) whose values describe a piece of structure, so the edit
log, the check against what the operator saw, and undo/redo (Edit.inverse) work exactly as for a typed value:

- "simpul": ref a node id; the node with its whole subtree ({"nodes": [records]}), or None where it does not exist.
  None → subtree adds it; subtree → None deletes it. The log keeps the removed subtree, ids and figures included,
  so undo puts back exactly what went.
- "butir-indikator": ref an indicator id; {"node": node id, "index": place, "indicator": record}, or None.
- "posisi": ref a node id; {"parent": id, "orders": {node id: order}, "codes": {node id: code}}: the node's parent,
  the order of the siblings that change, and the codes that follow a move to another parent.
- "urutan-indikator": ref a node id; the ids of its indicators in order.
- "kode": ref a node id; its code. The codes of its descendants, which begin with it, follow it.

The planners (store.edits.plans) turn an operator's intent into such an Edit from the cascade the operator sees; `apply`
(called by Workbook.apply, under the lock, with the transaction's Writer) compares the value on disk with the edit's
`old` and refuses when they differ.
"""

from __future__ import annotations

import copy
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable, cast

from store.domain.cascade import Cascade
from store.domain.codes import CODED_LEVELS, code_problem, recoded
from store.domain.edit import Applied, Edit, Target
from store.text.errors import EditConflict, InvalidValue
from .freeze import check_structure
from store.domain.model import LEVEL_LABELS, NODES, Node
from store.text.numbers import format_rupiah
from store.domain.refs import public_ref
from store.text.sanitize import cut_words
from .writer import Record, Writer

STRUCTURAL = frozenset({"simpul", "butir-indikator", "posisi", "urutan-indikator", "kode"})
LABELS = {"simpul": "Simpul", "butir-indikator": "Indikator", "posisi": "Posisi", "urutan-indikator":
          "Urutan indikator", "kode": "Kode"}
PARENT_LEVEL: dict[str, str | None] = {"tujuan": None, "sasaran": "tujuan", "program": "sasaran",
                                       "kegiatan": "program", "subkegiatan": "kegiatan"}
CHILD_LEVEL = {parent: level for level, parent in PARENT_LEVEL.items() if parent}


def _empty(slot: object) -> bool:
    if isinstance(slot, dict):
        return all(_empty(v) for v in slot.values())
    return slot in (None, "")


def clean(record: Mapping[str, Any]) -> dict[str, Any]:
    """A node or indicator as the operator sees it: without its bookkeeping revision, and without year slots that
    hold nothing (a value typed and undone leaves {"pagu": null}), so that such a slot is no conflict."""
    out = cast(dict[str, Any], copy.deepcopy(record))  # a node or indicator: a dict at run time
    out.pop("rev", None)
    for key in ("budget", "years"):
        if isinstance(out.get(key), dict):
            out[key] = {year: slot for year, slot in out[key].items() if not _empty(slot)}
    if isinstance(out.get("indicators"), list):
        out["indicators"] = [clean(i) for i in out["indicators"]]
    return out


def level_name(level: str) -> str:
    return LEVEL_LABELS.get(level, level).lower()


# -- the values of the structural fields, as they are now --------------------------------------------------------------
def node_value(casc: Cascade, node_id: str) -> dict[str, Any] | None:
    if node_id not in casc.nodes:
        return None
    return {"nodes": [clean(casc.nodes[node_id])] + [clean(n) for n in casc.descendants(node_id)]}


def indicator_value(casc: Cascade, ind_id: str) -> dict[str, Any] | None:
    if ind_id not in casc.indicators:
        return None
    node, ind = casc.indicators[ind_id]
    index = next(i for i, x in enumerate(node["indicators"]) if x["id"] == ind_id)
    return {"node": node["id"], "index": index, "indicator": clean(ind)}


def current_value(casc: Cascade, edit: Edit) -> object:
    if edit.field == "simpul":
        return node_value(casc, edit.ref)
    if edit.field == "butir-indikator":
        return indicator_value(casc, edit.ref)
    node = casc.nodes.get(edit.ref)
    if node is None:
        return None
    if edit.field == "kode":
        return node["code"]
    if edit.field == "urutan-indikator":
        return [i["id"] for i in node["indicators"]]
    shape = edit.old if isinstance(edit.old, dict) else {}
    return {"parent": node.get("parent"),
            "orders": {i: casc.nodes[i].get("order", 0) if i in casc.nodes else None for i in shape.get("orders", {})},
            "codes": {i: casc.nodes[i]["code"] if i in casc.nodes else None for i in shape.get("codes", {})}}


def describe(field: str, value: object, casc: Cascade | None = None, ref: str | None = None) -> str:
    """A structural value in a few words, for the status line and the log."""
    if value is None or value == "":
        return "\u2014"
    if field == "simpul" and isinstance(value, dict) and value.get("nodes"):
        root, more = value["nodes"][0], len(value["nodes"]) - 1
        text = f"{LEVEL_LABELS.get(root['level'], root['level'])} {root['code']} {root['name']}".replace("  ", " ")
        return text + (f" beserta {more} rincian" if more else "")
    if field == "butir-indikator" and isinstance(value, dict):
        return f"Indikator {value['indicator']['name']}"
    if field == "posisi" and isinstance(value, dict):
        parent = value.get("parent")
        where = casc.label(casc.nodes[parent]) if casc and parent in casc.nodes else (parent or "akar")
        codes = "; ".join(f"kode {c}" for c in list(value.get("codes", {}).values())[:1] if c)
        order = value.get("orders", {}).get(ref)
        rank = f", urutan {order}" if order is not None else ""
        return f"di bawah {where}{rank}" + (f"; {codes}" if codes else "")
    if field == "urutan-indikator" and isinstance(value, list):
        return "urutan " + ", ".join(public_ref(casc, i) if casc else i for i in value)
    return str(value)


def sentence(applied: Applied) -> str:
    """What a structural edit did, for the status line: "Sasaran … ditambahkan", "Kegiatan … dihapus"."""
    edit = applied.edit
    if edit.field in ("simpul", "butir-indikator") and edit.old is None:
        return f"{applied.new_text} ditambahkan"
    if edit.field in ("simpul", "butir-indikator") and edit.new is None:
        return f"{applied.old_text} dihapus"
    return f"{LABELS[edit.field]} {cut_words(applied.target.label, 40)}: {applied.old_text} \u2192 {applied.new_text}"


# -- what an edit would take away --------------------------------------------------------------------------------------
def _filled(value: object) -> bool:
    return value not in (None, "")


def indicator_figures(ind: Mapping[str, Any]) -> int:
    count = sum(_filled(ind.get(k)) for k in ("kondisi_awal", "target_akhir"))
    for slot in (ind.get("years") or {}).values():
        slot = slot or {}
        count += sum(_filled(slot.get(k)) for k in ("target", "realisasi"))
        count += sum(_filled(v) for v in (slot.get("tw") or {}).values())
    return count


def what_goes(casc: Cascade, ref: str) -> list[str]:
    """What deleting `ref` (a node or an indicator) would take with it, one line each; empty: nothing but itself."""
    if ref in casc.indicators:
        _, ind = casc.indicators[ref]
        figures = indicator_figures(ind)
        return [f"{figures} nilai indikator {ind['name']}"] if figures else []
    node = casc.nodes[ref]
    lines = [f"{LEVEL_LABELS[n['level']]} {casc.label(n)}" for n in casc.descendants(ref)]
    values = 0
    pagu = realisasi = 0
    for n in [node, *casc.descendants(ref)]:
        values += sum(indicator_figures(i) for i in n["indicators"])
        for year in (n.get("budget") or {}).values():
            pagu += int((year or {}).get("pagu") or 0)
            realisasi += int((year or {}).get("realisasi") or 0)
    indicators = sum(len(n["indicators"]) for n in [node, *casc.descendants(ref)])
    if indicators:
        lines.append(f"{indicators} indikator dengan {values} nilai" if values else
                     f"{indicators} indikator (belum bernilai)")
    money = [f"{what} {format_rupiah(v)}" for what, v in (("pagu", pagu), ("realisasi", realisasi)) if v]
    if money:
        lines.append(f"anggaran (semua tahun): {', '.join(money)}")
    return lines


# -- applying, under the workbook's lock -------------------------------------------------------------------------------
def _log_kind(edit: Edit, kind: str) -> str:
    if kind != "edit":
        return kind
    if edit.field in ("simpul", "butir-indikator"):
        return "tambah" if edit.old is None else "hapus" if edit.new is None else "edit"
    return "pindah" if edit.field in ("posisi", "urutan-indikator") else "edit"


def _target(casc: Cascade, edit: Edit) -> Target:
    value = edit.new if edit.new is not None else edit.old
    if edit.field == "butir-indikator":
        return Target("indicator", edit.ref, describe(edit.field, value))
    if edit.field == "simpul":
        return Target("node", edit.ref, describe(edit.field, value))
    node = casc.nodes.get(edit.ref)
    return Target("node", edit.ref, casc.label(node) if node else edit.ref)


def _check_addable(casc: Cascade, value: dict[str, Any]) -> None:
    nodes = value["nodes"]
    root = nodes[0]
    want, parent = PARENT_LEVEL.get(root["level"]), root.get("parent")
    if want is not None and (parent not in casc.nodes or casc.nodes[parent]["level"] != want):
        raise InvalidValue(f"Induk {describe('simpul', value)} sudah tidak ada; tambahkan induknya dulu.")
    ids = {n["id"] for n in nodes} | {i["id"] for n in nodes for i in n["indicators"]}
    taken = ids & (set(casc.nodes) | set(casc.indicators))
    if taken:
        raise InvalidValue(f"Id {', '.join(sorted(taken))} sudah dipakai; {describe('simpul', value)} tidak dapat "
                           f"ditambahkan.")
    for n in nodes:
        if n["code"] and any(n["code"] == o["code"] for o in casc.nodes.values()):
            raise InvalidValue(f"Kode {n['code']} sudah dipakai; {describe('simpul', value)} tidak dapat ditambahkan.")


def _check_recode(casc: Cascade, node: Node, code: str) -> dict[str, str]:
    """The new codes of the node and its descendants, or InvalidValue."""
    subtree = [node, *casc.descendants(node["id"])]
    ids = frozenset(n["id"] for n in subtree)
    problem = code_problem(casc, node["level"], code, node.get("parent"), ignore=ids)
    if problem:
        raise InvalidValue(problem)
    codes = {node["id"]: code}
    for n in subtree[1:]:
        codes[n["id"]] = recoded(n["code"], node["code"], code)
        clash = next((o for o in casc.nodes.values() if o["id"] not in ids and codes[n["id"]] and
                      codes[n["id"]] == o["code"]), None)
        if clash:
            raise InvalidValue(f"Rincian {n['name']} akan berkode {codes[n['id']]}, yang sudah dipakai oleh "
                               f"{casc.label(clash)}.")
    return codes


def _check_codes_free(casc: Cascade, codes: dict[str, str]) -> None:
    """A move, or the undo of one, gives codes that a node freed by moving away may have passed to a new node."""
    for node_id, code in codes.items():
        clash = next((o for o in casc.nodes.values() if code and o["code"] == code and o["id"] not in codes), None)
        if clash:
            mine = casc.label(casc.nodes[node_id]) if node_id in casc.nodes else node_id
            raise InvalidValue(f"Kode {code} kini dipakai oleh {casc.label(clash)}; {mine} tidak dapat memakainya "
                               f"lagi.")


def _update(w: Writer, casc: Cascade, node_id: str, change: Callable[[Record], object]) -> None:
    w.revise(NODES, casc.node_doc_ids[node_id], change)


def _set(key: str, value: object) -> Callable[[Record], None]:
    """A change setting one field of a record, its value bound now (not the last of a loop's)."""
    def change(record: Record) -> None:
        record[key] = value

    return change


def _merged(fields: Record) -> Callable[[Record], None]:
    def change(record: Record) -> None:
        record.update(fields)

    return change


def _write(w: Writer, casc: Cascade, edit: Edit) -> None:
    # A structural value's shape is the field's (the module's docstring); the edit's check made it that shape.
    new: Any = edit.new
    old: Any = edit.old
    if edit.field == "simpul":
        if new is None:
            w.remove(NODES, [casc.node_doc_ids[n["id"]] for n in old["nodes"]])
        else:
            for record in new["nodes"]:
                w.insert(NODES, {**copy.deepcopy(record), "rev": 1})
    elif edit.field == "butir-indikator":
        if new is None:
            node, _ = casc.indicators[edit.ref]
            _update(w, casc, node["id"], lambda r: r.__setitem__(
                "indicators", [i for i in r["indicators"] if i["id"] != edit.ref]))
        else:
            place, record = new["index"], copy.deepcopy(new["indicator"])
            _update(w, casc, new["node"], lambda r: r["indicators"].insert(place, record))
    elif edit.field == "urutan-indikator":
        rank = {ind_id: k for k, ind_id in enumerate(new)}
        _update(w, casc, edit.ref, lambda r: r["indicators"].sort(key=lambda i: rank.get(i["id"], len(rank))))
    elif edit.field == "kode":
        for node_id, code in _check_recode(casc, casc.nodes[edit.ref], str(new or "")).items():
            if casc.nodes[node_id]["code"] != code:
                _update(w, casc, node_id, _set("code", code))
    else:  # posisi
        changes: dict[str, Record] = {}
        changes.setdefault(edit.ref, {})["parent"] = new["parent"]
        for node_id, order in new["orders"].items():
            changes.setdefault(node_id, {})["order"] = order
        for node_id, code in new["codes"].items():
            changes.setdefault(node_id, {})["code"] = code
        for node_id, fields in changes.items():
            _update(w, casc, node_id, _merged(fields))


def _action(casc: Cascade, edit: Edit) -> str:
    """The edit in a few words, for the refusal of a locked year."""
    value = edit.new if edit.new is not None else edit.old
    if edit.field in ("simpul", "butir-indikator"):
        return f"{'Menambah' if edit.old is None else 'Menghapus'} {describe(edit.field, value)}"
    label = casc.label(casc.nodes[edit.ref])
    return {"posisi": f"Memindah {label}", "urutan-indikator": f"Mengubah urutan indikator {label}"}.get(
        edit.field, f"Mengubah kode {label}")


def _validate(path: Path, casc: Cascade, edit: Edit) -> None:
    check_structure(casc, _action(casc, edit), path)  # a locked year's tables print the whole cascade
    new: Any = edit.new  # its shape is the field's (the module's docstring)
    if edit.field == "simpul":
        if new is not None:
            _check_addable(casc, new)
    elif edit.field == "butir-indikator":
        if new is not None:
            if new["node"] not in casc.nodes:
                raise InvalidValue("Simpul induk indikator ini sudah tidak ada.")
            if edit.ref in casc.indicators:
                raise InvalidValue(f"Id indikator {edit.ref} sudah dipakai.")
    elif edit.field == "posisi":
        node = casc.nodes[edit.ref]
        _check_codes_free(casc, new["codes"])
        if new["parent"] != node.get("parent"):
            parent = casc.nodes.get(new["parent"] or "")
            if parent is None or parent["level"] != PARENT_LEVEL[node["level"]]:
                raise InvalidValue(f"Induk tujuan pemindahan {casc.label(node)} sudah tidak ada.")
    elif edit.field == "kode":
        if casc.nodes[edit.ref]["level"] not in CODED_LEVELS and edit.new:
            raise InvalidValue(f"{LEVEL_LABELS[casc.nodes[edit.ref]['level']]} tidak memakai kode.")


def apply(w: Writer, path: Path, edit: Edit, *, kind: str = "edit", reason: str | None = None) -> Applied:
    """Apply a structural edit through the transaction's Writer (Workbook.apply opens it); `path` names the workbook
    in a refusal."""
    casc = w.cascade()
    if edit.field not in ("simpul", "butir-indikator") and edit.ref not in casc.nodes:
        raise InvalidValue(f"Simpul {edit.ref} sudah tidak ada.")
    current = current_value(casc, edit)
    target = _target(casc, edit)
    if current != edit.old:
        raise EditConflict(
            f"{LABELS[edit.field]} {target.label} sudah diubah sejak Anda melihatnya (kini "
            f"{describe(edit.field, current, casc)}, tadi {describe(edit.field, edit.old, casc)}); perubahan "
            f"Anda tidak disimpan.", mine=edit.new, theirs=current, who=None)
    old_text = describe(edit.field, edit.old, casc, edit.ref)
    if current == edit.new:
        return Applied(edit, target, False, int(casc.meta["revision"]), old_text, old_text)
    _validate(path, casc, edit)
    _write(w, casc, edit)
    revision = w.bump_revision()
    w.log(_log_kind(edit, kind), edit.ref, edit.field, None, edit.old, edit.new, reason)
    w.reshaped()  # the shape changed: the index is rebuilt on the next read
    return Applied(edit, target, True, revision, old_text, describe(edit.field, edit.new, w.cascade(), edit.ref))
