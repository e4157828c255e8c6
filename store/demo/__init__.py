"""The demo workbook: Kecamatan Torjun (Kabupaten Sampang), LKjIP 2022.

Every figure comes from the seed report (the printed LKjIP 2022 of Kecamatan Torjun). The cascade, budget and Tabel 1.2
indicators are written as nested data in the modules beside this one; the builders here turn them into workbook records (store.model).
Where the seed contradicts itself or is unclear, the choice made is recorded in meta["notes"] (Indonesian).

Budget figures (pagu after the APBD Perubahan and realisasi) sit on sub kegiatan only: kegiatan, program, sasaran and
instansi totals are sums. The PK budget (pagu awal) sits on the program nodes as `pagu_pk`.
"""

from __future__ import annotations

from typing import Any

from store.model import ISU, NARRATIVE, NODES, Indicator, Level, Node, new_document, new_indicator, new_meta, new_node

from .goals import SASARAN, TUJUAN
from .programs import PROGRAMS
from .texts import ANALISIS_TEXTS, ISU_ROWS, NARRATIVE_TEXTS, NOTES

__all__ = ["demo_document"]

TAHUN = "2022"
URUSAN = "7.01"


# --------------------------------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------------------------------


def _indicator(node_id: str, n: int, spec: dict[str, Any]) -> Indicator:
    indicator = new_indicator(
        f"{node_id}/{n}",
        spec["name"],
        satuan=spec["satuan"],
        arah=spec.get("arah", "positif"),
        rumus=spec.get("rumus", ""),
        kondisi_awal=spec.get("kondisi_awal"),
        target_akhir=spec.get("target_akhir"),
    )
    targets, realisasi = spec.get("target", {}), spec.get("realisasi", {})
    for year in sorted(set(targets) | set(realisasi)):
        indicator["years"][year] = {"target": targets.get(year), "realisasi": realisasi.get(year)}
    return indicator


def _node(node_id: str, level: Level, name: str, parent: str | None, order: int, specs: list[dict[str, Any]]) -> Node:
    code = node_id if level in ("program", "kegiatan", "subkegiatan") else ""
    node = new_node(node_id, level, name, parent=parent, code=code, order=order)
    node["indicators"] = [_indicator(node_id, n, spec) for n, spec in enumerate(specs, start=1)]
    return node


def _cascade() -> list[Node]:
    nodes = [_node(TUJUAN["id"], "tujuan", TUJUAN["name"], None, 1, TUJUAN["indicators"])]
    for order, sasaran in enumerate(SASARAN, start=1):
        node = _node(sasaran["id"], "sasaran", sasaran["name"], TUJUAN["id"], order, sasaran["indicators"])
        node["budget_refs"] = list(sasaran["budget_refs"])
        nodes.append(node)
    for sasaran in SASARAN:
        under = sorted((p for p in PROGRAMS if p["sasaran"] == sasaran["id"]), key=lambda p: p["code"])
        for p_order, p in enumerate(under, start=1):
            p_id = f"{URUSAN}.{p['code']}"
            program = _node(p_id, "program", p["name"], sasaran["id"], p_order, p["indicators"])
            program["budget"][TAHUN] = {"pagu_pk": p["pagu_pk"]}
            nodes.append(program)
            for k_order, k in enumerate(p["kegiatan"], start=1):
                k_id = f"{p_id}.{k['code']}"
                nodes.append(_node(k_id, "kegiatan", k["name"], p_id, k_order, k["indicators"]))
                for s_order, s in enumerate(k["subs"], start=1):
                    s_id = f"{k_id}.{s['code']}"
                    node = _node(s_id, "subkegiatan", s["name"], k_id, s_order, s["indicators"])
                    node["budget"][TAHUN] = {"pagu": s["pagu"], "realisasi": s["realisasi"]}
                    nodes.append(node)
    return nodes


def _rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


def _mismatch(label: str, printed: tuple[int, int] | None, sums: tuple[int, int]) -> list[str]:
    if printed is None or printed == sums:
        return []
    return [
        f"Subtotal {label} yang tercetak ({_rupiah(printed[0])} / {_rupiah(printed[1])}) tidak sama dengan jumlah "
        f"sub kegiatannya ({_rupiah(sums[0])} / {_rupiah(sums[1])}); angka sub kegiatan yang dipakai."
    ]


def _subtotal_notes() -> list[str]:
    """A note for every kegiatan or program subtotal printed in the seed that is not the sum of its sub kegiatan."""
    notes = []
    for p in PROGRAMS:
        p_pagu = p_real = 0
        for k in p["kegiatan"]:
            k_pagu, k_real = sum(s["pagu"] for s in k["subs"]), sum(s["realisasi"] for s in k["subs"])
            p_pagu, p_real = p_pagu + k_pagu, p_real + k_real
            notes += _mismatch(f"kegiatan {URUSAN}.{p['code']}.{k['code']}", k["printed"], (k_pagu, k_real))
        notes += _mismatch(f"program {URUSAN}.{p['code']}", p["printed"], (p_pagu, p_real))
    return notes


def _isu() -> dict[str, dict[str, Any]]:
    return {
        str(n): {
            "id": f"M{n}",
            "order": n,
            "masalah": masalah,
            "items": [{"pokok": pokok, "akar": akar} for pokok, akar in items],
            "rev": 1,
        }
        for n, (masalah, items) in enumerate(ISU_ROWS, start=1)
    }


def demo_document() -> dict[str, Any]:
    """A complete workbook document holding every figure of the seed report (a fresh object on every call)."""
    meta = new_meta(
        instansi="Kecamatan Torjun", pemda="Kabupaten Sampang", periode_awal=2019, periode_akhir=2024, tahun=2022
    )
    meta["profile_tahun"]["2022"] = {
        "kepala_nama": "SAFFAK,SE.MM.",
        "kepala_nip": "197807142005011012",
        "kepala_jabatan": "CAMAT TORJUN",
        "tempat": "Sampang",
        "tanggal": "06 Maret 2023",
    }
    subtotal_notes = _subtotal_notes() or [
        "Semua subtotal kegiatan dan program yang tercetak di tabel realisasi anggaran sama dengan jumlah sub "
        "kegiatannya."
    ]
    meta["notes"] = [*NOTES, *subtotal_notes]

    doc = new_document(meta)
    doc[NODES] = {str(n): node for n, node in enumerate(_cascade(), start=1)}
    doc[ISU] = _isu()
    for record in doc[NARRATIVE].values():
        record["texts"] = {"2022": NARRATIVE_TEXTS[record["key"]]}
    start = len(doc[NARRATIVE]) + 1
    for n, sasaran in enumerate(SASARAN):
        doc[NARRATIVE][str(start + n)] = {
            "key": f"analisis:{sasaran['id']}",
            "title": f"Analisis Sasaran {n + 1}",
            "texts": {"2022": ANALISIS_TEXTS[sasaran["id"]]},
            "rev": 1,
        }
    return doc
