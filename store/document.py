"""Reading a workbook document: its bytes parsed, an older schema brought up to date in memory (store.migrate), and
the whole checked against the one declared schema (store.schema). Every refusal is one sentence naming the file.

Used on open (store.storage), on import (store.interchange), for backups and rekap inputs; the store's saves check
only what they changed (store.serialize's plan)."""

from __future__ import annotations

import orjson
from typing import Any

from .errors import UnreadableWorkbook
from .migrate import migrate
from .model import META, SCHEMA_VERSION
from .schema import DocumentInvalid, check

MAX_DOCUMENT = 256 * 2**20  # a kabupaten workbook is ≈5 MB


def validate(raw: bytes, where: str) -> dict[str, Any]:
    """Parse and check a workbook document; raise UnreadableWorkbook with the reason in one sentence."""
    return read_document(raw, where)[0]


def read_document(raw: bytes, where: str, previous: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    """Parse a workbook document, bring an older schema up to date in memory (store.migrate) and check it against
    the one declared schema (store.schema). Returns the document and the schema version the bytes were written in.
    """
    if not raw.strip():
        raise UnreadableWorkbook(f"Berkas {where} kosong")
    if b"\x00" in raw:
        raise UnreadableWorkbook(f"Berkas {where} rusak: berisi byte NUL")
    if len(raw) > MAX_DOCUMENT:
        raise UnreadableWorkbook(f"Berkas {where} lebih besar dari {MAX_DOCUMENT // 2**20} MB; bukan buku kerja lkjip")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableWorkbook(
            f"Berkas {where} bukan JSON yang utuh (terpotong atau rusak di baris {exc.lineno}, kolom {exc.colno})"
        ) from None
    return checked_document(data, where, previous)


def checked_document(data: object, where: str, previous: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    """A parsed document, migrated if older and checked; (document, the schema version it was written in).
    `previous`: the document this one replaces (a reload), whose unchanged records need no second look."""
    version = _version_of(data)
    if type(version) is int and version > SCHEMA_VERSION:
        raise UnreadableWorkbook(
            f"Berkas {where} dibuat oleh lkjip yang lebih baru (skema {version}, versi ini membaca "
            f"sampai skema {SCHEMA_VERSION}); perbarui lkjip"
        )
    if type(version) is int and 1 <= version < SCHEMA_VERSION and isinstance(data, dict):  # a version: a dict
        migrate(data, version)
    try:
        check(data, previous=previous)
    except DocumentInvalid as exc:
        raise DocumentInvalid(exc.path, exc.reason, where) from None
    return data, version  # type: ignore[return-value]  # checked above: a document (a dict) of an int version


def _version_of(data: object) -> object:
    """meta's schema number, or None where the shape is too broken to say (the schema then names the path)."""
    if isinstance(data, dict) and isinstance(data.get(META), dict) and len(data[META]) == 1:
        meta = next(iter(data[META].values()))
        if isinstance(meta, dict):
            return meta.get("schema")
    return None
