"""The officials (pejabat) of a year: who signs a Perjanjian Kinerja with whom, and which node each answers for.

A year's profile (meta.profile_tahun["2022"]) holds them under "pejabat", by a short key the operator chooses
(`sekcam`, `kasi-pem`): nama, NIP, pangkat/golongan, jabatan and atasan (the key of the official whose PK they sign
with: `kepala`, another official, or `pihak-kedua`, the Bupati / Wali Kota of the head's PK). The head is the
official `kepala`, read from the existing kepala-* fields of the profile (never stored twice), whose atasan is always
pihak kedua. Officials are inherited like the rest of the signing profile (model.signing_year): a new year starts
with the last year's, and its first edit copies them.

A node names the official responsible for it by key (`penanggung_jawab`); `lkjip set WB REF penanggung-jawab KEY`
refuses a key that is not an official of that year.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from .errors import InvalidValue, RefNotFound
from .model import SIGNING_KEYS, Meta, Node, profile_for, signing_year
from .sanitize import quote

if TYPE_CHECKING:
    from .cascade import Cascade

PREFIX = "pejabat:"
KEPALA = "kepala"
PIHAK_KEDUA = "pihak-kedua"
FIELDS = ("nama", "nip", "pangkat", "jabatan", "atasan")
KEY_PATTERN = "^[a-z0-9][a-z0-9_-]{0,39}$"
_KEY = re.compile(KEY_PATTERN)


def field_name(field: str) -> str:
    """The edit field of an official's attribute (`nama` of `pejabat:KEY` is the field `pejabat-nama`)."""
    return f"pejabat-{field}"


def officials(meta: Meta, year: int) -> dict[str, dict[str, str]]:
    """The officials of `year` by key, the head first and the rest by key: each with every field of FIELDS ("" when
    not entered)."""
    p = profile_for(meta, year)
    out = {KEPALA: {"nama": p["kepala_nama"], "nip": p["kepala_nip"], "pangkat": p["kepala_pangkat"],
                    "jabatan": p["kepala_jabatan"], "atasan": PIHAK_KEDUA}}
    for key, record in sorted(stored(meta, year).items()):
        out[key] = {f: str(record.get(f) or "") for f in FIELDS}
    return out


def stored(meta: Meta, year: int) -> dict[str, dict[str, Any]]:
    """The officials stored for `year` (or inherited from the year its profile comes from), the head apart."""
    source = signing_year(meta, year)
    # A year's record keeps its officials under "pejabat", beside the Signing fields (year_slot writes them).
    slot: dict[str, Any] | None = (meta.get("profile_tahun") or {}).get(source) if source else None  # type: ignore[assignment]
    return (slot or {}).get("pejabat") or {}


def year_slot(meta: Any, year: int) -> dict[str, Any]:  # meta: the Meta record, written to
    """The year's own profile record, made on its first edit from what it inherited (signing and officials), so
    everything else stays as it was shown."""
    per_year = meta.setdefault("profile_tahun", {})
    slot: dict[str, Any] | None = per_year.get(str(year))
    if slot is None:
        inherited = profile_for(meta, year)
        officials_before = copy.deepcopy(stored(meta, year))
        slot = {k: inherited[k] for k in SIGNING_KEYS}
        per_year[str(year)] = slot
        if officials_before:
            slot["pejabat"] = officials_before
    return slot


def check_new_key(key: str) -> str:
    if key == PIHAK_KEDUA:
        raise InvalidValue(f"{PIHAK_KEDUA} adalah pihak kedua PK kepala: ubah dengan `lkjip set BUKU-KERJA profil "
                           f"pihak-kedua-nama \u2026`.")
    if not _KEY.match(key):
        raise InvalidValue(f"Kunci pejabat {quote(key)} tidak sah: huruf kecil, angka, - atau _, paling banyak 40 "
                           f"(mis. sekcam, kasi-pem).")
    return key


def check_official(meta: Meta, year: int, key: str) -> str:
    """`key` if it names an official of `year`, else RefNotFound listing them."""
    known = officials(meta, year)
    if key in known:
        return key
    raise RefNotFound(f"{quote(key)} bukan pejabat tahun {year}; tambahkan dulu dengan `lkjip set BUKU-KERJA "
                      f"pejabat:KUNCI nama \u2026 --year {year}`.", [f"{k} \u2014 {v['jabatan'] or v['nama']}"
                                                                       for k, v in known.items()])


def check_atasan(meta: Meta, year: int, key: str, atasan: str) -> None:
    if atasan == key:
        raise InvalidValue(f"Atasan {quote(key)} tidak boleh dirinya sendiri.")
    if atasan != PIHAK_KEDUA:
        check_official(meta, year, atasan)


def translate(ref: str, field: str) -> tuple[str, str]:
    """`pejabat:KEY FIELD` as the (ref, field) of the edit path; anything else as it is. The head's fields are the
    profile's kepala-* fields; the head's atasan is always pihak kedua."""
    if not ref.strip().startswith(PREFIX):
        return ref, field
    key = ref.strip().removeprefix(PREFIX)
    if field not in FIELDS:
        raise InvalidValue(f"Kolom pejabat {quote(field)} tidak dikenal; yang dikenal: {', '.join(FIELDS)}.")
    if key == KEPALA:
        if field == "atasan":
            raise InvalidValue("Atasan kepala selalu pihak kedua PK (Bupati/Wali Kota): ubah dengan `lkjip set "
                               "BUKU-KERJA profil pihak-kedua-nama \u2026`.")
        return "profil", f"kepala-{field}"
    return check_new_key(key), field_name(field)


def answers_for(casc: Cascade, key: str) -> list[Node]:
    """The nodes whose penanggung jawab is `key`, in the cascade's order."""
    return [node for node, _ in casc.walk() if node.get("penanggung_jawab") == key]
