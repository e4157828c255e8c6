"""The on-disk form of a workbook, and a writer whose work for a save follows what changed, not the file's size.

A kabupaten workbook is about 5 MB of JSON in some 2,000 records, and every edit saves it. The writer keeps, per
table, the sorted record ids, the record objects it wrote and each record's bytes, grouped in chunks whose joined
bytes are kept too. A save then costs, in Python, only the records that changed; the rest is C-level work:
- `itemgetter(*ids)` fetches the records in id order and `map(is_not, ...)` finds any record object that was
  replaced without being marked dirty (by identity, never by `==`: `{"a": 1} == {"a": 1.0} == {"a": True}`, yet
  the three are written differently);
- a dirty record is always written again, whether or not it is the same object (it was changed in place);
- a new id (a log entry) is found from `dirty` and put in its sorted place (`sorted()` order, which is orjson's key
  order: code points); any other change of a table's ids (a record inserted or removed without being marked)
  shows as a count or a lookup that does not match, and the table is rebuilt, reusing the bytes of unchanged records.
The result is byte for byte what `dumps()` produces for the whole document. A save hands the parts (some hundred,
chunks of ≈170 KB and the layout between them) to the safe writer, which writes them with writev: the 5 MB are
never joined into one more copy.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import is_not, itemgetter
from typing import Any

import orjson

_RECORD = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_DUMP_OPTIONS = _RECORD | orjson.OPT_APPEND_NEWLINE
# Records per cached chunk: an edit joins one chunk again (≈170 KB of node records), not the whole table.
CHUNK = 64
# Each new id is put in place by an insertion that moves the ids after it; with more new ids than this or than a
# quarter of the table (an import), sorting afresh is as cheap (measured: 300 new of 5,000 2.5 ms inserted, 5.7 ms
# sorted afresh; 500 new of 1,000 3.3 ms inserted, 2.5 ms sorted).
_FEW = 64


def dumps(document: dict[str, Any]) -> bytes:
    """The on-disk form: sorted keys and indentation, so that a workbook diffs well under version control."""
    return orjson.dumps(document, option=_DUMP_OPTIONS)


def _is_table(value: object) -> bool:
    # Any non-empty object is laid out record by record: a record of any JSON type indents the same way, so this
    # needs no look at the records themselves.
    return isinstance(value, dict) and bool(value)


def _key(name: object) -> bytes:
    if not isinstance(name, str):  # orjson refuses it in a full dump: so must the writer
        raise TypeError("Dict key must be str")
    return orjson.dumps(name)


def _record_bytes(rid: object, record: object) -> bytes:
    """One record as it stands inside its table in the file, without the separator after it."""
    return b"    " + _key(rid) + b": " + orjson.dumps(record, option=_RECORD).replace(b"\n", b"\n    ")


def _getter(ids: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The records of `ids` in order, fetched in C; a missing id raises KeyError."""
    if len(ids) == 1:
        only = ids[0]
        return lambda table: (table[only],)
    return itemgetter(*ids)


