"""Whatever an operator does to the shape of the cascade, taking it back step by step gives the very same workbook."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reports import tables as T
from store.edits import plans
from store.demo import demo_document
from store.text.errors import WorkbookError
from store.edits.structure import clean
from store.edits.workbook import Workbook

_runs = itertools.count()

# (what, a number that picks the node or indicator, a number that picks the other end)
OPS = st.lists(st.tuples(st.sampled_from(["hapus", "naik", "turun", "pindah", "tambah", "indikator"]),
                         st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=8)


def shape(wb: Workbook) -> dict[str, dict]:
    return {n["id"]: clean(n) for n in wb.cascade().nodes.values()}


def plan(wb: Workbook, what: str, a: int, b: int):
    casc = wb.cascade()
    ids = sorted(casc.nodes)
    if not ids:
        return None  # the operator deleted every node: nothing left to pick (adding a tujuan is another test)
    node = ids[a % len(ids)]
    if what == "hapus":
        inds = sorted(casc.indicators)
        return plans.plan_delete(casc, inds[b % len(inds)] if b % 3 == 0 and inds else node)
    if what in ("naik", "turun"):
        return plans.plan_step(casc, node, -1 if what == "naik" else 1)
    if what == "pindah":
        parents = plans.valid_parents(casc, node)
        return plans.plan_reparent(casc, node, parents[b % len(parents)]["id"]) if parents else None
    if what == "indikator":
        return plans.plan_add_indicator(casc, node, f"Indikator {b}", "%")
    level = casc.nodes[node]["level"]
    return plans.plan_add_node(casc, level, f"Simpul {b}", casc.nodes[node]["parent"])


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
@example(ops=[("hapus", 53, 1), ("hapus", 0, 0)])  # found by CI-like run: every node deleted, then one more pick
def test_every_structural_edit_is_undone_exactly(tmp_path: Path, ops) -> None:
    wb = Workbook.create(tmp_path / f"w{next(_runs)}.json", demo_document())
    before, tables_before = shape(wb), [t.as_json() for t in T.build_all(wb.cascade(), 2022)]
    done = []
    for what, a, b in ops:
        try:
            edit = plan(wb, what, a, b)
            if edit is not None and wb.apply(edit).changed:
                done.append(edit)
        except WorkbookError:
            pass  # refused (top of the list already, a code that would clash …): nothing changed
        T.build_all(wb.cascade(), 2022)  # every shape the operator makes still gives every table
    for edit in reversed(done):
        wb.apply(edit.inverse(), kind="undo")
    assert shape(wb) == before
    assert [t.as_json() for t in T.build_all(wb.cascade(), 2022)] == tables_before
