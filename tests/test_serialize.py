"""The incremental writer must write, byte for byte, what a full serialisation writes."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.demo import demo_document
from store.schema import DocumentInvalid
from store.serialize import DocumentWriter, dumps
from store.workbook import Workbook

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)
records = st.dictionaries(st.text(max_size=6), json_values, max_size=4)
tables = st.dictionaries(st.text(alphabet="0123456789", min_size=1, max_size=3), records, max_size=5)
documents = st.dictionaries(st.sampled_from(["meta", "nodes", "log", "isu", "narrative", "extra"]),
                            tables | json_values, max_size=6)


@given(documents)
def test_any_document_is_written_as_a_full_dump_would(document: dict) -> None:
    assert DocumentWriter().dumps(document) == dumps(document)


@given(documents, st.data())
@settings(max_examples=60)
def test_records_changed_in_place_and_touched_are_written_again(document: dict, data) -> None:
    writer = DocumentWriter()
    writer.dumps(document)
    touched = set()
    for table, value in document.items():
        if isinstance(value, dict) and value and all(isinstance(r, dict) for r in value.values()):
            for rid in data.draw(st.lists(st.sampled_from(sorted(value)), max_size=2)):
                value[rid]["changed"] = data.draw(json_values)
                touched.add((table, rid))
    assert writer.dumps(document, touched) == dumps(document)


def test_a_run_of_edits_leaves_exactly_the_full_serialisation_on_disk(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    edits = [("kepuasan", "realisasi", "80"), ("S2", "target", "99,5"), ("7.01.01.2.01.0001", "pagu", "1.000.000"),
             ("kepuasan", "realisasi", "81,25"), ("narasi:ikhtisar", "teks", "Teks **baru**."),
             ("7.01.03", "pagu-pk", "Rp 75.000.000,-")]
    for ref, field, value in edits:
        wb.set(ref, field, value, 2022)
        raw = demo_path.read_bytes()
        assert raw == dumps(orjson.loads(raw)) == dumps(wb.document())
    wb.lock_year(2021)
    raw = demo_path.read_bytes()
    assert raw == dumps(orjson.loads(raw))
    reopened = Workbook.open(demo_path).cascade()
    assert reopened.indicators["S1/1"][1]["years"]["2022"]["realisasi"] == "81.25"
    assert reopened.nodes["7.01.03"]["budget"]["2022"]["pagu_pk"] == 75000000
    assert "2021" in reopened.meta["locks"]


def test_a_second_operator_sees_the_first_operators_edits_and_both_land(demo_path: Path) -> None:
    a, b = Workbook.open(demo_path, user="ani"), Workbook.open(demo_path, user="budi")
    a.set("kepuasan", "realisasi", "80", 2022)
    b.set("S2", "realisasi", "95", 2022)  # b reloads a's save, then writes its own
    a.set("kepuasan", "target", "83", 2022)  # a reloads b's save
    raw = demo_path.read_bytes()
    assert raw == dumps(orjson.loads(raw))
    casc = Workbook.open(demo_path).cascade()
    assert casc.indicators["S1/1"][1]["years"]["2022"] == {"target": "83", "realisasi": "80"}
    assert casc.indicators["S2/1"][1]["years"]["2022"]["realisasi"] == "95"


def test_the_demo_is_written_as_a_full_dump_would() -> None:
    doc = demo_document()
    assert DocumentWriter().dumps(doc) == dumps(doc)


def test_a_record_replaced_without_a_mark_is_still_checked_and_written(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set("kepuasan", "realisasi", "80", 2022)  # the writer now holds every record's bytes
    before = demo_path.read_bytes()
    with pytest.raises(DocumentInvalid) as refused:
        with wb.transaction() as w:
            doc = w.document
            rid = next(r for r, n in doc["nodes"].items() if n["id"] == "S1")
            doc["nodes"][rid] = dict(doc["nodes"][rid], level="sub_kegiatan")  # a new object, never touched
            wb.set("kepuasan", "realisasi", "81", 2022)
    assert f"nodes.{rid}.level" in str(refused.value)
    assert demo_path.read_bytes() == before
    with wb.transaction() as w:
        doc = w.document
        doc["nodes"][rid] = dict(doc["nodes"][rid], name="Sasaran dengan nama baru")  # valid, never touched
        wb.set("kepuasan", "realisasi", "81", 2022)
    raw = demo_path.read_bytes()
    assert raw == dumps(orjson.loads(raw))
    assert Workbook.open(demo_path).cascade().nodes["S1"]["name"] == "Sasaran dengan nama baru"


def refuses_a_replaced_record(wb: Workbook, path: Path) -> None:
    """A node replaced by an invalid copy inside a transaction, never marked: the save is refused, the file unchanged."""
    before = path.read_bytes()
    with pytest.raises(DocumentInvalid):
        with wb.transaction() as w:
            doc = w.document
            rid = next(r for r, n in doc["nodes"].items() if n["id"] == "S1")
            doc["nodes"][rid] = dict(doc["nodes"][rid], level="sub_kegiatan")  # replaced, never touched
            wb.set("kepuasan", "realisasi", "81", 2022)
    assert path.read_bytes() == before


def test_the_first_save_after_opening_checks_only_what_changed_and_still_catches_a_replaced_record(
        demo_path: Path, monkeypatch) -> None:
    """Opening checked every record; the first save (before the writer has written any) looks again only at the
    edited record, its log entry and anything replaced since (at kabupaten scale a second full look was ≈0.25 s)."""
    import store.storage as storage

    looked: list[set | None] = []
    real_check = storage.check

    def spy(document, changed=None, previous=None):
        looked.append(None if changed is None else set(changed))
        return real_check(document, changed, previous)

    monkeypatch.setattr(storage, "check", spy)
    wb = Workbook.open(demo_path)
    looked.clear()
    wb.set("kepuasan", "realisasi", "80", 2022)
    assert looked[-1] is not None and {t for t, _ in looked[-1]} <= {"nodes", "log", "meta"}
    assert len(looked[-1]) <= 3, looked[-1]  # the IKM's node, its log entry (and the revision in meta)

    wb = Workbook.open(demo_path)
    refuses_a_replaced_record(wb, demo_path)


# -- preparing the first save while the operator reads the screen (DocumentWriter.warm) -----------------------------
def _warm_fully(writer: DocumentWriter, document: dict, steps: list[int] | None = None) -> None:
    for _ in range(10_000):
        if writer.warm(document, chunks=1):
            return
        if steps is not None:
            steps.append(1)
    raise AssertionError("warm never finished")


@given(documents, st.data())
@settings(max_examples=60)
def test_a_warmed_writer_writes_what_a_full_dump_writes_after_any_edit(document: dict, data) -> None:
    writer = DocumentWriter()
    _warm_fully(writer, document)
    touched = set()
    for table, value in document.items():
        if isinstance(value, dict) and value and all(isinstance(r, dict) for r in value.values()):
            for rid in data.draw(st.lists(st.sampled_from(sorted(value)), max_size=2)):
                value[rid]["changed"] = data.draw(json_values)  # in place, and marked
                touched.add((table, rid))
            if data.draw(st.booleans()):
                rid = data.draw(st.sampled_from(sorted(value)))
                value[rid] = dict(value[rid], replaced=True)  # a new object, never marked
    assert writer.dumps(document, touched) == dumps(document)


def test_warming_is_done_in_steps_and_restarts_after_a_save_or_another_document(demo_path: Path) -> None:
    doc = demo_document()
    writer, steps = DocumentWriter(), []
    assert not writer.warm(doc, chunks=1)  # the demo is more than one chunk
    _warm_fully(writer, doc, steps)
    assert steps and writer.warm(doc)  # done, and stays done
    assert writer.changed(doc, set()) == set()  # the first save serialises nothing again
    assert all(chunk is not None for table in writer._written.values() for chunk in table.chunks)  # nor joins
    assert writer.dumps(doc, set()) == dumps(doc)

    other = DocumentWriter()
    assert not other.warm(doc, chunks=1)
    copy = orjson.loads(dumps(doc))
    copy["nodes"][next(iter(copy["nodes"]))]["name"] = "Nama lain"
    _warm_fully(other, copy)  # another document: the half-done warm-up of `doc` is dropped, not mixed in
    assert other.changed(copy, set()) == set()
    assert other.dumps(copy, set()) == dumps(copy)

    saved = DocumentWriter()
    assert not saved.warm(doc, chunks=1)
    rid = next(iter(doc["nodes"]))
    doc["nodes"][rid]["name"] = "Diubah lalu disimpan"
    assert saved.dumps(doc, {("nodes", rid)}) == dumps(doc)  # a save in the middle of the warm-up
    assert saved.warm(doc)  # the save wrote everything: nothing left to warm
    doc["nodes"][rid]["name"] = "Diubah lagi"
    assert saved.dumps(doc, {("nodes", rid)}) == dumps(doc)


def test_a_warmed_workbook_saves_exactly_and_still_checks_a_replaced_record(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    while not wb.warm_save():
        pass
    refuses_a_replaced_record(wb, demo_path)
    wb = Workbook.open(demo_path)
    while not wb.warm_save():
        pass
    wb.set("kepuasan", "realisasi", "81", 2022)
    raw = demo_path.read_bytes()
    assert raw == dumps(orjson.loads(raw)) == dumps(wb.document())
    with wb.transaction():
        assert wb.warm_save()  # inside a transaction it does nothing (records may be half changed)
