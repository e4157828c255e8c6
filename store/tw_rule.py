"""The quarter rule (aturan TW) of an indicator: how its realisasi TW I–IV make the year's realisasi.

*kumulatif* sums the quarters (documents issued, cases handled); *nilai akhir* takes the latest one (an index, a
percentage). The default never guesses: summing the quarters of a percentage gives 350 %, taking the last quarter
of a count loses three quarters. So an indicator gets a default only from a unit or a name that settles it, and
otherwise has no rule until the operator sets one (`p`, `lkjip set … aturan-tw`, the template's Aturan TW column);
a rule the operator set always wins. Where the unit and the name point different ways ("Persentase …" counted in
dokumen), there is no default either.
"""

from __future__ import annotations

from .model import Indicator, TwRule

KUMULATIF: TwRule = "kumulatif"
NILAI_AKHIR: TwRule = "nilai_akhir"

# Units of a level or a share: the year's value is where the year ended.
NILAI_AKHIR_UNITS = frozenset({"%", "persen", "indeks", "index", "nilai", "rasio", "skor", "opini", "predikat"})
# Names that say the same whatever the unit ("Persentase …" is often typed without a satuan); the misspellings
# Prosentase and Presentase are common in real files.
NILAI_AKHIR_NAMES = ("persentase", "prosentase", "presentase", "indeks", "nilai", "rasio", "tingkat", "skor",
                     "opini")
# Units of things produced or handled during the year, counted once each: the quarters add up. Units that may
# as well be a stock at the end of the year (buah, macam, jenis, bulan, hari) are left out on purpose.
KUMULATIF_UNITS = frozenset({
    "dokumen", "dok", "laporan", "kasus", "perkara", "orang", "org", "asn", "peserta", "ok",  # ok: orang kali
    "kegiatan", "desa", "kelurahan", "unit", "paket", "kali", "surat", "berkas", "lembar", "eksemplar", "naskah",
    "rekomendasi", "rapat",
})

ROMAN = ("I", "II", "III", "IV")
RULE_LABEL: dict[str, str] = {KUMULATIF: "kumulatif", NILAI_AKHIR: "nilai akhir"}
NO_RULE = "aturan TW?"  # what a cell shows where quarters are filled and no rule combines them

DEFAULTS_TEXT = ("kosong: nilai akhir untuk satuan %, persen, indeks, nilai, rasio, skor, opini, predikat dan "
                 "indikator bernama Persentase/Indeks/Nilai/Rasio/Tingkat/Skor/Opini \u2026; kumulatif untuk satuan "
                 "dokumen, laporan, kasus, orang, kegiatan, desa, unit, paket, kali dan sejenisnya; selain itu "
                 "tanpa aturan sampai dipilih")


def _unit_rule(satuan: str) -> TwRule | None:
    unit = satuan.strip().lower().rstrip(".").strip()
    if unit in NILAI_AKHIR_UNITS:
        return NILAI_AKHIR
    return KUMULATIF if unit in KUMULATIF_UNITS else None


def _name_rule(name: str) -> TwRule | None:
    words = name.strip().lower().split(maxsplit=1)
    return NILAI_AKHIR if words and words[0].strip(".,:;()") in NILAI_AKHIR_NAMES else None


def default_tw_rule(satuan: str, name: str) -> TwRule | None:
    """The rule an indicator without one set gets from its unit and name; None where they do not settle it."""
    by_unit, by_name = _unit_rule(satuan), _name_rule(name)
    if by_unit is not None and by_name is not None and by_unit != by_name:
        return None
    return by_unit or by_name


def tw_rule_of(ind: Indicator) -> TwRule | None:
    """The indicator's rule: the one the operator set, else the default of its unit and name (None: no rule)."""
    return ind.get("tw_rule") or default_tw_rule(ind.get("satuan") or "", ind.get("name") or "")


def roman(quarter: int) -> str:
    """TW I..IV: quarters are named in Roman numerals in every report."""
    return ROMAN[quarter - 1]


def rule_label(rule: str | None) -> str:
    return RULE_LABEL.get(rule or "", NO_RULE)
