"""The one declared schema of a workbook document (schema 2), and the rules between its records.

The shape is declared as JSON Schema below; fastjsonschema generates its validators ahead of time into
store/schema_compiled.py (`python -m store.schema`; a test keeps the two in step). Chosen because it names the exact
path of a refusal (`nodes.12.level`) and costs the start-up least: `import store.schema` ≈3 ms with bytecode cached,
against ≈15–30 ms for msgspec (which also reports dict values as `[...]`, without their key) and ≈100 ms or more
for pydantic or jsonschema, measured with `python -X importtime` beside lkjip's own imports.

What a schema cannot say — ids unique, a parent that exists one level up, no loops, years inside the Renstra
period — is checked by store/schema_rules.py, in the same pass. Every refusal is `DocumentInvalid` with the path and
one Indonesian sentence (see store.schema_messages).

Checked on open (store.document.read_document), on import (store.interchange) and before every save: a save checks
only the records it changed, so a kabupaten workbook's edit stays within its frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from . import gate
from .errors import DocumentInvalid as DocumentInvalid  # re-exported: store.document raises it
from .gate import COUNT_MAX, LONG_TEXT_MAX, NARRATIVE_MAX, TEXT_MAX
from .pejabat import FIELDS as PEJABAT_FIELDS, KEY_PATTERN as PEJABAT_KEY
from .model import ISU, LEVELS, LOG, META, NARRATIVE, NODES, SCHEMA_VERSION, SIGNING_KEYS, TABLES
from .schema_messages import Refused, sentence
from .schema_rules import MEMO as _MEMO, Rules as _Rules

if TYPE_CHECKING:  # fastjsonschema itself is imported only to explain a refusal (_explain)
    from fastjsonschema import JsonSchemaValueException

try:
    from . import schema_compiled
except ImportError:  # pragma: no cover - only while regenerating it
    schema_compiled = None  # type: ignore[assignment]

# Caps: far above any real office (a kabupaten has ≈2,000 nodes), low enough that a hostile file is refused quickly.
# The texts' limits and characters are the one gate's (store.gate): what may be typed is what may be stored.
MAX_TEXT = LONG_TEXT_MAX
MAX_ITEMS = 500

_YEAR = "^[0-9]{4}$"
_RECORD_ID = "^[1-9][0-9]{0,8}$"
_RECORD_ID_RE = re.compile(_RECORD_ID)

# Leaf values are written out where they stand: a $ref costs the generated code a name built with str.format on every
# call (56,000 decimals at kabupaten scale: 0.5 s). Only the indicator, a whole record, is a definition.
_DECIMAL = r"^-?[0-9]{1,24}(\.[0-9]{1,24})?$"
_str = {"type": "string", "maxLength": TEXT_MAX, "pattern": gate.ONE_LINE, "description": "teks satu baris"}
_name = {"type": "string", "minLength": 1, "maxLength": TEXT_MAX, "pattern": gate.NAME, "description": "nama"}
_long = {"type": "string", "maxLength": MAX_TEXT, "pattern": gate.MULTI_LINE, "description": "teks"}
# A narrative's limit is in bytes (store.gate): the schema bounds its characters, the rules its bytes.
_narrative = {"type": "string", "maxLength": NARRATIVE_MAX, "pattern": gate.MULTI_LINE, "description": "teks"}
_decimal = {"type": ["string", "null"], "pattern": _DECIMAL, "maxLength": 50, "description": "angka"}
_decimal_given = {"type": "string", "pattern": _DECIMAL, "maxLength": 50, "description": "angka"}
_money = {"type": ["integer", "null"], "minimum": 0, "maximum": 10**15 - 1, "description": "rupiah"}
_int = {"type": "integer", "minimum": -COUNT_MAX, "maximum": COUNT_MAX}
_rev = {"type": "integer", "minimum": 0, "maximum": COUNT_MAX}
_seq = {"type": "integer", "minimum": 1, "maximum": COUNT_MAX}
DEFINITIONS: dict[str, dict[str, Any]] = {}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def _enum(values: list[Any], noun: str) -> dict[str, Any]:
    return {"enum": values, "description": noun}


def _per_year(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "patternProperties": {_YEAR: value}, "additionalProperties": False,
            "maxProperties": 60, "description": "per tahun"}


def _record(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "required": [k for k in properties if k not in optional]}


PROFILE_KEYS = ("instansi", "pemda")

DEFINITIONS["indicator"] = _record({
    "id": _name, "name": _name, "satuan": _str,
    "arah": _enum(["positif", "negatif", None], "arah"),
    "rumus": _str,
    "negatif_rumus": _enum(["2T-R", "T/R", None], "rumus indikator negatif"),
    "tw_rule": _enum(["kumulatif", "nilai_akhir", None], "aturan triwulan"),
    "kondisi_awal": _decimal, "target_akhir": _decimal,
    "batas_atas": _decimal,  # a plausible upper bound (reports.plausibility): a % indicator that may pass 100
    # The IKU's columns (reports.iku); jenis None: by the node's level.
    "definisi": _str, "sumber_data": _str, "jenis": _enum(["outcome", "output", None], "jenis indikator"),
    "years": _per_year(_record({
        "target": _decimal, "realisasi": _decimal,
        "tw": {"type": "object", "patternProperties": {"^[1-4]$": _decimal}, "additionalProperties": False,
               "description": "triwulan"},
        # The Rencana Aksi: a target and an action per quarter (store.fields target-tw1.., aksi-tw1..).
        "target_tw": {"type": "object", "patternProperties": {"^[1-4]$": _decimal}, "additionalProperties": False,
                      "description": "target triwulan"},
        "aksi_tw": {"type": "object", "patternProperties": {"^[1-4]$": _str}, "additionalProperties": False,
                    "description": "rencana aksi triwulan"},
    }, optional=("target", "realisasi", "tw", "target_tw", "aksi_tw"))),
}, optional=("batas_atas", "definisi", "sumber_data", "jenis"))

RECORDS: dict[str, dict[str, Any]] = {
    META: _record({
        "schema": _enum([SCHEMA_VERSION], "versi skema"),
        "profile": _record({k: _str for k in PROFILE_KEYS}),
        # A year's officials (store.pejabat) by key beside its signing fields.
        "profile_tahun": _per_year(_record({**{k: _str for k in SIGNING_KEYS}, "pejabat": {
            "type": "object", "patternProperties": {PEJABAT_KEY: _record(
                {f: _str for f in PEJABAT_FIELDS}, optional=PEJABAT_FIELDS)},
            "additionalProperties": False, "maxProperties": MAX_ITEMS, "description": "pejabat"}},
            optional=(*SIGNING_KEYS, "pejabat"))),
        "periode_awal": {"type": "integer", "minimum": 1901, "maximum": 2199},
        "periode_akhir": {"type": "integer", "minimum": 1901, "maximum": 2199},
        "tahun": {"type": "integer", "minimum": 1901, "maximum": 2199},
        "settings": _record({
            "negatif_rumus": _enum(["2T-R", "T/R"], "rumus indikator negatif"),
            "predikat": {"type": "array", "minItems": 1, "maxItems": 20,
                         "items": _record({"min": _decimal, "label": _name})},
            "cap": _decimal,
            "efisiensi_atas": _decimal_given,
            "efisiensi_bawah": _decimal_given,
            # Settings added after schema 2 was declared: absent means the default (see reports.engine).
            "efisiensi_rumus": _enum(["selisih", "rasio"], "rumus efisiensi"),
            "efisiensi_rasio_atas": _decimal_given,
            "efisiensi_rasio_bawah": _decimal_given,
            "negatif_nol_nilai": _decimal,
            "capaian_batas_wajar": _decimal,
        }, optional=("efisiensi_rumus", "efisiensi_rasio_atas", "efisiensi_rasio_bawah", "negatif_nol_nilai",
                     "capaian_batas_wajar")),
        "locks": _per_year(_record({"by": _str, "at": _str, "revision": _rev}, optional=("revision",))),
        "revision": _rev,
        "notes": {"type": "array", "maxItems": MAX_ITEMS, "items": _long},
        "rev": _rev,
        # The workbook's identity, made once by init and kept by its backups (`restore --from` checks it); a
        # workbook made before it existed has none.
        "uuid": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    }, optional=("uuid",)),
    NODES: _record({
        "id": _name, "level": _enum(list(LEVELS), "tingkat"),
        "parent": {"type": ["string", "null"], "maxLength": TEXT_MAX, "pattern": gate.ONE_LINE},
        "code": _str, "name": _name, "order": _int, "unit": _str,
        "indicators": {"type": "array", "maxItems": MAX_ITEMS, "items": _ref("indicator")},
        "budget": _per_year(_record({
            "pagu_pk": _money, "pagu": _money, "realisasi": _money,
            # realisasi anggaran per quarter (monev triwulan)
            "tw": {"type": "object", "patternProperties": {"^[1-4]$": _money}, "additionalProperties": False,
                   "description": "triwulan"},
        }, optional=("pagu_pk", "pagu", "realisasi", "tw"))),
        "budget_refs": {"type": "array", "maxItems": MAX_ITEMS, "items": _str},
        "rev": _rev,
        "penanggung_jawab": _str,  # the key of the official who answers for the node (store.pejabat)
    }, optional=("penanggung_jawab",)),
    ISU: _record({
        "id": _name, "order": _int, "masalah": _long,
        "items": {"type": "array", "maxItems": MAX_ITEMS,
                  "items": _record({"pokok": _long, "akar": _long})},
        "rev": _rev,
    }),
    NARRATIVE: _record({
        "key": _name, "title": _str,
        "texts": _per_year(_narrative),
        "rev": _rev,
    }),
    LOG: _record({
        "seq": _seq, "at": _str, "user": _str, "kind": _name, "ref": _str,
        "field": _str, "year": {"type": ["integer", "null"], "minimum": -COUNT_MAX, "maximum": COUNT_MAX},
        "old": {}, "new": {},  # any value, even a whole record: its texts are checked by store.schema_rules
        "reason": _str,
        "group": _seq,  # the edits of one paste: one step in undo and audit
        # an undo or redo names the step (its group, or its seq) it takes back or puts back: store.history
        "undoes": _seq, "redoes": _seq,
    }, optional=("reason", "group", "undoes", "redoes")),
}

_TABLE = {"type": "object", "propertyNames": {"pattern": _RECORD_ID}, "additionalProperties": {"type": "object"},
          "description": "tabel"}
DOCUMENT = {"type": "object", "additionalProperties": False, "required": list(TABLES),
            "properties": {**{t: _TABLE for t in TABLES}, META: {**_TABLE, "minProperties": 1, "maxProperties": 1}}}


def declaration() -> dict[str, Any]:
    """The whole declaration as one JSON Schema: the document's frame and each table's record, as definitions."""
    definitions = {**DEFINITIONS, "frame": DOCUMENT, **RECORDS}
    return {"definitions": definitions,
            "allOf": [_ref("frame"), {"properties": {t: {"additionalProperties": _ref(t)} for t in TABLES}}]}


def generate() -> str:
    """The validators fastjsonschema generates from the declaration, as the source of store/schema_compiled.py.
    Generated once (`python -m store.schema`) instead of at every start: compiling costs ≈50–150 ms, importing the
    generated module ≈2 ms. tests/test_schema.py fails when the file no longer matches the declaration."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(declaration(), detailed_exceptions=False)
    raises = "from .schema_messages import Refused as JsonSchemaValueException, Refused as JsonSchemaValuesException"
    code = code.replace("from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException", raises, 1)
    assert raises in code, "fastjsonschema changed the import line of its generated code"
    return f"# Generated by `python -m store.schema` from the declaration in store/schema.py. Do not edit.\n{code}"


