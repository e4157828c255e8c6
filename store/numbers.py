"""The one number parser and the one number formatter of the workbook.

Operators type Indonesian numbers (`82,08`, `3.247.636.481`, `Rp 3.800.000,-`) and, from the same office's files,
English ones (`81.78`, `3,247,636,481.00`). The parser accepts both but never guesses silently: a lone separator
is read the Indonesian way unless that reading is impossible, and anything ambiguous beyond that is refused with a
message that quotes the input. Output is always Indonesian style.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .sanitize import quote

__all__ = [
    "NumberError",
    "parse_number",
    "parse_indicator",
    "parse_money",
    "canonical",
    "to_decimal",
    "format_decimal",
    "format_percent",
    "format_rupiah",
    "format_value",
    "format_exact",
]


class NumberError(ValueError):
    """An input that cannot be read as a number; the message is for the operator, in Indonesian."""


_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_TRAILING_DASH = re.compile(r"[.,]-$")
_BODY = re.compile(r"^[0-9][0-9.,]*$")


def _grouped(text: str, sep: str) -> bool:
    """True when `text` is digits grouped by threes with `sep` (1.234.567), the first group not led by zero."""
    return re.fullmatch(r"[1-9][0-9]{0,2}(?:" + re.escape(sep) + r"[0-9]{3})+", text) is not None


def _refuse(raw: str, why: str) -> NumberError:
    return NumberError(f"Tidak dapat membaca {quote(raw)} sebagai angka: {why}.")


def parse_number(raw: str, *, allow_negative: bool = True) -> Decimal:
    """Read an operator's number. Raises NumberError (and nothing else) for anything it cannot read."""
    if not isinstance(raw, str):
        raise NumberError(f"Tidak dapat membaca \u201c{raw!r}\u201d sebagai angka: bukan teks.")
    text = raw.strip()
    if not text:
        raise NumberError("Nilai kosong: ketik sebuah angka (untuk mengosongkan sel, hapus nilainya dengan sengaja).")
    text = _CURRENCY.sub("", text)
    if text.endswith("%"):
        text = text[:-1].rstrip()
    negative = False
    if text.startswith(("+", "-")):  # not `text[:1] in "+-"`: "" is in every string ("Rp", "%" alone)
        negative = text[0] == "-"
        text = text[1:].lstrip()
    # "3.800.000,-" and "74.959.903,-": the dash stands for "no cents".
    text = _TRAILING_DASH.sub("", text)
    text = text.replace(" ", "")
    if not text or not _BODY.match(text) or not text[-1].isdigit():
        raise _refuse(raw, "hanya angka dengan koma desimal atau titik ribuan yang dapat dibaca")

    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # Both appear: the last one is the decimal separator and must appear once; the other groups thousands.
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        grp = "," if dec == "." else "."
        whole, _, frac = text.rpartition(dec)
        if dec in whole or not frac or not _grouped(whole, grp):
            raise _refuse(raw, "pemisah ribuan dan desimal tidak konsisten")
        number = whole.replace(grp, "") + "." + frac
    elif dots > 1 or commas > 1:
        sep = "." if dots else ","
        if not _grouped(text, sep):
            raise _refuse(raw, "pemisah ribuan harus memisahkan tiap tiga angka")
        number = text.replace(sep, "")
    elif dots == 1:
        # "1.234" is a thousand two hundred and thirty-four in Indonesian; "4.25" and "82.08" can only be decimals.
        number = text.replace(".", "") if _grouped(text, ".") else text
    elif commas == 1:
        number = text.replace(",", ".")
    else:
        number = text
    if number.startswith(".") or number.endswith("."):
        raise _refuse(raw, "angka tidak lengkap")
    # Every digit counts, leading zeros too: 120,000 zeros before a 1 are a slip, not a number to store.
    if sum(c.isdigit() for c in number) > MAX_DIGITS:
        raise _refuse(raw, f"lebih dari {MAX_DIGITS} digit")
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only valid literals
        raise _refuse(raw, "bukan angka") from None
    if negative:
        if not allow_negative:
            raise _refuse(raw, "nilai tidak boleh negatif")
        value = -value
    return value


