"""Finding what an operator means by a REF: a code, an id, or a piece of a name that matches exactly one thing.

A node is named by its code: ids are internal (undo, the log and `budget_refs` hold them) and must stay stable, so a
node keeps the id it was given, and an older workbook's ids are the codes its nodes had when they were made
(`7.01.01.2.03`). Such an id is a name only while the node still holds that code: after a move or a code change the
old code names nothing (a REF by it is refused naming the current code) and may be given to a new node. So an
operator's REF is read current code first, and what lkjip shows as a REF (`node_ref`, `indicator_ref`) is the
current code, never such an id. The edit path, which carries ids, resolves them by `resolve_id`.
"""

from __future__ import annotations


from .cascade import Cascade
from .codes import looks_like_code
from .edits import Target
from .errors import RefNotFound
from .fields import FieldSpec
from .model import BUDGET_LEVELS, LEVEL_LABELS, Node
from .sanitize import cut, quote

NARRATIVE_PREFIX = "narasi:"
PROFILE_REF = "profil"


def node_ref(node: Node) -> str:
    """The REF that names a node: its code; a node without one by its id (T1, S2, P3)."""
    return node["code"] or node["id"]


def indicator_ref(casc: Cascade, ind_id: str) -> str:
    """The REF that names an indicator: its node's REF and its number there (`7.01.02.2.02.0003/1`, `S1/2`)."""
    node, _ = casc.indicators[ind_id]
    head, slash, number = ind_id.rpartition("/")
    return f"{node_ref(node)}/{number}" if slash and head == node["id"] else ind_id


def public_ref(casc: Cascade, ref: str) -> str:
    """The REF shown for an id (a node's or an indicator's); anything else as it is."""
    if ref in casc.nodes:
        return node_ref(casc.nodes[ref])
    if ref in casc.indicators:
        return indicator_ref(casc, ref)
    return ref


def _stale(node: Node) -> bool:
    """An id that looks like a code the node no longer holds (moved, recoded): not a name of it any more."""
    return bool(node["code"]) and node["id"] != node["code"] and looks_like_code(node["id"])


def _moved(text: str, node: Node, now: str) -> RefNotFound:
    # `text` is an id shaped like a code (digits and dots, maybe /N): nothing to sanitise, short.
    what = f"{LEVEL_LABELS[node['level']].lower()} {node['name']}"
    return RefNotFound(f"{text} sekarang {now} ({cut(what, 60)}: kodenya sudah diubah atau dipindah); pakai kode "
                       f"yang sekarang.")


def _node_by_ref(casc: Cascade, ref: str) -> Node | None:
    """A node by its current code, else by an id that is not an old code of it."""
    if not ref:
        return None
    by_code = next((n for n in casc.nodes.values() if n["code"] == ref), None)
    if by_code is not None:
        return by_code
    node = casc.nodes.get(ref)
    if node is not None and _stale(node):
        raise _moved(ref, node, node["code"])
    return node


def _indicator_by_ref(casc: Cascade, ref: str) -> str | None:
    """An indicator id by its REF (node REF/number), else by an id whose node part is not an old code."""
    head, slash, number = ref.rpartition("/")
    if slash and head:
        node = next((n for n in casc.nodes.values() if n["code"] == head), None)
        if node is not None and f"{node['id']}/{number}" in casc.indicators:
            return f"{node['id']}/{number}"
    if ref in casc.indicators:
        node, _ = casc.indicators[ref]
        if slash and head == node["id"] and _stale(node):
            raise _moved(ref, node, indicator_ref(casc, ref))
        return ref
    return None


def resolve_id(casc: Cascade, ref: str, spec: FieldSpec | None = None) -> Target:
    """The target of an Edit, whose ref is an id (or a narrative key / profil): by the id itself, first, so that an
    old code now held by another node never redirects an edit, an undo or a replayed paste. Anything that is not
    such an id is read as an operator's REF."""
    want = spec.target if spec else None
    if want in (None, "indicator") and ref in casc.indicators:
        return _indicator_target(casc, ref)
    node = casc.nodes.get(ref)
    if node is not None and want in (None, "node") and not (
            want == "node" and spec and spec.yearly and node["level"] not in BUDGET_LEVELS):
        return _node_target(casc, ref)
    return resolve(casc, ref, spec)


def _indicator_target(casc: Cascade, ind_id: str) -> Target:
    node, ind = casc.indicators[ind_id]
    return Target("indicator", ind_id, f"{ind['name']} ({casc.label(node)})")


def _node_target(casc: Cascade, node_id: str) -> Target:
    return Target("node", node_id, casc.label(casc.nodes[node_id]))


def resolve(casc: Cascade, text: str, spec: FieldSpec | None = None) -> Target:
    """Resolve REF for a field. Exact ids and codes win; otherwise a case-insensitive piece of a name must match
    exactly one indicator or node that the field applies to. Zero or several: RefNotFound listing candidates."""
    ref = text.strip()
    want = spec.target if spec else None
    if want == "pejabat":  # an official of a year, by key (store.pejabat); made by its first edit
        key = ref.removeprefix("pejabat:")
        return Target("pejabat", key, f"Pejabat {key}")
    if want == "profile" or (want is None and ref == PROFILE_REF):
        return Target("profile", PROFILE_REF, "Profil instansi")
    if want == "narrative" or ref.startswith(NARRATIVE_PREFIX):
        key = ref.removeprefix(NARRATIVE_PREFIX)
        if key in casc.narrative:
            return Target("narrative", key, casc.narrative[key]["title"])
        raise RefNotFound(f"Bagian narasi {quote(key)} tidak ada.", sorted(casc.narrative))

    def fits_node(node_id: str) -> bool:
        if want != "node":
            return want is None
        if spec and spec.yearly:
            return casc.nodes[node_id]["level"] in BUDGET_LEVELS
        return True

    if want in (None, "indicator"):
        ind_id = _indicator_by_ref(casc, ref)
        if ind_id is not None:
            return _indicator_target(casc, ind_id)
    node = _node_by_ref(casc, ref)
    if node is not None:
        if want == "indicator":
            # A node with a single indicator stands for it: `lkjip set wb S1 realisasi 80`.
            if len(node["indicators"]) == 1:
                return _indicator_target(casc, node["indicators"][0]["id"])
            names = [f"{indicator_ref(casc, i['id'])} \u2014 {i['name']}" for i in node["indicators"]]
            raise RefNotFound(
                f"{casc.label(node)} punya {len(names)} indikator; sebutkan salah satunya.", names
            )
        if fits_node(node["id"]):
            return _node_target(casc, node["id"])

    needle = ref.casefold()
    if not needle:
        raise RefNotFound("REF kosong: sebutkan kode, id, atau sebagian nama.")
    found: list[Target] = []
    if want in (None, "indicator"):
        found += [_indicator_target(casc, i) for i, (_, ind) in casc.indicators.items()
                  if needle in ind["name"].casefold()]
    if want in (None, "node"):
        found += [_node_target(casc, n["id"]) for n in casc.nodes.values()
                  if needle in n["name"].casefold() and fits_node(n["id"])]
    if len(found) == 1:
        return found[0]
    if not found:
        what = {"indicator": "indikator", "node": "simpul cascading"}.get(want or "", "indikator atau simpul")
        raise RefNotFound(f"Tidak ada {what} yang cocok dengan {quote(text)}.")
    listing = [f"{public_ref(casc, t.id)} \u2014 {t.label}" for t in found]
    raise RefNotFound(
        f"{quote(text)} cocok dengan {len(found)} hal; pakai id atau kode salah satunya.", listing
    )
