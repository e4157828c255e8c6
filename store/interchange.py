"""The versioned interchange document: the whole workbook as JSON, lossless through export and import."""

from __future__ import annotations

import orjson

from .errors import DocumentInvalid, UnreadableWorkbook
from .serialize import dumps
from .storage import checked_document

FORMAT = "lkjip-workbook"
VERSION = 1


def export_document(document: dict) -> bytes:
    # No timestamps: exporting the same workbook twice gives the same bytes, so export → import → export is exact.
    return dumps({"format": FORMAT, "version": VERSION, "workbook": document})


def import_document(raw: bytes, where: str) -> dict:
    try:
        outer = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableWorkbook(f"{where} bukan JSON yang utuh ({exc}).") from None
    if not isinstance(outer, dict) or outer.get("format") != FORMAT:
        raise UnreadableWorkbook(f"{where} bukan dokumen ekspor lkjip (format \u201c{FORMAT}\u201d tidak ada).")
    if not isinstance(outer.get("version"), int) or outer["version"] > VERSION:
        raise UnreadableWorkbook(f"{where} memakai versi dokumen {outer.get('version')} yang belum dikenal; "
                                 f"perbarui lkjip.")
    if "workbook" not in outer:
        raise UnreadableWorkbook(f"{where} tidak berisi buku kerja (kunci \u201cworkbook\u201d tidak ada).")
    # The schema (store.schema) refuses a damaged document with its path; an older one is migrated first.
    try:
        return checked_document(outer["workbook"], where)[0]
    except DocumentInvalid as exc:
        raise DocumentInvalid(exc.path, f"{exc.reason}; tidak ada yang ditulis.", where) from None
