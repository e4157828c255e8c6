"""Small builders for the demo's data: indicator, sub kegiatan, kegiatan and program specs (plain dicts)."""

from __future__ import annotations

from typing import Any

# --------------------------------------------------------------------------------------------------------------------
# Small builders for the data below
# --------------------------------------------------------------------------------------------------------------------


def ind(name: str, satuan: str = "", **extra: Any) -> dict[str, Any]:
    """An indicator spec: name, satuan and optional arah, rumus, kondisi_awal, target_akhir, target, realisasi."""
    return {"name": name, "satuan": satuan, **extra}


def sub(code: str, name: str, pagu: int, realisasi: int, *indicators: dict[str, Any]) -> dict[str, Any]:
    """A sub kegiatan: last code segment (four digits), name, 2022 pagu and realisasi (whole Rupiah)."""
    return {"code": code, "name": name, "pagu": pagu, "realisasi": realisasi, "indicators": list(indicators)}


def keg(
    code: str,
    name: str,
    printed: tuple[int, int] | None,
    indicators: list[dict[str, Any]],
    subs: list[dict[str, Any]],
) -> dict[str, Any]:
    """A kegiatan: code segment ("2.01"), name, the subtotal printed in the seed (None: row left blank)."""
    return {"code": code, "name": name, "printed": printed, "indicators": indicators, "subs": subs}


def prog(
    code: str,
    name: str,
    sasaran: str,
    pagu_pk: int,
    printed: tuple[int, int],
    indicators: list[dict[str, Any]],
    kegiatan: list[dict[str, Any]],
) -> dict[str, Any]:
    """A program: code segment ("01"), the sasaran it is placed under, PK budget, subtotal printed in the seed."""
    return {
        "code": code,
        "name": name,
        "sasaran": sasaran,
        "pagu_pk": pagu_pk,
        "printed": printed,
        "indicators": indicators,
        "kegiatan": kegiatan,
    }
