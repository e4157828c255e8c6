"""One Indonesian sentence for a schema refusal, from fastjsonschema's rule, definition and value.

The declaration in store.schema gives some properties a `description` (the noun an operator knows: "tingkat",
"arah", "angka", "rupiah"); the sentence uses it and, where the fix is obvious, says what to type instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import orjson

from . import gate
from .sanitize import visible

if TYPE_CHECKING:  # fastjsonschema itself is imported only to explain a refusal (store.schema)
    from fastjsonschema import JsonSchemaValueException


class Refused(ValueError):
    """A value the generated validators (store/schema_compiled.py) refuse. They raise it in place of fastjsonschema's
    own exception, so a start-up need not import fastjsonschema (≈5 ms); only a refusal compiles the detailed
    validator (store.schema._explain)."""


_TYPES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka",
    "object": "objek",
    "array": "daftar",
    "null": "null",
    "boolean": "benar/salah",
}


def shown(value: object, limit: int = 60) -> str:
    """A value as it stands in the file, cut short and with nothing raw that a terminal would obey (orjson escapes
    C0 controls, not C1 or direction controls): a refusal quotes what it refuses."""
    try:
        text = orjson.dumps(value).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = repr(value)
    return visible(text if len(text) <= limit else text[: limit - 1] + "\u2026")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "benar/salah"
    if isinstance(value, int):
        return "bilangan bulat"
    if isinstance(value, float):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    return "objek"


def _expected(definition: dict[str, Any]) -> str:
    types = definition.get("type", [])
    types = [types] if isinstance(types, str) else types
    return " atau ".join(_TYPES.get(t, t) for t in types)


def _names(keys: list[str]) -> str:
    return ", ".join(f"\u201c{k}\u201d" for k in keys)


def sentence(exc: JsonSchemaValueException) -> str:
    rule, value = exc.rule, exc.value
    definition = exc.definition if isinstance(exc.definition, dict) else {}
    noun = definition.get("description", "")
    if rule == "enum" or rule == "const":
        allowed = exc.rule_definition if rule == "enum" else [exc.rule_definition]
        names = ", ".join("null" if a is None else str(a) for a in allowed)
        if rule == "const":
            return f"{shown(value)} bukan versi skema yang diharapkan ({names})"
        return f"{shown(value)} bukan {noun or 'nilai'} yang dikenal ({names})"
    if rule == "type":
        if noun == "rupiah" and isinstance(value, str) and value.strip().isdigit():
            return f"{shown(value)} adalah teks; rupiah ditulis sebagai bilangan bulat tanpa tanda petik " \
                   f"(tulis {value.strip()})"
        if noun == "rupiah" and isinstance(value, float):
            return f"{shown(value)} bukan rupiah utuh; tulis bilangan bulat tanpa desimal"
        if noun == "angka" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{shown(value)} adalah bilangan; angka ini ditulis sebagai teks desimal (tulis \"{value}\")"
        if noun == "per tahun":
            return f"{_kind(value)} {shown(value)} bukan objek per tahun (tulis {{\"2022\": \u2026}})"
        what = "null" if value is None else f"{_kind(value)} {shown(value)}"
        return f"{what} bukan {_expected(definition)}"
    if rule == "pattern":
        if isinstance(value, str) and definition.get("pattern") in (gate.ONE_LINE, gate.NAME, gate.MULTI_LINE):
            why = gate.control(value, multiline=definition["pattern"] == gate.MULTI_LINE)
            if why:
                return why
        if noun == "angka":
            hint = value.replace(".", "").replace(",", ".") if "," in value else None
            fix = f"; tulis {hint}" if hint else "; tulis angka dengan titik desimal, mis. 84.75"
            return f"{shown(value)} bukan angka desimal yang tersimpan{fix}"
        if noun == "nama":
            return "nama tidak boleh kosong"
        return f"{shown(value)} tidak berbentuk benar"
    if rule == "minLength":
        return f"{noun or 'teks'} tidak boleh kosong"
    if rule == "maxLength" and isinstance(value, str):
        return f"{len(value)} karakter, lebih dari batas {exc.rule_definition} karakter"
    if rule in ("maxLength", "maxItems", "maxProperties"):
        return f"terlalu panjang atau terlalu banyak isi (batas {exc.rule_definition})"
    if rule == "minItems" or rule == "minProperties":
        return f"tidak boleh kosong (paling sedikit {exc.rule_definition})"
    if rule == "minimum":
        return f"{shown(value)} tidak boleh kurang dari {exc.rule_definition}"
    if rule == "maximum":
        return f"{shown(value)} terlalu besar (paling besar {exc.rule_definition})"
    if rule == "required":
        missing = [k for k in exc.rule_definition if not isinstance(value, dict) or k not in value]
        return f"kolom {_names(missing)} tidak ada"
    if rule == "additionalProperties":
        patterns = [re.compile(p) for p in definition.get("patternProperties", {})]
        extra = sorted(k for k in value if k not in definition.get("properties", {})
                       and not any(p.search(k) for p in patterns))
        if noun == "per tahun":
            return f"kunci {shown(extra[0])} bukan tahun empat angka"
        if noun == "triwulan":
            return f"kunci {shown(extra[0])} bukan triwulan (1, 2, 3 atau 4)"
        return f"kolom {_names(extra)} tidak dikenal"
    if rule == "propertyNames":
        return "nomor catatan harus bilangan bulat positif (\"1\", \"2\", \u2026)"
    return f"{shown(value)} tidak sesuai skema ({rule})"
