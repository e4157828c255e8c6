"""Tingkat efisiensi: a sasaran's capaian against the serapan of its budget, and the office's as the last row of its
Tabel 3.5 prints it; the setting `efisiensi_rumus` chooses the difference or the ratio, and its label (Efisien,
Cukup efisien, Tidak efisien). Every figure comes from the capaian and the budget of reports.engine."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from store.domain.cascade import Cascade
from store.domain.model import Node, Settings
from store.text.numbers import format_decimal

from .engine import average, sasaran_anggaran, sasaran_capaian

# Setting `efisiensi_rumus`: "selisih" (default) is capaian % − serapan %, labelled against ±5 points
# (efisiensi_atas / efisiensi_bawah); "rasio" is capaian % / serapan %, efisien above 1 (efisiensi_rasio_atas /
# efisiensi_rasio_bawah, both 1 by default): a BPOM research centre printed 99,92 / 94,00 = 1,063.
SELISIH, RASIO = "selisih", "rasio"


def efisiensi_rumus_of(settings: Settings) -> str:
    return RASIO if settings.get("efisiensi_rumus") == RASIO else SELISIH


def efisiensi_shown(value: Decimal | None, rumus: str) -> str:
    """As reports print it: a difference in points with two decimals (5,92), a ratio with three (1,063)."""
    return "\u2014" if value is None else format_decimal(value, efisiensi_places(rumus))


def efisiensi_places(rumus: str) -> int:
    return 3 if rumus == RASIO else 2


@dataclass(frozen=True)
class Efisiensi:
    capaian: Decimal | None
    serapan: Decimal | None
    rumus: str = SELISIH

    @property
    def value(self) -> Decimal | None:
        if self.capaian is None or self.serapan is None:
            return None
        if self.rumus == RASIO:
            return None if self.serapan == 0 else self.capaian / self.serapan
        return self.capaian - self.serapan

    @property
    def shown(self) -> str:
        return efisiensi_shown(self.value, self.rumus)

    @property
    def rumus_words(self) -> str:
        return ("capaian kinerja dibagi serapan anggaran" if self.rumus == RASIO
                else "capaian kinerja dikurangi serapan anggaran")


def efisiensi_label(value: Decimal | None, settings: Settings) -> str:
    if value is None:
        return "\u2014"
    if efisiensi_rumus_of(settings) == RASIO:
        atas, bawah = settings.get("efisiensi_rasio_atas", "1"), settings.get("efisiensi_rasio_bawah", "1")
    else:
        atas, bawah = settings.get("efisiensi_atas", "5"), settings.get("efisiensi_bawah", "-5")
    if value > Decimal(str(atas)):
        return "Efisien"
    if value < Decimal(str(bawah)):
        return "Tidak efisien"
    return "Cukup efisien"


def sasaran_efisiensi(casc: Cascade, sasaran: Node, year: int) -> Efisiensi:
    settings = casc.meta["settings"]
    return Efisiensi(sasaran_capaian(sasaran, year, settings), sasaran_anggaran(casc, sasaran, year).serapan,
                     efisiensi_rumus_of(settings))


@dataclass(frozen=True)
class EfisiensiInstansi:
    """The office's tingkat efisiensi as the last row of its Tabel 3.5 prints it: the average of its sasaran's, over
    the sasaran that have one (both capaian and serapan known), like the instansi's capaian is the average of its
    sasaran's. Not the instansi capaian against the serapan of the whole budget: programs that serve no sasaran
    (the office's own upkeep, 7.01.01) would then weigh on the serapan and on none of the capaian."""

    value: Decimal | None
    counted: int  # sasaran with an efisiensi
    sasaran: int  # every sasaran of the office
    rumus: str = SELISIH

    @property
    def shown(self) -> str:
        return efisiensi_shown(self.value, self.rumus)


def instansi_efisiensi(casc: Cascade, year: int) -> EfisiensiInstansi:
    values = [sasaran_efisiensi(casc, s, year).value for s in casc.of_level("sasaran")]
    return EfisiensiInstansi(average(values), sum(v is not None for v in values), len(values),
                             efisiensi_rumus_of(casc.meta["settings"]))
