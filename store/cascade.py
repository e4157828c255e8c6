"""A read-only index over a workbook document: nodes by id, children in order, indicators by id.

Built once per saved revision and shared by the engine, the checks, the reference resolver and the TUI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import (ANALYSIS_POINTS, ISU, META, NARRATIVE, NODES, RENJA_EVAL_POINTS, Indicator, IsuRow, Meta,
                    Narrative, Node, analysis_key, renja_eval_key)


def _sort_key(node: Node) -> tuple[Any, ...]:
    return (node.get("order", 0), node.get("code", ""), node.get("name", ""))


class Cascade:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        meta_docs = document[META]
        self.meta_doc_id = next(iter(meta_docs))
        self.meta: Meta = meta_docs[self.meta_doc_id]
        self.nodes: dict[str, Node] = {}
        self.node_doc_ids: dict[str, str] = {}
        self.children: dict[str | None, list[Node]] = {}
        self.indicators: dict[str, tuple[Node, Indicator]] = {}
        for doc_id, node in document[NODES].items():
            self.nodes[node["id"]] = node
            self.node_doc_ids[node["id"]] = doc_id
            for ind in node.get("indicators", ()):
                self.indicators[ind["id"]] = (node, ind)
        for node in self.nodes.values():
            parent = node.get("parent")
            if parent not in self.nodes:
                parent = None
            self.children.setdefault(parent, []).append(node)
        for kids in self.children.values():
            kids.sort(key=_sort_key)
        self.narrative: dict[str, Narrative] = {}
        self.narrative_doc_ids: dict[str, str] = {}
        for doc_id, sec in document[NARRATIVE].items():
            self.narrative[sec["key"]] = sec
            self.narrative_doc_ids[sec["key"]] = doc_id
        self._add_analysis_sections()
        self._add_renja_eval_sections()
        self.isu: list[IsuRow] = sorted(document[ISU].values(), key=lambda r: r.get("order", 0))

    def _add_analysis_sections(self) -> None:
        """BAB III has an analysis under each sasaran ("analisis:<id>"). A sasaran added by the office has no section
        record yet: it gets an empty one here, in the index only, so the narrative view lists it and the draft names
        it. The first text saved into it writes the record (Workbook._apply_in); reading writes nothing."""
        keys = [(analysis_key(n["id"], suffix), suffix, title) for n in self.nodes.values()
                if n["level"] == "sasaran" for suffix, title in ANALYSIS_POINTS if suffix is not None]
        if all(key in self.narrative for key, _, _ in keys):
            return  # the usual case: no walk of the whole cascade for the numbering
        for no, sasaran in enumerate(self.of_level("sasaran"), start=1):
            for suffix, title in ANALYSIS_POINTS:
                key = analysis_key(sasaran["id"], suffix) if suffix is not None else None
                if key is None or key in self.narrative:
                    continue
                # The points besides the causes (the section "analisis:<id>") are named by their own titles.
                name = f"Analisis Sasaran {no}: {sasaran['name']}" if not suffix else f"Sasaran {no}: {title}"
                self.narrative[key] = {"key": key, "title": name[:200], "texts": {}, "rev": 0}

    def _add_renja_eval_sections(self) -> None:
        """The four texts under each quarter's Renja evaluation, listed like a sasaran's analysis: in the index only
        until the first text is saved into one (Workbook._apply_in)."""
        roman = ("I", "II", "III", "IV")
        for tw in range(1, 5):
            for part, title in RENJA_EVAL_POINTS:
                key = renja_eval_key(tw, part)
                if key not in self.narrative:
                    self.narrative[key] = {"key": key, "title": f"Evaluasi Renja TW {roman[tw - 1]}: {title}",
                                           "texts": {}, "rev": 0}

    # -- shape ---------------------------------------------------------------------------------------------------
    @property
    def tahun(self) -> int:
        return int(self.meta["tahun"])

    def kids(self, node_id: str | None) -> list[Node]:
        return self.children.get(node_id, [])

    def roots(self) -> list[Node]:
        return self.children.get(None, [])

    def walk(self, node_id: str | None = None, depth: int = 0) -> Iterator[tuple[Node, int]]:
        """Depth-first, in order: every node under `node_id` (the whole cascade for None) with its depth."""
        for kid in self.kids(node_id):
            yield kid, depth
            yield from self.walk(kid["id"], depth + 1)

    def descendants(self, node_id: str) -> Iterator[Node]:
        for node, _ in self.walk(node_id):
            yield node

    def of_level(self, level: str) -> list[Node]:
        return [n for n, _ in self.walk() if n["level"] == level]

    def ancestors(self, node_id: str) -> list[Node]:
        out = []
        node = self.nodes.get(node_id)
        while node and (parent := node.get("parent")) is not None and parent in self.nodes:
            node = self.nodes[parent]
            out.append(node)
        return out

    def sasaran_of(self, node_id: str) -> Node | None:
        node = self.nodes.get(node_id)
        chain = ([node] if node else []) + self.ancestors(node_id)
        return next((n for n in chain if n["level"] == "sasaran"), None)

    def label(self, node: Node) -> str:
        return f"{node['code']} {node['name']}".strip()
