"""Generated prose: every sentence of the report that states a figure or a count.

The seed report typed its figures into the text by hand and contradicted its own tables (32 and 34 sub kegiatan,
"75% atau 100%"). Here each figure comes from reports.engine and is formatted by store.text.numbers, exactly as the
tables format it, so prose and tables cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from store.domain.cascade import Cascade
from store.domain.model import Indicator, Node, Settings, profile_for
from store.text.numbers import format_percent, format_rupiah, format_value

from reports import efisiensi, engine
from reports import tables as T


def _amount(value: Decimal | None, satuan: str) -> str:
    text = format_value(value)
    return text + "%" if value is not None and satuan.strip() == "%" else text


def _pct(value: Decimal | None) -> str:
    return format_percent(value) + "%"


def _join(parts: list[str]) -> str:
    """Indonesian enumeration: "a, b dan c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def counts(casc: Cascade) -> str:
    """"5 program, 12 kegiatan dan 34 sub kegiatan", counted from the cascade itself."""
    return _join([f"{len(casc.of_level('program'))} program", f"{len(casc.of_level('kegiatan'))} kegiatan",
                  f"{len(casc.of_level('subkegiatan'))} sub kegiatan"])


def indicator_result(ind: Indicator, year: int, settings: Settings) -> str:
    """"realisasi 82,08 dari target 82,00, capaian 100,10% (Sangat Tinggi)", or why capaian is undefined."""
    c = engine.capaian(ind, year, settings)
    satuan = ind.get("satuan", "")
    if c.value is None:
        known = []
        if c.realisasi is not None:
            known.append(f"realisasi {_amount(c.realisasi, satuan)}")
        if c.target is not None:
            known.append(f"target {_amount(c.target, satuan)}")
        lead = ", ".join(known) + ", " if known else ""
        return f"{lead}capaian belum dapat dihitung ({c.formula})"
    return (f"realisasi {_amount(c.realisasi, satuan)} dari target {_amount(c.target, satuan)}, "
            f"capaian {_pct(c.value)} ({engine.predikat(c.value, settings)})")


def capaian_sasaran(casc: Cascade, no: int, sasaran: Node, year: int) -> str:
    """One sentence per sasaran: each indicator's result and, with several indicators, their average."""
    settings = casc.meta["settings"]
    inds = sasaran["indicators"]
    head = f'Capaian sasaran {no} "{sasaran["name"]}"'
    if not inds:
        return f"{head} belum memiliki indikator kinerja."
    if len(inds) == 1:
        return f"{head} dengan indikator {inds[0]['name']}: {indicator_result(inds[0], year, settings)}."
    parts = [f"indikator {ind['name']}: {indicator_result(ind, year, settings)}" for ind in inds]
    avg = engine.sasaran_capaian(sasaran, year, settings)
    tail = (f"; rata-rata capaian sasaran {_pct(avg)} ({engine.predikat(avg, settings)})" if avg is not None
            else "; rata-rata capaian sasaran belum dapat dihitung")
    return f"{head} dengan " + "; ".join(parts) + tail + "."


def capaian_semua_sasaran(casc: Cascade, year: int) -> list[str]:
    return [capaian_sasaran(casc, no, s, year) for no, s in enumerate(casc.of_level("sasaran"), start=1)]


def pengantar_capaian(casc: Cascade, year: int) -> str:
    n = len(casc.of_level("sasaran"))
    instansi = profile_for(casc.meta, year)["instansi"]
    return f"Kinerja {instansi} tahun {year} diukur melalui {n} sasaran strategis dengan capaian sebagai berikut:"


def capaian_instansi(casc: Cascade, year: int) -> str:
    settings = casc.meta["settings"]
    value = engine.instansi_capaian(casc, year)
    instansi = profile_for(casc.meta, year)["instansi"]
    if value is None:
        return (f"Rata-rata capaian kinerja {instansi} tahun {year} belum dapat dihitung karena target atau "
                f"realisasi indikator sasaran belum diisi.")
    return (f"Rata-rata capaian kinerja {instansi} tahun {year} dari seluruh sasaran strategis adalah "
            f"{_pct(value)} dengan predikat {engine.predikat(value, settings)}.")


def _uang(a: engine.Anggaran) -> str:
    """"anggaran sebesar Rp … dengan realisasi Rp … atau serapan …%"; the pagu must be known."""
    text = f"anggaran sebesar {format_rupiah(a.pagu)}"
    if a.realisasi is None:
        return text + " yang realisasinya belum diisi"
    return f"{text} dengan realisasi {format_rupiah(a.realisasi)} atau serapan {_pct(a.serapan)}"


