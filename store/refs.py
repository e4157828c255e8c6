"""Finding what an operator means by a REF: an id, a code, or a piece of a name that matches exactly one thing."""

from __future__ import annotations

from dataclasses import dataclass

from .cascade import Cascade
from .errors import RefNotFound
from .fields import FieldSpec
from .model import BUDGET_LEVELS
from .sanitize import quote

NARRATIVE_PREFIX = "narasi:"
PROFILE_REF = "profil"


@dataclass(frozen=True)
class Target:
    kind: str  # "indicator", "node", "narrative" or "profile"
    id: str  # indicator id, node id, narrative key, or "profil"
    label: str


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

    if ref in casc.indicators and want in (None, "indicator"):
        return _indicator_target(casc, ref)
    exact_nodes = [n["id"] for n in casc.nodes.values() if ref in (n["id"], n["code"]) and ref]
    if len(exact_nodes) == 1:
        node = casc.nodes[exact_nodes[0]]
        if want == "indicator":
            # A node with a single indicator stands for it: `lkjip set wb S1 realisasi 80`.
            if len(node["indicators"]) == 1:
                return _indicator_target(casc, node["indicators"][0]["id"])
            names = [f"{i['id']} \u2014 {i['name']}" for i in node["indicators"]]
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
    listing = [f"{t.id} \u2014 {t.label}" for t in found]
    raise RefNotFound(
        f"{quote(text)} cocok dengan {len(found)} hal; pakai id atau kode salah satunya.", listing
    )
