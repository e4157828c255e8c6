"""Tujuan and sasaran of the Torjun Renstra 2019–2024 with their indicators (Tabel 2.1, 2.2, 3.1, 3.2)."""

from __future__ import annotations

from typing import Any

from .specs import ind

# --------------------------------------------------------------------------------------------------------------------
# Tujuan and sasaran (Renstra 2019–2024, Tabel 2.1 / 2.2; realisasi from Tabel 3.1 and 3.2)
# --------------------------------------------------------------------------------------------------------------------

TUJUAN: dict[str, Any] = {
    "id": "T1",
    "name": "Meningkatnya tata kelola Pemerintahan di Kecamatan",
    "indicators": [
        ind(
            "Nilai SAKIP Kecamatan",
            "nilai",
            arah="positif",
            target_akhir="72",
            target={"2021": "64", "2022": "66", "2023": "71.5", "2024": "72"},
        ),
    ],
}

SASARAN: list[dict[str, Any]] = [
    {
        "id": "S1",
        "name": "Meningkatnya kualitas pelayanan Kecamatan",
        "indicators": [
            ind(
                "Indeks Kepuasan Masyarakat (IKM)",
                "indeks",
                arah="positif",
                rumus="Total dari nilai persepsi per unsur / total unsur yang terisi × 100%",
                kondisi_awal="80.4",  # printed 80,40; stored canonical (no trailing zero)
                target_akhir="82.55",
                target={
                    "2019": "81.05",
                    "2020": "81.55",
                    "2021": "81.75",
                    "2022": "82",
                    "2023": "82.05",
                    "2024": "82.55",
                },
                realisasi={"2021": "81.78", "2022": "82.08"},
            ),
        ],
        # Tabel 3.4 pairs this sasaran with one sub kegiatan of the penunjang program.
        "budget_refs": ["7.01.01.2.10.0001"],
    },
    {
        "id": "S2",
        "name": "Meningkatnya tata kelola administrasi Pemerintahan Desa dan Kelurahan",
        "indicators": [
            ind(
                "Persentase Desa/Kelurahan dengan tata kelola administrasi Desa/Kelurahan yang baik",
                "%",
                arah="positif",
                target_akhir="100",
                target={"2021": "100", "2022": "100", "2023": "100", "2024": "100"},
                realisasi={"2021": "100", "2022": "100"},
            ),
        ],
        # Tabel 3.4 pairs this sasaran with the Pemberdayaan Masyarakat program.
        "budget_refs": ["7.01.03"],
    },
]