def anggaran_instansi(casc: Cascade, year: int) -> str:
    """BAB III B: the totals of the anggaran table, and the counts of what they financed."""
    instansi = profile_for(casc.meta, year)["instansi"]
    a = engine.instansi_anggaran(casc, year)
    if a.pagu is None:
        return (f"Anggaran {instansi} tahun {year} belum diisi. Program dan kegiatan yang dilaksanakan terdiri atas "
                f"{counts(casc)}, dengan rincian pada tabel berikut.")
    return (f"Pada tahun {year} {instansi} mengelola {_uang(a)}. Anggaran tersebut digunakan untuk "
            f"melaksanakan {counts(casc)}, dengan rincian pada tabel berikut.")


def anggaran_pk(casc: Cascade, year: int) -> str:
    """BAB II B: the PK budget (pagu awal), which may differ from the budget after the APBD Perubahan."""
    instansi = profile_for(casc.meta, year)["instansi"]
    pagu_pk = engine.instansi_anggaran(casc, year).pagu_pk
    if pagu_pk is None:
        return (f"Anggaran Perjanjian Kinerja {instansi} tahun {year} belum diisi; kinerja tersebut diwujudkan "
                f"melalui {counts(casc)}.")
    return (f"Untuk mewujudkan kinerja tersebut, {instansi} dalam Perjanjian Kinerja tahun {year} mendapat "
            f"dukungan anggaran APBD sebesar {format_rupiah(pagu_pk)} untuk melaksanakan {counts(casc)}.")


def pk_dan_pagu(casc: Cascade, year: int) -> str:
    """BAB III B: why the budget differs from the PK budget in BAB II, and by how much ("" when they agree)."""
    diff = engine.pk_vs_pagu(casc, year)
    if diff is None:
        return ""
    pk, pagu, selisih = diff
    arah = "bertambah" if selisih > 0 else "berkurang"
    return (f"Anggaran pada Perjanjian Kinerja sebesar {format_rupiah(pk)} adalah pagu saat Perjanjian Kinerja "
            f"ditandatangani; setelah perubahan anggaran, pagu tahun {year} menjadi {format_rupiah(pagu)}, "
            f"{arah} {format_rupiah(abs(selisih))}.")


def anggaran_sasaran(casc: Cascade, sasaran: Node, year: int) -> str:
    """Per sasaran in BAB III: its budget, serapan and efisiensi (Tabel 3.4 and 3.5 in words)."""
    settings = casc.meta["settings"]
    a = engine.sasaran_anggaran(casc, sasaran, year)
    if a.pagu is None:
        return "Anggaran yang mendukung sasaran ini belum diisi."
    e = efisiensi.sasaran_efisiensi(casc, sasaran, year)
    text = f"Sasaran ini didukung {_uang(a)}"
    if e.value is not None:
        text += (f"; tingkat efisiensi ({e.rumus_words}) "
                 f"{e.shown} ({efisiensi.efisiensi_label(e.value, settings)})")
    return text + "."


def kemajuan(casc: Cascade, year: int, sasaran: Node | None = None) -> list[str]:
    """Tingkat kemajuan against the Renstra end target, one sentence per sasaran indicator (of one sasaran: its
    own)."""
    settings = casc.meta["settings"]
    akhir = casc.meta["periode_akhir"]
    out = []
    for s in [sasaran] if sasaran is not None else casc.of_level("sasaran"):
        for ind in s["indicators"]:
            k = engine.kemajuan(ind, year, settings)
            satuan = ind.get("satuan", "")
            if k.value is None:
                out.append(f"Tingkat kemajuan indikator {ind['name']} terhadap target akhir Renstra ({akhir}) "
                           f"belum dapat dihitung ({k.formula}).")
            else:
                out.append(f"Realisasi indikator {ind['name']} tahun {year} sebesar {_amount(k.realisasi, satuan)} "
                           f"dibandingkan target akhir Renstra tahun {akhir} sebesar {_amount(k.target, satuan)} "
                           f"memberikan tingkat kemajuan {_pct(k.value)}.")
    return out


def tahun_sebelumnya(casc: Cascade, sasaran: Node, year: int) -> list[str]:
    """Per indicator of `sasaran`: this year's realisasi against the earlier years of Tabel 3.2."""
    out = []
    for ind in sasaran["indicators"]:
        satuan = ind.get("satuan", "")
        now = engine.realisasi_of(ind, year)
        if now is None:
            out.append(f"Realisasi indikator {ind['name']} tahun {year} belum diisi.")
            continue
        head = f"Realisasi indikator {ind['name']} tahun {year} sebesar {_amount(now, satuan)}"
        earlier = [(y, v) for y in T.compared_years(casc, year)[:-1]
                   if (v := engine.realisasi_of(ind, y)) is not None]
        if not earlier:
            out.append(f"{head}; realisasi tahun-tahun sebelumnya belum diisi.")
            continue
        last_year, last = earlier[-1]
        trend = "naik" if now > last else "turun" if now < last else "sama"
        shown = _join([f"tahun {y} sebesar {_amount(v, satuan)}" for y, v in earlier])
        out.append(f"{head}, dibandingkan {shown}; {trend} dari tahun {last_year}." if trend != "sama"
                   else f"{head}, dibandingkan {shown}; sama dengan tahun {last_year}.")
    return out