_detailed: dict[str, Callable[[object], object]] = {}  # fastjsonschema's detailed validators, by record


def _explain(name: str, value: object) -> JsonSchemaValueException | None:
    """The detailed refusal (rule, value, definition) of a value the fast validator refused. Compiled only when
    something is refused: the fast validators carry no details, which keeps them small."""
    import fastjsonschema

    fn = _detailed.get(name)
    if fn is None:
        schema = DOCUMENT if name == "frame" else {**RECORDS[name], "definitions": DEFINITIONS}
        fn = _detailed[name] = fastjsonschema.compile(schema)
    try:
        fn(value)
    except fastjsonschema.JsonSchemaValueException as exc:
        return exc
    return None


def _shape(name: str, value: object, prefix: str) -> None:
    try:
        getattr(schema_compiled, f"validate___definitions_{name}")(value)
    except Refused:
        exc = _explain(name, value)
        if exc is None:  # pragma: no cover - the two validators come from one declaration
            raise DocumentInvalid(prefix or "dokumen", "tidak sesuai skema") from None
        parts = [prefix] if prefix else []
        parts += [str(p) for p in (exc.path or [])[1:]]
        path = ".".join(parts) or "dokumen"
        raise DocumentInvalid(path, sentence(exc)) from None


def check(document: object, changed: Iterable[tuple[str, str]] | None = None,
          previous: dict[str, Any] | None = None) -> None:
    """Refuse a document that breaks the schema (DocumentInvalid).

    `changed`: only these (table, record id) need their shape checked again (a save; None checks every record).
    `previous`: the document last read and checked; a record equal to its previous self is not checked again
    (a reload after another operator's save). The rules between records always run over the whole cascade."""
    if changed is None or not isinstance(document, dict) or set(document) != set(TABLES):
        _shape("frame", document, "")
    assert isinstance(document, dict)
    meta_id = next(iter(document[META]))
    meta = document[META][meta_id]
    if previous is not None and (not isinstance(previous.get(META), dict) or previous[META].get(meta_id) != meta):
        previous = None  # another period or settings: every year of every record is checked again
    if changed is None:
        pairs: Iterable[tuple[str, str]] = ((t, rid) for t in TABLES for rid in document[t])
    else:
        # The log last: an edit's own record names what is wrong better than the log entry that repeats it.
        pairs = changed = sorted(changed, key=lambda pair: pair[0] == LOG)
        for table, rid in changed:
            if not _RECORD_ID_RE.match(rid):
                raise DocumentInvalid(table, f"nomor catatan \u201c{rid}\u201d harus bilangan bulat positif")
    if changed is None or (META, meta_id) in changed:
        _shape(META, meta, f"{META}.{meta_id}")
    rules = _Rules(meta, meta_id)
    for table, rid in pairs:
        record = document[table].get(rid)
        if record is None or table == META:
            continue
        if previous is not None and previous[table].get(rid) == record:
            continue
        _shape(table, record, f"{table}.{rid}")
        rules.record(table, rid, record)
    nodes = document[NODES]
    if changed is None or not _MEMO.same_structure(document, nodes, changed):
        rules.structure(nodes)
        _MEMO.remember(document, nodes)


if __name__ == "__main__":  # python -m store.schema: regenerate store/schema_compiled.py
    from pathlib import Path

    from .safefile import write_atomically

    # Source code, readable by every operator's account (a workbook's own 0660 would lock the others out of lkjip).
    write_atomically(Path(__file__).with_name("schema_compiled.py"), generate().encode(), mode=0o644)
