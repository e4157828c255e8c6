"""The office's profile as the year's documents and the rekap read it: the head and pihak kedua of that year."""

from __future__ import annotations

from typing import Any

from store.cascade import Cascade
from store.model import profile_for


def profile_for_year(casc: Cascade, year: int) -> dict[str, Any]:
    """Instansi, pemda and the signing fields of `year` (schema 2 keeps them per year; see store.model.profile_for)."""
    return profile_for(casc.meta, year)


def pemda_heading(pemda: str) -> str:
    """The heading offices print over their documents: "PEMERINTAH KABUPATEN SAMPANG" from "Kabupaten Sampang";
    a pemda entered as "Pemerintah Kabupaten …" is not doubled. Empty stays empty."""
    text = pemda.strip()
    if not text:
        return ""
    if not text.lower().startswith("pemerintah"):
        text = f"Pemerintah {text}"
    return text.upper()
