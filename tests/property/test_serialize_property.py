"""A year of saves, drawn at random: whatever happens to the document between two saves (values edited in place and
marked, records inserted, deleted or replaced without a mark, a table rebuilt by TinyDB, a reload of the file), the
incremental writer writes byte for byte what a full dump writes, and `changed()` names every record whose bytes
differ from the last save, so the schema checks each of them before the save."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from store.disk import serialize
from store.disk.serialize import DocumentWriter, dumps

# Digit ids like the edit log's ("9" sorts after "10"), and others: sorted() and orjson both order by code point,
# so U+FFFF comes before an emoji (UTF-16 order would put it after).
IDS = st.sampled_from([str(n) for n in range(1, 40)] + ["a", "Z", "é", "", "10a", "ü", "\uffff", "\U0001f600"])
TABLES = st.sampled_from(["log", "meta", "nodes", "isu"])
# 1, 1.0 and True are == in Python and written differently: the writer must tell them apart.
SCALARS = st.sampled_from([1, 1.0, True, 0, False, 0.0, None, "", "1"]) | st.integers(-10**6, 10**6) | st.text(max_size=6)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)
RECORDS = st.dictionaries(st.sampled_from(["rev", "name", "years", "v", "w"]), VALUES, max_size=4)
OTHERS = st.sampled_from([1, 1.0, True, "x"])  # what an equal-looking replacement puts in place of a value


def _record_bytes(document: dict) -> dict[tuple[str, str], bytes]:
    return {(t, rid): orjson.dumps(r, option=orjson.OPT_SORT_KEYS) for t, table in document.items()
            if isinstance(table, dict) for rid, r in table.items()}


def _copy(record: dict) -> dict:
    return orjson.loads(orjson.dumps(record))


class YearOfSaves(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.chunk = serialize.CHUNK
        serialize.CHUNK = 3  # small chunks, so that a few records span several
        self.writer = DocumentWriter()
        self.document: dict = {"meta": {"1": {"revision": 0}}, "nodes": {}, "log": {}, "isu": {}, "extra": 7}
        self.dirty: set[tuple[str, str]] = set()
        self.saved = self.writer.dumps(self.document)
        self.last = _record_bytes(self.document)

    def teardown(self) -> None:
        serialize.CHUNK = self.chunk

    def _table(self, name: str) -> dict:
        table = self.document.get(name)
        if not isinstance(table, dict):
            table = self.document[name] = {}
        return table

    def _existing(self, table: str, data) -> str | None:
        records = self._table(table)
        return data.draw(st.sampled_from(sorted(records))) if records else None

    @rule(table=TABLES, field=st.sampled_from(["rev", "name", "v"]), value=VALUES, data=st.data())
    def edit_in_place_and_mark(self, table, field, value, data):
        rid = self._existing(table, data)
        records = self._table(table)
        if isinstance(records.get(rid), dict):
            records[rid][field] = value
            self.dirty.add((table, rid))

    @rule(table=TABLES, rid=IDS, record=RECORDS, mark=st.booleans())
    def insert(self, table, rid, record, mark):
        self._table(table)[rid] = _copy(record)  # over an existing id: a replacement
        if mark:
            self.dirty.add((table, rid))

    @rule(table=TABLES, rids=st.lists(IDS, max_size=5), mark=st.booleans())
    def delete(self, table, rids, mark):
        records = self._table(table)
        for rid in rids:
            if records.pop(rid, None) is not None and mark:
                self.dirty.add((table, rid))

    @rule(table=TABLES, other=OTHERS, data=st.data())
    def replace_without_a_mark(self, table, other, data):
        rid = self._existing(table, data)
        records = self._table(table)
        if rid is None:
            return
        record = records[rid]
        if isinstance(record, dict) and record and data.draw(st.booleans()):
            # An object that compares equal or nearly so, with one value swapped for an ==-equal one of another type.
            record = dict(record)
            record[data.draw(st.sampled_from(sorted(record)))] = other
        else:
            record = orjson.loads(orjson.dumps(record))  # equal content, another object
        records[rid] = record

    @rule(table=TABLES)
    def tinydb_rebuilds_the_table(self, table):
        self.document[table] = dict(self._table(table))  # the same record objects in a new dict

    @rule(value=st.sampled_from([{}, 3, [1, {"a": 2}], "teks"]))
    def a_value_that_is_not_a_table(self, value):
        self.document["extra"] = value

    @rule()
    def reload(self):
        self.document = orjson.loads(self.saved)  # another operator saved: every object is new
        self.dirty = set()

    @rule(way=st.sampled_from(["as storage saves", "dumps", "a plan the writer outlived"]))
    def save(self, way):
        prepared = self.writer.prepare(self.document, self.dirty)  # what storage.save does: prepare, check, write
        assert self.writer.changed(self.document, self.dirty) == prepared.changed  # a question, not a change
        now = _record_bytes(self.document)
        differ = {slot for slot, raw in now.items() if self.last.get(slot) != raw}
        assert differ <= prepared.changed
        if way == "as storage saves":
            self.saved = b"".join(self.writer.write(prepared))
        elif way == "dumps":
            self.saved = self.writer.dumps(self.document, self.dirty)
        else:
            self.writer.forget()  # a failed save in between: the plan is found again, from nothing
            self.saved = b"".join(self.writer.write(prepared))
        assert self.saved == dumps(self.document)
        self.last, self.dirty = now, set()

    @invariant()
    def the_document_is_still_writable_in_full(self):
        assert orjson.loads(dumps(self.document)) is not None


YearOfSaves.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_a_year_of_saves_writes_what_a_full_dump_writes = YearOfSaves.TestCase


def test_a_record_replaced_by_an_equal_one_of_another_type_is_written_again() -> None:
    writer = DocumentWriter()
    document = {"nodes": {"1": {"v": 1}, "2": {"v": 2}}}
    writer.dumps(document)
    document["nodes"]["1"] = {"v": True}  # == {"v": 1}, and no mark
    assert ("nodes", "1") in writer.changed(document, set())
    assert writer.dumps(document, set()) == dumps(document)
    assert b'"v": true' in writer.dumps(document, set())


def test_many_log_entries_land_in_the_order_a_full_dump_gives() -> None:
    writer = DocumentWriter()
    document = {"log": {str(n): {"seq": n} for n in range(1, 120)}}
    writer.dumps(document)
    for n in range(120, 260):  # one entry per save, as edits append them: "120" sorts between "12" and "13"
        document["log"][str(n)] = {"seq": n}
        assert writer.changed(document, {("log", str(n))}) == {("log", str(n))}
        assert writer.dumps(document, {("log", str(n))}) == dumps(document)


def test_a_key_that_is_not_text_is_refused_as_a_full_dump_refuses_it() -> None:
    writer = DocumentWriter()
    document = {"nodes": {"1": {"v": 1}}}
    writer.dumps(document)
    document["nodes"][2] = {"v": 2}
    with pytest.raises(TypeError):
        dumps(document)
    with pytest.raises(TypeError):
        writer.dumps(document, set())
    del document["nodes"][2]
    assert writer.dumps(document, set()) == dumps(document)  # the refusal left nothing half done
