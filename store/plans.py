"""Planners: an operator's intent (add a sasaran under T1, move this kegiatan up, delete that indicator) becomes
one structural Edit, computed from the cascade the operator sees. store.structure describes the values and applies
the Edit under the workbook's lock, refusing it when the disk no longer holds what the operator saw.
"""

from __future__ import annotations


from .cascade import Cascade
from .codes import code_problem, recoded
from .edits import Edit
from .errors import InvalidValue
from .gate import text_input
from .sanitize import quote
from .model import LEVEL_LABELS, LEVELS, Level, Node, new_indicator, new_node
from .structure import PARENT_LEVEL, clean, indicator_value, level_name, node_value

ID_PREFIX = {"tujuan": "T", "sasaran": "S", "program": "P", "kegiatan": "K", "subkegiatan": "SK"}


def _edit(ref: str, field: str, old: object, new: object) -> Edit:
    return Edit(ref, field, None, old, new)


def new_node_id(casc: Cascade, level: str, code: str) -> str:
    """Stable and unique: the code where it is free (as the demo names its nodes), else T1, S2, P3, K4, SK5…"""
    taken = set(casc.nodes) | {i for i in casc.indicators}
    if code and code not in taken:
        return code
    prefix, n = ID_PREFIX[level], 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def plan_add_node(casc: Cascade, level: str, name: str, parent_id: str | None, code: str = "") -> Edit:
    if level not in LEVELS:
        raise InvalidValue(f"Tingkat {quote(level)} tidak dikenal; pilih salah satu: {', '.join(LEVELS)}.")
    name, code = text_input("Nama", name).strip(), code.strip()  # the one gate, whatever the name came from
    if not name:
        raise InvalidValue(f"{LEVEL_LABELS[level]} baru memerlukan nama.")
    want = PARENT_LEVEL[level]
    if want is None and parent_id:
        raise InvalidValue("Tujuan adalah tingkat teratas: tidak punya induk.")
    if want is not None:
        parent = casc.nodes.get(parent_id or "")
        if parent is None:
            raise InvalidValue(f"{LEVEL_LABELS[level]} memerlukan induk berupa {level_name(want)} (--parent).")
        if parent["level"] != want:
            raise InvalidValue(f"Induk {level_name(level)} harus {level_name(want)}, bukan "
                               f"{level_name(parent['level'])} {casc.label(parent)}.")
    problem = code_problem(casc, level, code, parent_id)
    if problem:
        raise InvalidValue(problem)
    order = max((k.get("order", 0) for k in casc.kids(parent_id)), default=0) + 1
    # level is one of LEVELS (checked first): the Literal the record wants.
    record = clean(dict(new_node(new_node_id(casc, level, code), level, name,  # type: ignore[arg-type]
                                  parent=parent_id, code=code, order=order)))
    return _edit(record["id"], "simpul", None, {"nodes": [record]})


def plan_add_indicator(casc: Cascade, node_id: str, name: str, satuan: str = "", arah: str = "positif") -> Edit:
    node = casc.nodes.get(node_id)
    if node is None:
        raise InvalidValue("Indikator baru memerlukan simpul induknya (--parent).")
    if not text_input("Nama indikator", name).strip():
        raise InvalidValue("Indikator baru memerlukan nama.")
    text_input("Satuan", satuan)
    if arah not in ("positif", "negatif"):
        raise InvalidValue(f"Arah {quote(arah)} tidak dikenal; pilih positif atau negatif.")
    n = len(node["indicators"]) + 1
    while f"{node_id}/{n}" in casc.indicators:
        n += 1
    ind = new_indicator(f"{node_id}/{n}", name.strip(), satuan=satuan.strip(), arah=arah)  # type: ignore[arg-type]  # checked above
    return _edit(ind["id"], "butir-indikator", None, {"node": node_id, "index": len(node["indicators"]),
                                                      "indicator": dict(ind)})


def plan_delete(casc: Cascade, ref: str) -> Edit:
    if ref in casc.indicators:
        return _edit(ref, "butir-indikator", indicator_value(casc, ref), None)
    return _edit(ref, "simpul", node_value(casc, ref), None)


