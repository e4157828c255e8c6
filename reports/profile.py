"""The office's profile as the year's documents and the rekap read it: the one accessor to repoint when the profile
becomes per year (store.model.profile_for(meta, year))."""

from __future__ import annotations

from store.cascade import Cascade

# Keys that older workbooks lack: the Perjanjian Kinerja's pihak kedua and its date of signing.
PROFILE_DEFAULTS = {
    "pihak_kedua_nama": "",
    "pihak_kedua_nip": "",
    "pihak_kedua_jabatan": "",
    "tanggal_pk": "",
}


def profile_for_year(casc: Cascade, year: int) -> dict:
    """The office's profile as it stood in `year`, with the PK's own keys defaulted."""
    return {**PROFILE_DEFAULTS, **casc.meta["profile"]}
