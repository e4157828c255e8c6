"""Older workbook documents brought up to the current schema, in memory.

Schema 1 kept one profile and one text per narrative section for the whole workbook, so writing 2023's texts
overwrote 2022's. Schema 2 keeps the signing fields and the texts per year: what schema 1 held becomes the report
year's (meta.tahun). A document of an unexpected shape is left as it is, for the schema to refuse with its path.

Opening a migrated workbook saves it (store.workbook): a backup of the old file first, then a "migrasi" log entry.
"""

from __future__ import annotations

from typing import Any

from .model import META, NARRATIVE, SCHEMA_VERSION, SIGNING_KEYS


def _to_2(doc: dict[str, Any], meta: dict[str, Any]) -> None:
    year = str(meta.get("tahun"))
    profile = meta.get("profile")
    if isinstance(profile, dict) and "profile_tahun" not in meta:
        signing = {k: profile.pop(k) for k in SIGNING_KEYS if k in profile}
        meta["profile_tahun"] = {year: signing} if any(v for v in signing.values()) else {}
    sections = doc.get(NARRATIVE)
    for section in sections.values() if isinstance(sections, dict) else ():
        if isinstance(section, dict) and "texts" not in section and "text" in section:
            text = section.pop("text")
            section["texts"] = {year: text} if text else {}
    meta["schema"] = 2


STEPS = {1: _to_2}


def migrate(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """`doc` (of schema `version`) brought to SCHEMA_VERSION in place; returned for convenience."""
    meta = next(iter(doc[META].values()))
    while version < SCHEMA_VERSION:
        STEPS[version](doc, meta)
        version += 1
    return doc