def parse_indicator(raw: str) -> Decimal:
    """Read an indicator value (target, realisasi, TW). Money keeps the Indonesian reading of `1.234` (pagu are
    whole Rupiah, so a thousands dot is the only sensible reading), but an indicator value with one dot followed by
    exactly three digits is truly ambiguous (`82.125` is 82,125 to one operator and 82125 to another): it is refused
    with both readings offered, never guessed."""
    if isinstance(raw, str):
        text = _TRAILING_DASH.sub("", _CURRENCY.sub("", raw.strip()))
        body = text[:-1].rstrip() if text.endswith("%") else text
        sign = body[:1] if body[:1] in ("+", "-") else ""
        body = body[len(sign):].strip()
        if body.count(".") == 1 and "," not in body and _grouped(body, "."):
            whole, frac = body.split(".")
            sign = "-" if sign == "-" else ""
            raise NumberError(f"\u201c{raw.strip()}\u201d bisa dibaca dua cara (titik desimal atau titik ribuan); "
                              f"ketik {sign}{whole},{frac} atau {sign}{whole}{frac}.")
    return parse_number(raw)


# Beyond these a figure is a typing slip, not a budget or an indicator (a kabupaten's APBD is about 10^12 Rupiah);
# they also keep money within the 64-bit integers that the JSON writer stores exactly.
MAX_MONEY = 10**15
MAX_DIGITS = 24


def parse_money(raw: str) -> int:
    """Read a Rupiah figure: whole, non-negative."""
    value = parse_number(raw, allow_negative=False)
    if value != value.to_integral_value():
        raise NumberError(f"{quote(raw)} bukan jumlah Rupiah yang utuh: anggaran dicatat tanpa sen.")
    if value >= MAX_MONEY:
        raise NumberError(f"{quote(raw)} terlalu besar untuk anggaran (paling banyak Rp 999 triliun); "
                          f"periksa jumlah digitnya.")
    return int(value)


def canonical(value: Decimal) -> str:
    """The stored form of an indicator value: plain decimal digits with a dot, no exponent, no trailing zeros."""
    if value == 0:
        return "0"
    with localcontext() as ctx:  # normalize() rounds to the context's 28 digits: never drop a typed digit
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 2)
        return format(value.normalize(), "f")


def to_decimal(stored: object) -> Decimal | None:
    """A stored value back to Decimal; None stays None (an empty cell is not zero)."""
    if stored is None or stored == "":
        return None
    return Decimal(str(stored))


def format_decimal(value: Decimal | int, places: int = 2) -> str:
    """Indonesian style, rounded half-up: 1234567.891 -> "1.234.567,89"."""
    d = Decimal(value)
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as ctx:  # enough digits for any figure typed: quantize fails beyond the context precision
        ctx.prec = max(ctx.prec, d.adjusted() + places + 2)
        d = d.quantize(quantum, rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)  # never print "-0,00"
    english = f"{d:,.{places}f}"
    return english.translate(str.maketrans(",.", ".,"))


def format_exact(value: Decimal | int, *, unambiguous: bool = False) -> str:
    """Indonesian style with every decimal kept: what the cell editor starts from, so that pressing Enter on an
    unchanged value never rounds it (1.234 shows as "1,234", never "1,23"). `unambiguous` (indicator values) drops
    the lone thousands dot that parse_indicator would refuse: 1234 starts the editor as "1234", not "1.234"."""
    d = Decimal(value)
    sign = "-" if d < 0 else ""
    whole, _, frac = canonical(abs(d)).partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    if unambiguous and not frac and grouped.count(".") == 1:
        grouped = whole
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def format_percent(value: Decimal | None, places: int = 2) -> str:
    return "\u2014" if value is None else format_decimal(value, places)


def format_value(value: Decimal | None) -> str:
    """An indicator's target or realisasi as shown: two decimals, or an em dash when not filled in."""
    return "\u2014" if value is None else format_decimal(value, 2)


def format_rupiah(value: int | Decimal | None, *, prefix: str = "Rp ") -> str:
    """Money without decimals unless they are non-zero: "Rp 3.247.636.481", "Rp 1.234,50"."""
    if value is None:
        return "\u2014"
    d = Decimal(value)
    places = 0 if d == d.to_integral_value() else 2
    return prefix + format_decimal(d, places)
