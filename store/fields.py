"""The editable fields: what each one is, how its text is read, where its value lives and how it is shown.

Every edit, from a TUI cell, `lkjip set`, undo or redo, names one of these fields; this table is the one place that
knows that `realisasi` of an indicator is a decimal kept per year, or that `pagu` is whole Rupiah per year.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Any

from .errors import InvalidValue
# The gate, for the fields and their users: re-exported (`X as X`, which the type checker takes as meant).
from .gate import NARRATIVE_MAX as NARRATIVE_MAX, TEXT_MAX as TEXT_MAX, text_input as text_input
from .model import profile_for, text_for
from .numbers import (
    NumberError,
    canonical,
    format_exact,
    format_rupiah,
    format_value,
    parse_indicator,
    parse_money,
    to_decimal,
)
from .pejabat import stored, year_slot
from .sanitize import quote


@dataclass(frozen=True)
class FieldSpec:
    name: str  # as typed on the command line
    label: str  # Indonesian label for messages and headers
    target: str  # "indicator", "node", "narrative" or "profile"
    kind: str  # "number", "money", "choice" or "text"
    key: str  # storage key
    yearly: bool = False
    choices: tuple[str, ...] = ()
    quarter: str | None = None  # "1".."4" for tw1..tw4


_SPECS = [
    FieldSpec("target", "Target", "indicator", "number", "target", yearly=True),
    FieldSpec("realisasi", "Realisasi", "indicator", "number", "realisasi", yearly=True),
    *(
        FieldSpec(f"tw{q}", f"Realisasi TW {'I II III IV'.split()[q - 1]}", "indicator", "number", "tw", True,
                  quarter=str(q))
        for q in range(1, 5)
    ),
    # The Rencana Aksi: a target and an action per quarter, kept in the year slot beside the realisasi's "tw".
    *(
        FieldSpec(f"target-tw{q}", f"Target TW {'I II III IV'.split()[q - 1]}", "indicator", "number", "target_tw",
                  True, quarter=str(q))
        for q in range(1, 5)
    ),
    *(
        FieldSpec(f"aksi-tw{q}", f"Rencana aksi TW {'I II III IV'.split()[q - 1]}", "indicator", "text", "aksi_tw",
                  True, quarter=str(q))
        for q in range(1, 5)
    ),
    FieldSpec("arah", "Arah", "indicator", "choice", "arah", choices=("positif", "negatif")),
    FieldSpec("rumus-negatif", "Rumus indikator negatif", "indicator", "choice", "negatif_rumus",
              choices=("2T-R", "T/R", "")),
    FieldSpec("aturan-tw", "Aturan triwulan", "indicator", "choice", "tw_rule",
              choices=("kumulatif", "nilai_akhir", "")),
    FieldSpec("satuan", "Satuan", "indicator", "text", "satuan"),
    FieldSpec("indikator", "Nama indikator", "indicator", "text", "name"),
    FieldSpec("rumus", "Rumus", "indicator", "text", "rumus"),
    FieldSpec("kondisi-awal", "Kondisi awal", "indicator", "number", "kondisi_awal"),
    FieldSpec("target-akhir", "Target akhir Renstra", "indicator", "number", "target_akhir"),
    FieldSpec("batas-atas", "Batas atas wajar", "indicator", "number", "batas_atas"),
    FieldSpec("definisi", "Definisi operasional", "indicator", "text", "definisi"),
    FieldSpec("sumber-data", "Sumber data", "indicator", "text", "sumber_data"),
    FieldSpec("jenis", "Jenis indikator", "indicator", "choice", "jenis", choices=("outcome", "output", "")),
    FieldSpec("pagu", "Pagu", "node", "money", "pagu", yearly=True),
    FieldSpec("pagu-pk", "Pagu PK", "node", "money", "pagu_pk", yearly=True),
    FieldSpec("realisasi-anggaran", "Realisasi anggaran", "node", "money", "realisasi", yearly=True),
    *(
        FieldSpec(f"realisasi-anggaran-tw{q}", f"Realisasi anggaran TW {'I II III IV'.split()[q - 1]}", "node",
                  "money", "tw", True, quarter=str(q))
        for q in range(1, 5)
    ),
    FieldSpec("nama", "Nama", "node", "text", "name"),
    FieldSpec("kode", "Kode", "node", "text", "code"),
    FieldSpec("unit", "Penanggung jawab", "node", "text", "unit"),
    # Narrative and the signing fields are kept per year (schema 2): see model.profile_for and model.text_for.
    FieldSpec("teks", "Teks", "narrative", "text", "texts", yearly=True),
    FieldSpec("instansi", "Instansi", "profile", "text", "instansi"),
    FieldSpec("pemda", "Pemerintah daerah", "profile", "text", "pemda"),
    *(
        FieldSpec(name, label, "profile", "text", key, yearly=True)
        for name, label, key in (
            ("kepala-nama", "Nama kepala", "kepala_nama"),
            ("kepala-nip", "NIP kepala", "kepala_nip"),
            ("kepala-jabatan", "Jabatan kepala", "kepala_jabatan"),
            ("kepala-pangkat", "Pangkat kepala", "kepala_pangkat"),
            ("tempat", "Tempat", "tempat"),
            ("tanggal", "Tanggal", "tanggal"),
            ("pihak-kedua-nama", "Nama pihak kedua (PK)", "pihak_kedua_nama"),
            ("pihak-kedua-nip", "NIP pihak kedua (PK)", "pihak_kedua_nip"),
            ("pihak-kedua-jabatan", "Jabatan pihak kedua (PK)", "pihak_kedua_jabatan"),
            ("tanggal-pk", "Tanggal penandatanganan PK", "tanggal_pk"),
            ("pihak-kedua-pangkat", "Pangkat/golongan pihak kedua (PK)", "pihak_kedua_pangkat"),
            ("inspektur-nama", "Nama Inspektur (reviu)", "inspektur_nama"),
            ("inspektur-nip", "NIP Inspektur (reviu)", "inspektur_nip"),
            ("inspektur-pangkat", "Pangkat/golongan Inspektur (reviu)", "inspektur_pangkat"),
            ("tanggal-reviu", "Tanggal pernyataan telah direviu", "tanggal_reviu"),
        )
    ),
    # The officials of a year (store.pejabat): `lkjip set WB pejabat:KEY nama VALUE --year Y` is the field
    # pejabat-nama of the official KEY; a node names the one who answers for it.
    *(FieldSpec(f"pejabat-{f}", f"{label} pejabat", "pejabat", "text", f, yearly=True)
      for f, label in (("nama", "Nama"), ("nip", "NIP"), ("pangkat", "Pangkat/golongan"), ("jabatan", "Jabatan"),
                       ("atasan", "Atasan"))),
    FieldSpec("penanggung-jawab", "Pejabat penanggung jawab", "node", "text", "penanggung_jawab"),
]
FIELDS: dict[str, FieldSpec] = {s.name: s for s in _SPECS}


def spec_of(name: str) -> FieldSpec:
    try:
        return FIELDS[name]
    except KeyError:
        raise InvalidValue(f"Kolom {quote(name)} tidak dikenal; yang dikenal: {known_fields()}.") from None


def known_fields() -> str:
    """The field names as a refusal lists them, short enough to read at 80 columns: a numbered series as
    `tw1…tw4`, one person's fields as `kepala-nama/nip/…`; an official's (`pejabat:KEY nama`) are named there."""
    shown: list[str] = []
    groups: dict[str, list[str]] = {}
    for name in FIELDS:
        if FIELDS[name].target == "pejabat":
            continue
        series = re.fullmatch(r"(.*?)([1-4])", name)
        person = re.fullmatch(r"(kepala|pihak-kedua|inspektur)-(.*)", name)
        key, part = (series.group(1), series.group(2)) if series else \
            ((person.group(1) + "-", person.group(2)) if person else (name, ""))
        if key not in groups:
            groups[key] = []
            shown.append(key)
        groups[key].append(part)
    def one(key: str) -> str:
        parts = groups[key]
        if parts == [""]:
            return key
        return f"{key}{parts[0]}\u2026{key}{parts[-1]}" if parts[0].isdigit() else key + "/".join(parts)
    return ", ".join(one(k) for k in shown)


# Limits on text, so that a slip (a paste of a whole file into a name) is refused rather than stored: a 50 MB
# narrative froze the TUI for half a minute and took minutes to export. The limits and the control-character rule
# are the one gate's (store.gate), which the schema states too.
NEVER_EMPTY = frozenset({"nama", "indikator"})  # a node or indicator without a name cannot be found or reported
MULTILINE = frozenset({"teks"})  # Markdown: newlines and tabs are part of the text


def parse_value(spec: FieldSpec, raw: str, *, clear: bool = False) -> object:
    """Read what the operator typed into the stored form, or raise InvalidValue quoting it.

    An empty value is refused unless `clear` says the operator empties the cell on purpose; a name is never empty.
    Text may not hold control characters (a narrative may hold newlines and tabs) and has a length limit."""
    if raw.strip() == "":
        return _empty(spec, clear)
    try:
        if spec.kind == "number":
            return canonical(parse_indicator(raw))
        if spec.kind == "money":
            return parse_money(raw)
    except NumberError as exc:
        raise InvalidValue(f"{spec.label}: {exc}") from None
    if spec.kind == "choice":
        value = raw.strip().lower().replace(" ", "_")
        if spec.name == "rumus-negatif":
            value = raw.strip().upper().replace(" ", "")
        if value not in spec.choices:
            raise InvalidValue(f"{spec.label}: {quote(raw)} tidak dikenal; pilih salah satu: {_options(spec)}.")
        return value or None
    return _text(spec, raw)


def _options(spec: FieldSpec) -> str:
    return ", ".join(c for c in spec.choices if c)


def _empty(spec: FieldSpec, clear: bool) -> object:
    if spec.name in NEVER_EMPTY:
        raise InvalidValue(f"{spec.label} tidak boleh kosong; ketik nama yang baru.")
    if clear:
        return "" if spec.kind == "text" else None
    if spec.kind == "text":
        raise InvalidValue(f"{spec.label}: nilai kosong akan menghapus teksnya; bila memang disengaja, ulangi "
                           f"dengan --clear.")
    if spec.kind == "choice":
        raise InvalidValue(f"{spec.label}: nilai kosong; pilih salah satu: {_options(spec)} (atau --clear).")
    raise InvalidValue(f"{spec.label}: nilai kosong; ketik sebuah angka, atau kosongkan sel dengan sengaja.")


def _text(spec: FieldSpec, raw: str) -> str:
    return text_input(spec.label, raw, multiline=spec.name in MULTILINE)


# The record a field lives in: a node, an indicator or the meta record, as FieldSpec.target says. Any to the type
# checker: a field is reached by the name its spec holds, which a TypedDict's literal keys cannot follow.
Holder = Any


def _year_slot(container: Holder, spec: FieldSpec, year: int, create: bool) -> dict[str, Any] | None:
    bucket_name = "years" if spec.target == "indicator" else "budget"
    bucket = container.setdefault(bucket_name, {}) if create else container.get(bucket_name, {})
    slot: dict[str, Any] | None = bucket.get(str(year))
    if slot is None and create:
        slot = bucket[str(year)] = {}
    return slot


def get_value(container: Holder, spec: FieldSpec, year: int | None, ref: str = "") -> object:
    """The value the operator sees. For a narrative section or a signing field of a year that has none of its own,
    that is the inherited one (model.profile_for, model.text_for), so an edit of it is checked against what was
    shown. An official's field (container: the meta record) is that of the official `ref` (store.pejabat)."""
    if spec.target == "pejabat":
        assert year is not None
        return (stored(container, year).get(ref) or {}).get(spec.key, "")
    if spec.target == "profile":  # container: the meta record
        if not spec.yearly:
            return container["profile"].get(spec.key, "")
        assert year is not None
        return profile_for(container, year)[spec.key]
    if spec.target == "narrative":
        assert year is not None
        return text_for(container, year)
    if not spec.yearly:
        value = container.get(spec.key)
        return "" if value is None and spec.kind == "text" else value
    assert year is not None
    slot = _year_slot(container, spec, year, create=False)
    if not slot:
        return None
    if spec.quarter:
        value = (slot.get(spec.key) or {}).get(spec.quarter)
        return "" if value is None and spec.kind == "text" else value
    return slot.get(spec.key)