class _Table:
    """What the last save wrote of one table: ids in file order, the record objects and their bytes."""

    __slots__ = ("ids", "records", "parts", "chunks", "getter")

    def __init__(self, ids: list[str], records: list[Any], parts: list[bytes]) -> None:
        self.ids, self.records, self.parts = ids, records, parts
        self.chunks: list[bytes | None] = [None] * -(-len(ids) // CHUNK)
        self.getter = _getter(ids)

    def position(self, rid: str) -> int | None:
        i = bisect_left(self.ids, rid)
        return i if i < len(self.ids) and self.ids[i] == rid else None

    def body(self) -> list[bytes]:
        """The table's records with their separators, as a few large parts (chunks joined once, then kept)."""
        out: list[bytes] = []
        chunks, parts = self.chunks, self.parts
        for k, chunk in enumerate(chunks):
            if chunk is None:
                chunk = chunks[k] = b",\n".join(parts[k * CHUNK : (k + 1) * CHUNK])
            out.append(chunk)
            out.append(b",\n")
        out[-1] = b"\n"
        return out


# (new ids, their records, positions of existing records to write again, the records in id order)
_Plan = tuple[list[str], tuple[Any, ...], list[int], tuple[Any, ...]]


def _plan(state: _Table | None, table: dict[str, Any], dirty: set[str]) -> _Plan | None:
    """How `table` differs from what `state` wrote, or None when the ids changed in a way only a rebuild sorts out.
    Reads, never changes, `state`."""
    if state is None:
        return None
    ids = state.ids
    new = [rid for rid in dirty if rid in table and state.position(rid) is None] if dirty else []
    if len(table) != len(ids) + len(new) or len(new) > max(_FEW, len(ids) // 4):
        return None  # a record inserted or removed without being marked dirty, or many new ones
    try:
        current = state.getter(table)  # every cached id is still there; with the count, the id sets are equal
    except KeyError:
        return None
    stale = list(compress(range(len(ids)), map(is_not, current, state.records)))  # replaced objects
    for rid in dirty:
        i = state.position(rid)
        if i is not None:
            stale.append(i)  # changed in place: the same object, new content
    new.sort()
    return new, tuple(table[rid] for rid in new), stale, current


@dataclass(frozen=True)
class Prepared:
    """A save, found once: the schema checks `changed`, then `DocumentWriter.write` writes it. Nothing may change in
    the document in between (storage.save runs only the schema check there); the writer itself changing (another
    save, `forget`) makes `write` find it again."""

    document: dict[str, Any]
    dirty: set[tuple[str, str]]
    plans: dict[str, _Plan | None]
    changed: set[tuple[str, str]]
    generation: int


class _Warming:
    """A warm-up in progress (DocumentWriter.warm): the tables done so far and where the current one stands."""

    __slots__ = ("generation", "document", "keys", "done", "table")

    def __init__(self, generation: int, document: dict[str, Any]) -> None:
        self.generation, self.document = generation, document
        self.keys = [key for key in sorted(document, reverse=True) if _is_table(document[key])]  # popped from the end
        self.done: dict[str, _Table] = {}
        self.table: tuple[str, _Table] | None = None  # (name, state) with some chunks still to serialise


class DocumentWriter:
    def __init__(self) -> None:
        self._written: dict[str, _Table] = {}
        self._generation = 0  # changes with every save and `forget`: a Prepared from before is found again
        self._warming: _Warming | None = None

    def forget(self) -> None:
        self._written.clear()
        self._generation += 1

    def warm(self, document: dict[str, Any], chunks: int = 4) -> bool:
        """Serialise up to `chunks` chunks of `document` ahead of its first save, so that save costs what any later
        one does (2,000 nodes: ≈35 ms in one go otherwise, on the operator's first Enter). Call it again until it
        says True. Only between saves, never inside a transaction: a save, `forget` or another document makes it
        start over; a record replaced meanwhile is found by identity at the save, like any replaced record."""
        if self._written:
            self._warming = None
            return True  # a save already wrote the document: its bytes are kept
        w = self._warming
        if w is None or w.generation != self._generation or w.document is not document:
            w = self._warming = _Warming(self._generation, document)
        while chunks > 0:
            if w.table is None:
                if not w.keys:
                    self._written, self._warming = w.done, None
                    self._generation += 1  # what a Prepared from before found no longer holds
                    return True
                key = w.keys.pop()
                ids = sorted(document[key])
                records = list(_getter(ids)(document[key]))
                w.table = key, _Table(ids, records, [])
            key, state = w.table
            k = len(state.parts) // CHUNK
            state.parts.extend(_record_bytes(rid, rec) for rid, rec in
                               zip(state.ids[k * CHUNK : (k + 1) * CHUNK], state.records[k * CHUNK : (k + 1) * CHUNK]))
            state.chunks[k] = b",\n".join(state.parts[k * CHUNK :])
            if len(state.parts) == len(state.ids):
                w.done[key], w.table = state, None
            chunks -= 1
        return False

    def prepare(self, document: dict[str, Any], dirty: set[tuple[str, str]]) -> Prepared:
        """What `write` will serialise again (`changed`): the dirty records and every record object not written
        before in its place (new log entries, inserted or replaced records). The schema checks these before a save."""
        out = set(dirty)
        by_table = _by_table(dirty)
        plans: dict[str, _Plan | None] = {}
        for key, table in document.items():
            if not _is_table(table):
                continue
            state = self._written.get(key)
            plan = plans[key] = _plan(state, table, by_table.get(key, set()))
            if plan is None:
                out.update(_unwritten(state, key, table))
                continue
            assert state is not None
            out.update((key, rid) for rid in plan[0])
            out.update((key, state.ids[i]) for i in plan[2])
        return Prepared(document, set(dirty), plans, out, self._generation)

    def changed(self, document: dict[str, Any], dirty: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """The records a save of `document` will serialise again (see `prepare`)."""
        return self.prepare(document, dirty).changed

    def write(self, prepared: Prepared) -> list[bytes]:
        """The prepared document's bytes as a list of parts to write in order (see the module's docstring); the
        writer then remembers it as the one on disk."""
        if prepared.generation != self._generation:
            prepared = self.prepare(prepared.document, prepared.dirty)
        self._generation += 1
        if not prepared.document:
            self._written.clear()
            return [dumps(prepared.document)]
        try:
            return self._parts(prepared)
        except BaseException:
            self._written.clear()  # a value orjson refused may have left a table half updated: start afresh
            raise

    def parts(self, document: dict[str, Any], dirty: set[tuple[str, str]] | None = None) -> list[bytes]:
        """`dumps(document)` as parts, reusing the bytes of records not in `dirty` (None: everything afresh)."""
        if dirty is None:
            self.forget()
        return self.write(self.prepare(document, dirty or set()))

    def _parts(self, prepared: Prepared) -> list[bytes]:
        document = prepared.document
        by_table = _by_table(prepared.dirty)
        tables: dict[str, _Table] = {}
        out = [b"{\n"]
        for key in sorted(document):
            value = document[key]
            out.append(b"  " + _key(key) + b": ")
            if _is_table(value):
                state = self._written.get(key)
                dirty = by_table.get(key, set())
                plan = prepared.plans[key] if key in prepared.plans else _plan(state, value, dirty)
                state = tables[key] = _update(state, value, dirty, plan)
                out.append(b"{\n")
                out.extend(state.body())
                out.append(b"  }")
            else:
                out.append(orjson.dumps(value, option=_RECORD).replace(b"\n", b"\n  "))
            out.append(b",\n")
        out[-1] = b"\n"
        out.append(b"}\n")
        self._written = tables  # tables no longer in the document are dropped
        return out

    def dumps(self, document: dict[str, Any], dirty: set[tuple[str, str]] | None = None) -> bytes:
        """`dumps(document)`, reusing the bytes of records that are not in `dirty`. dirty=None: everything."""
        return b"".join(self.parts(document, dirty))


def _by_table(dirty: set[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table, rid in dirty:
        out.setdefault(table, set()).add(rid)
    return out


def _unwritten(state: _Table | None, key: str, table: dict[str, Any]) -> list[tuple[str, str]]:
    """Every record of `table` that `state` did not write in its place (the slow path of `changed`)."""
    if state is None:
        return [(key, rid) for rid in table]
    written = dict(zip(state.ids, state.records))
    return [(key, rid) for rid, record in table.items() if written.get(rid, written) is not record]


def _update(state: _Table | None, table: dict[str, Any], dirty: set[str], plan: _Plan | None) -> _Table:
    """The table's state after writing `table`: changed records serialised again, the rest kept."""
    if plan is None:
        return _rebuild(state, table, dirty)
    assert state is not None
    new, records, stale, current = plan
    for i in stale:
        part = _record_bytes(state.ids[i], current[i])
        state.records[i], state.parts[i] = current[i], part
        state.chunks[i // CHUNK] = None
    if new:
        serialised = [_record_bytes(rid, record) for rid, record in zip(new, records)]
        first = len(state.ids)
        for rid, record, part in zip(new, records, serialised):
            i = bisect_left(state.ids, rid)
            state.ids.insert(i, rid)
            state.records.insert(i, record)
            state.parts.insert(i, part)
            first = min(first, i)
        # Every chunk from the first insertion on holds other records now.
        chunks = -(-len(state.ids) // CHUNK)
        state.chunks[first // CHUNK :] = [None] * (chunks - first // CHUNK)
        state.getter = _getter(state.ids)
    return state


def _rebuild(state: _Table | None, table: dict[str, Any], dirty: set[str]) -> _Table:
    """Sort the table afresh (a first save, a reload, records inserted or removed without a mark), keeping the bytes
    of every record that is the same object in the same place and not dirty."""
    ids = sorted(table)
    records = list(_getter(ids)(table))
    written = {} if state is None else dict(zip(state.ids, zip(state.records, state.parts)))
    parts = []
    for rid, record in zip(ids, records):
        kept = written.get(rid)
        if kept is None or kept[0] is not record or rid in dirty:
            parts.append(_record_bytes(rid, record))
        else:
            parts.append(kept[1])
    return _Table(ids, records, parts)
