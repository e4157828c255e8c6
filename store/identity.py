"""Which workbook a document is: `meta.uuid`, given once when the workbook is made and kept by every backup.

`lkjip restore --from FILE` puts FILE in the workbook's place; a file of another office (another workbook's backup,
a colleague's workbook) would make the workbook that office's in silence. So restore asks for the same identity:
the same uuid, or, for a document made before uuids existed, the same instansi and Renstra period.
"""

from __future__ import annotations

import os
from typing import Any

from .model import META
from .sanitize import cut, visible


def new_identity() -> str:
    """Random, so two offices' workbooks (even both made from the demo) never share one."""
    return os.urandom(16).hex()


def with_identity(document: dict[str, Any]) -> dict[str, Any]:
    """A new workbook gets its identity here, once (Workbook.create); a document that has one (an export imported
    back) keeps it. The caller's document is not changed."""
    ((meta_id, meta),) = document[META].items()
    if "uuid" in meta:
        return document
    return {**document, META: {meta_id: {**meta, "uuid": new_identity()}}}


def _meta(document: dict[str, Any]) -> dict[str, Any]:
    return next(iter(document[META].values()))


def describe(document: dict[str, Any]) -> str:
    """“Kecamatan Torjun, 2019–2024”, for a message."""
    meta = _meta(document)
    instansi = visible(cut((meta.get("profile") or {}).get("instansi") or "tanpa nama instansi"))
    return f"\u201c{instansi}\u201d, {meta.get('periode_awal')}\u2013{meta.get('periode_akhir')}"


def same_workbook(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    a, b = _meta(ours), _meta(theirs)
    if a.get("uuid") and b.get("uuid"):
        return bool(a["uuid"] == b["uuid"])
    instansi = [(m.get("profile") or {}).get("instansi", "").strip().casefold() for m in (a, b)]
    periode = [(m.get("periode_awal"), m.get("periode_akhir")) for m in (a, b)]
    return instansi[0] == instansi[1] and periode[0] == periode[1]


def keep_identity(document: dict[str, Any], current: dict[str, Any]) -> None:
    """A restored document keeps the identity of the workbook it replaces (a backup from before uuids, or another
    file the operator confirmed with --yes): the workbook's next backups are still its own."""
    identity = _meta(current).get("uuid")
    if identity:
        _meta(document)["uuid"] = identity
