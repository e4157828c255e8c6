"""How the edit log names what each entry changed: by the REF it has now (its current code), and, where that code
changed since (a move, a new code), the code it had when the edit was made: `7.01.02.2.03.0002 (dulu
7.01.01.2.03.0002)`. An entry keeps the node's internal id (undo needs it); an id that looks like an old code is
never shown as if it were the code (see store.refs).

The code a node had at an entry is found by walking the log back from the cascade as it is now, taking back the
code changes of each structural entry (`kode`, `posisi`, `simpul`) on the way; no code is stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .cascade import Cascade
from .codes import looks_like_code, recoded
from .refs import node_ref


# What an entry's kind is called on screen (F6, `lkjip log`). The stored kind never changes: older files hold the
# English words of earlier versions, and undo reads "edit", "undo" and the rest as they are.
KIND_WORDS = {"edit": "ubah", "undo": "urungkan", "redo": "ulangi", "import": "impor", "add": "tambah", "rm": "hapus",
              "mv": "pindah", "restore": "pulihkan", "lock": "kunci", "unlock": "buka", "migrate": "migrasi"}


def kind_word(kind: str) -> str:
    """An entry's kind in Indonesian, for display only ("edit" → "ubah"); a kind already Indonesian is as stored."""
    return KIND_WORDS.get(kind, kind)


def _root(value: object) -> dict[str, Any] | None:
    if isinstance(value, dict) and isinstance(value.get("nodes"), list) and value["nodes"]:
        root = value["nodes"][0]
        return root if isinstance(root, dict) and isinstance(root.get("id"), str) else None
    return None


def _records(value: object) -> list[dict[str, Any]]:
    if isinstance(value, dict) and isinstance(value.get("nodes"), list):
        return [n for n in value["nodes"] if isinstance(n, dict) and isinstance(n.get("id"), str)]
    return []


def _node_of(casc: Cascade, codes: dict[str, str], entry: dict[str, Any]) -> tuple[str, str] | None:
    """The node an entry is about, with the indicator's number after it ("/1") or "" for the node itself."""
    ref, field = entry["ref"], entry["field"]
    if field == "simpul" or ref in codes:
        return ref, ""
    head, slash, number = ref.rpartition("/")
    if not slash:
        return None
    if ref in casc.indicators:
        node_id = casc.indicators[ref][0]["id"]
        return (node_id, f"/{number}") if head == node_id else None
    return (head, f"/{number}") if head in codes else None


def _take_back(codes: dict[str, str], entry: dict[str, Any]) -> None:
    """The codes as they were before `entry`."""
    field, old, new = entry["field"], entry.get("old"), entry.get("new")
    if field == "simpul":
        for record in _records(new) if old is None else []:
            codes.pop(record["id"], None)
        for record in _records(old) if new is None else []:
            codes[record["id"]] = str(record.get("code") or "")
    elif field == "kode" and entry["ref"] in codes:
        before, after = str(old or ""), str(new or "")
        for node_id, code in codes.items():
            if code.startswith(after + "."):
                codes[node_id] = recoded(code, after, before)
        codes[entry["ref"]] = before
    elif field == "posisi" and isinstance(old, dict) and isinstance(old.get("codes"), dict):
        for node_id, code in old["codes"].items():
            codes[node_id] = str(code or "")


def log_refs(casc: Cascade, entries: Iterable[dict[str, Any]]) -> dict[int, str]:
    """seq → the REF an entry is shown by (narrative keys, `profil`, `tahun` … as they are)."""
    codes = {node_id: node["code"] for node_id, node in casc.nodes.items()}
    shown: dict[int, str] = {}
    for entry in sorted(entries, key=lambda e: e["seq"], reverse=True):
        about = _node_of(casc, codes, entry)
        if about is None:
            shown[entry["seq"]] = entry["ref"]
            continue
        node_id, tail = about
        root = (_root(entry.get("new")) or _root(entry.get("old"))) if entry["field"] == "simpul" else None
        then = str(root.get("code") or "") if root else codes.get(node_id, "")
        if node_id in casc.nodes:
            now = node_ref(casc.nodes[node_id])
            text = now + tail + (f" (dulu {then}{tail})" if then and then != now else "")
        else:  # removed since: the code it had, its id only where that cannot pass for a code
            text = (then or ("" if looks_like_code(node_id) else node_id) or "\u2014") + tail
        shown[entry["seq"]] = text
        _take_back(codes, entry)
    return shown
