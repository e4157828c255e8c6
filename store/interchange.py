"""The versioned interchange document: the whole workbook as JSON, lossless through export and import."""

from __future__ import annotations

import orjson
from typing import Any

from .errors import DocumentInvalid, UnreadableWorkbook
from .serialize import dumps
from .storage import checked_document

FORMAT = "lkjip-workbook"
VERSION = 1


def export_document(document: dict[str, Any]) -> bytes:
    # No timestamps: exporting the same workbook twice gives the same bytes, so export → import → export is exact.
    return dumps({"format": FORMAT, "version": VERSION, "workbook": document})


def import_document(raw: bytes, where: str) -> dict[str, Any]:
    return read_export(raw, where)[0]


def read_export(raw: bytes, where: str) -> tuple[dict[str, Any], int]:
    """An export read back: (the document, migrated and checked; the schema it was written in)."""
    if not raw.strip():
        raise UnreadableWorkbook(f"{where} kosong; yang dapat diimpor adalah dokumen ekspor lkjip "
                                 f"(`lkjip export --format json`).")
    try:
        outer = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableWorkbook(f"{where} bukan JSON yang utuh (rusak atau terpotong di baris {exc.lineno}, kolom "
                                 f"{exc.colno}).") from None
    if not isinstance(outer, dict) or outer.get("format") != FORMAT:
        raise UnreadableWorkbook(f"{where} bukan dokumen lkjip (format \u201c{FORMAT}\u201d tidak ada); yang dapat "
                                 f"diimpor adalah hasil `lkjip export --format json`.")
    version = outer.get("version")
    if type(version) is not int or version < 1:
        raise UnreadableWorkbook(f"{where} tidak menyebut versi dokumen yang sah (bilangan bulat positif).")
    if version > VERSION:
        raise UnreadableWorkbook(f"{where} memakai versi dokumen {version} yang belum dikenal; perbarui lkjip.")
    if "workbook" not in outer:
        raise UnreadableWorkbook(f"{where} tidak berisi buku kerja (kunci \u201cworkbook\u201d tidak ada).")
    # The schema (store.schema) refuses a damaged document with its path; an older one is migrated first.
    try:
        document, schema = checked_document(outer["workbook"], where)
    except DocumentInvalid as exc:
        raise DocumentInvalid(exc.path, f"{exc.reason}; tidak ada yang ditulis.", where) from None
    return document, schema