def siblings(casc: Cascade, node_id: str) -> list[Node]:
    return list(casc.kids(casc.nodes[node_id].get("parent") if casc.nodes[node_id].get("parent") in casc.nodes
                          else None))


def plan_step(casc: Cascade, ref: str, step: int) -> Edit:
    """Up (-1) or down (+1) among its siblings: a node among its parent's children, an indicator in its node."""
    if ref in casc.indicators:
        node, _ = casc.indicators[ref]
        ids = [i["id"] for i in node["indicators"]]
        at = ids.index(ref)
        if not 0 <= at + step < len(ids):
            raise InvalidValue(f"Indikator ini sudah paling {'atas' if step < 0 else 'bawah'}.")
        new = list(ids)
        new[at], new[at + step] = new[at + step], new[at]
        return _edit(node["id"], "urutan-indikator", ids, new)
    sibs = siblings(casc, ref)
    at = next(i for i, n in enumerate(sibs) if n["id"] == ref)
    if not 0 <= at + step < len(sibs):
        raise InvalidValue(f"{casc.label(casc.nodes[ref])} sudah paling {'atas' if step < 0 else 'bawah'}.")
    order = [n["id"] for n in sibs]
    order[at], order[at + step] = order[at + step], order[at]
    parent = casc.nodes[ref].get("parent")
    # Renumbered 1..n: siblings with equal orders (sorted by code) would not move by a swap of their numbers.
    return _edit(ref, "posisi", {"parent": parent, "orders": {n["id"]: n.get("order", 0) for n in sibs}, "codes": {}},
                 {"parent": parent, "orders": {i: k for k, i in enumerate(order, start=1)}, "codes": {}})


def valid_parents(casc: Cascade, node_id: str) -> list[Node]:
    """Where a node may move: every node of the level above, but its present parent."""
    node = casc.nodes[node_id]
    want = PARENT_LEVEL[node["level"]]
    return [n for n in casc.of_level(want) if n["id"] != node.get("parent")] if want else []


def plan_reparent(casc: Cascade, node_id: str, parent_id: str) -> Edit:
    node, parent = casc.nodes[node_id], casc.nodes.get(parent_id)
    want = PARENT_LEVEL[node["level"]]
    if want is None:
        raise InvalidValue("Tujuan adalah tingkat teratas: tidak dapat dipindah ke bawah simpul lain.")
    if parent is None or parent["level"] != want:
        raise InvalidValue(f"{casc.label(node)} hanya dapat dipindah ke bawah sebuah {level_name(want)}.")
    if parent_id == node.get("parent"):
        raise InvalidValue(f"{casc.label(node)} sudah berada di bawah {casc.label(parent)}.")
    subtree = [node, *casc.descendants(node_id)]
    old_parent = casc.nodes.get(node.get("parent") or "")
    old_prefix, new_prefix = old_parent["code"] if old_parent else "", parent["code"]
    codes_old: dict[str, str] = {}
    codes_new: dict[str, str] = {}
    if node["code"] and new_prefix and not node["code"].startswith(new_prefix + "."):
        if not (old_prefix and node["code"].startswith(old_prefix + ".")):
            raise InvalidValue(f"Kode {node['code']} tidak diawali kode induk barunya {new_prefix}; ubah atau "
                               f"kosongkan kodenya dulu.")
        ids = {n["id"] for n in subtree}
        for n in subtree:
            code = recoded(n["code"], old_prefix, new_prefix)
            if code != n["code"]:
                clash = next((o for o in casc.nodes.values() if o["id"] not in ids and code == o["code"]), None)
                if clash:
                    raise InvalidValue(f"Di bawah {casc.label(parent)} kodenya menjadi {code}, yang sudah dipakai "
                                       f"oleh {casc.label(clash)}.")
                codes_old[n["id"]], codes_new[n["id"]] = n["code"], code
    order = max((k.get("order", 0) for k in casc.kids(parent_id)), default=0) + 1
    return _edit(node_id, "posisi",
                 {"parent": node.get("parent"), "orders": {node_id: node.get("order", 0)}, "codes": codes_old},
                 {"parent": parent_id, "orders": {node_id: order}, "codes": codes_new})