def set_value(container: Holder, spec: FieldSpec, year: int | None, value: object, ref: str = "") -> None:
    if spec.target == "profile":
        if not spec.yearly:
            container["profile"][spec.key] = value
            return
        # The first edit of a year copies the signing (and officials) it inherited: the rest stays as it was shown.
        assert year is not None
        year_slot(container, year)[spec.key] = value
        return
    if spec.target == "pejabat":
        assert year is not None
        year_slot(container, year).setdefault("pejabat", {}).setdefault(ref, {})[spec.key] = value
        return
    if spec.target == "narrative":
        container.setdefault("texts", {})[str(year)] = value
        return
    if not spec.yearly:
        container[spec.key] = value
        return
    assert year is not None
    slot = _year_slot(container, spec, year, create=True)
    assert slot is not None
    if spec.quarter:
        slot.setdefault(spec.key, {})[spec.quarter] = value
    else:
        slot[spec.key] = value


def display(spec: FieldSpec, value: object) -> str:
    """How a stored value is echoed back to the operator."""
    if spec.kind == "number":
        return format_value(to_decimal(value))
    if spec.kind == "money":
        return format_rupiah(value)  # type: ignore[arg-type]  # a money field holds an int or None (the schema)
    if value is None or value == "":
        return "\u2014"
    return str(value)


def display_exact(spec: FieldSpec, value: object) -> str:
    """A stored value with nothing rounded away, as an operator would type it back ("1.234,5", "82,08")."""
    if spec.kind == "number" and value not in (None, ""):
        exact = to_decimal(value)
        assert exact is not None  # value is neither None nor ""
        return format_exact(exact, unambiguous=True)
    if spec.kind == "money" and value is not None:
        return format_rupiah(value, prefix="")  # type: ignore[arg-type]  # an int (the schema's money)
    return "" if value is None else str(value)
