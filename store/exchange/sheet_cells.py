"""One spreadsheet cell read into the value the workbook stores, or the reason it cannot be, with what to type.

Numbers go through the one parser (store.text.numbers): a numeric cell arrives as its exact digits (store.exchange.xlsx_io),
a text cell is read as operators type (`82,08`, `3.247.636.481`), and `82.125` is refused with both readings.
A text cell (a name, indikator, satuan, rumus, unit, code, profile field) meets the one text gate (store.text.gate) here,
where its sheet, row and column are still known: refused at its cell, not later as a path in the document it would
have become. Its surrounding spaces (and a line break a copy left at its end) are trimmed first, as always.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from store.text import gate
from store.text.numbers import MAX_MONEY, NumberError, canonical, format_exact, parse_indicator, parse_money
from store.text.sanitize import CUT, cut, quote
from .sheet_layout import ARAH_WORDS, ATURAN_TW_SHOWN, ATURAN_TW_WORDS, JENIS_WORDS, RUMUS_NEGATIF_WORDS, Column
from .xlsx_io import CellError

QUOTE_MAX = CUT  # a cell quoted in a message beyond this is cut, so one stray paste cannot flood the listing
CHOICES = {"arah": ARAH_WORDS, "rumus-negatif": RUMUS_NEGATIF_WORDS, "aturan-tw": ATURAN_TW_WORDS,
           "jenis": JENIS_WORDS}


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(col: Column, value: object) -> tuple[object, str | None]:
    """(stored value, None) or (None, what is wrong and what to type instead)."""
    if blank(value):
        return (None if col.kind != "text" else ""), None
    if isinstance(value, CellError):
        return None, (f"sel menampilkan galat {cut(value)} dari rumusnya; perbaiki rumusnya di Excel atau "
                      f"LibreOffice, atau ketik nilainya")
    if isinstance(value, (datetime, date, time)):
        return None, "sel ini terbaca sebagai tanggal/jam; format selnya sebagai Teks atau Angka lalu ketik ulang"
    if isinstance(value, bool):
        return None, f"sel berisi nilai logika {value}; ketik angka atau teksnya"
    if isinstance(value, Decimal) and (not value.is_finite() or value.adjusted() >= 15):
        return None, "angka ini terlalu besar untuk lembar kerja (lebih dari 15 digit); periksa isinya"
    if col.kind in ("number", "money") and isinstance(value, str) and len(value) > QUOTE_MAX:
        return None, f"teks {len(value)} huruf bukan angka; ketik angka seperti 82,08, atau kosongkan sel"
    if col.kind == "number":
        if isinstance(value, (int, Decimal)):
            return canonical(Decimal(value)), None
        try:
            return canonical(parse_indicator(str(value))), None
        except NumberError as exc:
            hint = "" if "ketik" in str(exc) else "; ketik angka seperti 82,08, atau kosongkan sel"
            return None, str(exc).rstrip(".") + hint
    if col.kind == "money":
        if isinstance(value, (int, Decimal)):
            d = Decimal(value)
            if d != d.to_integral_value():
                return None, (f"{format_exact(d)} bukan Rupiah utuh: anggaran dicatat tanpa sen; ketik "
                              f"{format_exact(int(d))}")
            if d < 0 or d >= MAX_MONEY:
                return None, f"{format_exact(d)} bukan pagu yang masuk akal; ketik Rupiah utuh, 0 sampai 999 triliun"
            return int(d), None
        try:
            return parse_money(str(value)), None
        except NumberError as exc:
            return None, str(exc).rstrip(".") + "; ketik Rupiah utuh seperti 3.247.636.481"
    text = str(value).strip() if isinstance(value, str) else number_text(value)
    if col.kind == "choice":
        words = CHOICES[col.key]
        key = re.sub(r"[\s_]", "", text).casefold()
        if key not in words:
            shown = ", ".join(sorted({ATURAN_TW_SHOWN.get(w, w) for w in words.values()}))
            return None, f"{quote(text)} tidak dikenal; ketik salah satu: {shown}"
        return words[key], None
    return _text(text)


def _text(text: str) -> tuple[object, str | None]:
    """A one-line text as stored, or why the gate refuses it and what to do (the cell itself is not quoted back:
    it is too long to read, or holds what a terminal would act on)."""
    why = gate.too_long(text)
    if why:
        return None, f"{why}; ringkas isi sel ini"
    why = gate.control(text)
    if why:
        return None, f"{why}; ketik ulang isi sel ini tanpa karakter itu (sering terbawa saat menyalin)"
    return text, None


def number_text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
