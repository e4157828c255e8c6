"""A kabupaten-scale workbook for the benchmark: 2,000 cascade nodes, 4,000 indicators, six years.

Deterministic: one seeded random.Random and no clock, so the same seed gives the same bytes. The office is invented
(Kabupaten Sumberjaya); the shape follows a real Renstra: 10 tujuan, 40 sasaran, 150 program, 400 kegiatan and 1,400
sub kegiatan, every level under the level above it. Years are the baseline 2024 and the Renstra 2025–2029; the
report year is 2027. Targets and realisasi are filled for all six years, and pagu and realisasi anggaran for all six
years on every sub kegiatan, so that the file is as large as it will be at the close of the Renstra: the bench
measures the worst case the users will meet.

    python tests/bench/generate.py OUT.json [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.domain.model import ISU, LOG, NARRATIVE, NODES, new_document, new_indicator, new_meta, new_node  # noqa: E402
from store.text.numbers import canonical  # noqa: E402
from store.disk.serialize import dumps  # noqa: E402

BASELINE, PERIODE_AWAL, PERIODE_AKHIR, TAHUN = 2024, 2025, 2029, 2027
YEARS = tuple(range(BASELINE, PERIODE_AKHIR + 1))
COUNTS = {"tujuan": 10, "sasaran": 40, "program": 150, "kegiatan": 400, "subkegiatan": 1400}
INDICATORS = 4000
# Every node gets at least this many indicators; the rest are spread at random. Every sasaran has three or more,
# so the TUI benchmark can always find a node whose grid has rows to move between.
MIN_INDICATORS = {"tujuan": 2, "sasaran": 3, "program": 2, "kegiatan": 2, "subkegiatan": 1}
NEGATIF_SHARE = 0.08

BIDANG = [
    "pendidikan dasar", "kesehatan masyarakat", "pelayanan kesehatan rujukan", "jalan dan jembatan", "air minum",
    "sanitasi lingkungan", "perumahan rakyat", "ketertiban umum", "perlindungan masyarakat", "sosial",
    "tenaga kerja", "pemberdayaan perempuan", "perlindungan anak", "ketahanan pangan", "lingkungan hidup",
    "administrasi kependudukan", "pemberdayaan desa", "pengendalian penduduk", "perhubungan", "komunikasi dan "
    "informatika", "koperasi dan usaha mikro", "penanaman modal", "kepemudaan dan olahraga", "kebudayaan",
    "perpustakaan", "kearsipan", "perikanan", "pariwisata", "pertanian", "perdagangan", "perindustrian",
    "tata kelola keuangan daerah", "pengawasan internal", "perencanaan pembangunan", "kepegawaian",
]
TUJUAN_VERB = "Mewujudkan", "Meningkatkan", "Memantapkan", "Memperkuat", "Mengembangkan"
SASARAN_VERB = "Meningkatnya", "Terwujudnya", "Menurunnya hambatan", "Membaiknya", "Terkendalinya"
PROGRAM_WORD = "Program Peningkatan", "Program Pengelolaan", "Program Penyelenggaraan", "Program Pembinaan"
KEGIATAN_WORD = "Penyediaan", "Pengelolaan", "Koordinasi", "Fasilitasi", "Pembangunan", "Pemeliharaan"
SUB_WORD = ("Penyusunan dokumen", "Pengadaan sarana", "Rehabilitasi", "Pelatihan", "Monitoring dan evaluasi",
            "Sosialisasi", "Pendataan", "Pendampingan", "Operasional")
OBJEK = "kualitas", "cakupan", "akses", "kinerja", "mutu", "ketersediaan", "pemerataan", "tata kelola"

# (satuan, kind): kind picks the value range below.
SATUAN = [("%", "persen"), ("%", "persen"), ("%", "persen"), ("indeks", "indeks"), ("nilai", "indeks"),
          ("dokumen", "jumlah"), ("orang", "jumlah"), ("desa", "jumlah"), ("unit", "jumlah"), ("laporan", "jumlah"),
          ("kegiatan", "jumlah"), ("km", "jumlah")]
INDIKATOR_WORD = {"persen": "Persentase", "indeks": "Indeks", "jumlah": "Jumlah"}
NEGATIF_NAMES = [
    ("Angka kemiskinan", "%"), ("Tingkat pengangguran terbuka", "%"), ("Prevalensi stunting", "%"),
    ("Persentase rumah tidak layak huni", "%"), ("Angka kematian bayi", "per 1.000 kelahiran"),
    ("Persentase jalan rusak berat", "%"), ("Jumlah temuan berulang hasil pemeriksaan", "temuan"),
    ("Angka putus sekolah", "%"), ("Kasus demam berdarah", "kasus"),
]


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    """A random value with two decimals between low and high (whole numbers), without touching floats."""
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _spread(rng: random.Random, parents: int, children: int) -> list[int]:
    """How many children each parent gets: at least one each, the rest at random."""
    counts = [1] * parents
    for _ in range(children - parents):
        counts[rng.randrange(parents)] += 1
    return counts


def _series(rng: random.Random, kind: str, negatif: bool) -> dict[str, dict[str, str]]:
    """Targets rising (falling for a negative indicator) over the six years; realisasi around the target."""
    if kind == "jumlah":
        start = Decimal(rng.randint(5, 400))
        step = Decimal(rng.randint(0, 20))
    else:
        start = _cents(rng, 40, 85) if not negatif else _cents(rng, 5, 30)
        step = _cents(rng, 0, 3)
    years: dict[str, dict[str, str]] = {}
    for n, year in enumerate(YEARS):
        target = start - step * n if negatif else start + step * n
        target = max(target, Decimal("0.5"))
        if kind == "persen":
            target = min(target, Decimal(100))
        # realisasi between 80 % and 110 % of the target; a handful of indicators fall far short.
        share = Decimal(rng.randint(8000, 11000)) / 10000 if rng.random() > 0.03 else Decimal(rng.randint(30, 70)) / 100
        realisasi = (target * share).quantize(Decimal(1) if kind == "jumlah" else Decimal("0.01"))
        if kind == "persen":
            realisasi = min(realisasi, Decimal(100))
        years[str(year)] = {"target": canonical(target), "realisasi": canonical(realisasi)}
    return years


def _indicator(rng: random.Random, node_id: str, n: int, topic: str) -> dict:
    negatif = rng.random() < NEGATIF_SHARE
    if negatif:
        name, satuan = rng.choice(NEGATIF_NAMES)
        name = f"{name} ({topic})"
        kind = "jumlah" if satuan in ("temuan", "kasus") else "persen" if satuan == "%" else "indeks"
    else:
        satuan, kind = rng.choice(SATUAN)
        name = f"{INDIKATOR_WORD[kind]} {rng.choice(OBJEK)} {topic}"
    years = _series(rng, kind, negatif)
    rumus = f"{name} tahun n dibagi sasaran tahun n \u00d7 100%" if kind == "persen" and rng.random() < 0.3 else ""
    ind = new_indicator(
        f"{node_id}/{n}",
        name,
        satuan=satuan,
        arah="negatif" if negatif else "positif",
        rumus=rumus,
        kondisi_awal=years[str(BASELINE)]["realisasi"],
        target_akhir=years[str(PERIODE_AKHIR)]["target"],
    )
    ind["years"] = years
    return ind


def _name(rng: random.Random, level: str, topic: str) -> str:
    if level == "tujuan":
        return f"{rng.choice(TUJUAN_VERB)} {rng.choice(OBJEK)} {topic} yang merata"
    if level == "sasaran":
        return f"{rng.choice(SASARAN_VERB)} {rng.choice(OBJEK)} {topic}"
    if level == "program":
        return f"{rng.choice(PROGRAM_WORD)} {topic.title()}"
    if level == "kegiatan":
        return f"{rng.choice(KEGIATAN_WORD)} {rng.choice(OBJEK)} {topic}"
    return f"{rng.choice(SUB_WORD)} {rng.choice(OBJEK)} {topic}"


def _cascade(rng: random.Random) -> list[dict]:
    """The nodes, parents before children, each level numbered as a Renstra numbers it."""
    nodes: list[dict] = []
    topics: dict[str, str] = {}

    tujuan = []
    for t in range(COUNTS["tujuan"]):
        node_id = f"T{t + 1}"
        topics[node_id] = BIDANG[t % len(BIDANG)]
        node = new_node(node_id, "tujuan", _name(rng, "tujuan", topics[node_id]), order=t + 1)
        tujuan.append(node)

    def children(parents: list[dict], level: str, make_id) -> list[dict]:
        made = []
        for parent, count in zip(parents, _spread(rng, len(parents), COUNTS[level])):
            for order in range(1, count + 1):
                node_id, code = make_id(parent, order, len(made))
                topic = topics[parent["id"]] if rng.random() < 0.7 else rng.choice(BIDANG)
                topics[node_id] = topic
                made.append(new_node(node_id, level, _name(rng, level, topic),  # type: ignore[arg-type]
                                     parent=parent["id"], code=code, order=order))
        return made

    sasaran = children(tujuan, "sasaran", lambda p, o, n: (f"S{n + 1}", ""))
    # A program's code carries the urusan of its tujuan ("2.03.07"): unique across the kabupaten.
    urusan = {t["id"]: f"{i % 5 + 1}.{i // 5 + 1:02d}" for i, t in enumerate(tujuan)}
    program_seq: dict[str, int] = {}

    def program_id(parent: dict, order: int, n: int) -> tuple[str, str]:
        u = urusan[parent["parent"]]
        program_seq[u] = program_seq.get(u, 0) + 1
        code = f"{u}.{program_seq[u]:02d}"
        return code, code

    programs = children(sasaran, "program", program_id)
    kegiatan = children(programs, "kegiatan", lambda p, o, n: (f"{p['id']}.2.{o:02d}",) * 2)
    subs = children(kegiatan, "subkegiatan", lambda p, o, n: (f"{p['id']}.{o:04d}",) * 2)
    nodes = tujuan + sasaran + programs + kegiatan + subs

    # Indicators: the minimum per level, then the rest one at a time to random nodes.
    per_node = [MIN_INDICATORS[n["level"]] for n in nodes]
    for _ in range(INDICATORS - sum(per_node)):
        per_node[rng.randrange(len(nodes))] += 1
    for node, count in zip(nodes, per_node):
        node["indicators"] = [_indicator(rng, node["id"], n, topics[node["id"]]) for n in range(1, count + 1)]

    # Budget: pagu and realisasi on every sub kegiatan for every year; the PK pagu (pagu awal) on programs.
    pagu_of: dict[str, dict[str, int]] = {}
    by_id = {n["id"]: n for n in nodes}
    for sub in subs:
        for year in YEARS:
            pagu = rng.randint(25_000, 1_500_000) * 1000
            realisasi = pagu * rng.randint(7000, 10000) // 10000
            sub["budget"][str(year)] = {"pagu": pagu, "realisasi": realisasi}
            program = by_id[by_id[sub["parent"]]["parent"]]["id"]
            total = pagu_of.setdefault(program, {})
            total[str(year)] = total.get(str(year), 0) + pagu
    for program in programs:
        for year, total in pagu_of[program["id"]].items():
            program["budget"][year] = {"pagu_pk": total * rng.randint(90, 105) // 100 // 1000 * 1000}
    return nodes


def _log(nodes: list[dict]) -> dict[str, dict]:
    """A few past edits of realisasi, as the edit log records them (fixed times: no clock)."""
    entries = {}
    picked = [ind for node in nodes[10:50:8] for ind in node["indicators"][:1]]
    for seq, ind in enumerate(picked, start=1):
        slot = ind["years"][str(TAHUN)]
        entries[str(seq)] = {
            "seq": seq, "at": f"2027-12-{10 + seq:02d}T09:{10 + seq:02d}:00+07:00", "user": "operator",
            "kind": "edit", "ref": ind["id"], "field": "realisasi", "year": TAHUN, "old": None,
            "new": slot["realisasi"],
        }
    return entries


def kabupaten_document(seed: int = 1) -> dict:
    """A complete workbook document at kabupaten scale (a fresh object on every call; same seed, same data)."""
    rng = random.Random(seed)
    meta = new_meta(instansi="Pemerintah Kabupaten Sumberjaya", pemda="Kabupaten Sumberjaya",
                    periode_awal=PERIODE_AWAL, periode_akhir=PERIODE_AKHIR, tahun=TAHUN)
    meta["profile_tahun"][str(TAHUN)] = {
        "kepala_nama": "Drs. BUDI SANTOSO, M.Si.", "kepala_nip": "197001011995031001",
        "kepala_jabatan": "BUPATI SUMBERJAYA", "tempat": "Sumberjaya", "tanggal": "28 Februari 2028"}
    meta["notes"] = ["Buku kerja buatan untuk uji kecepatan (tests/bench/generate.py); angkanya acak."]
    doc = new_document(meta)
    nodes = _cascade(rng)
    doc[NODES] = {str(n): node for n, node in enumerate(nodes, start=1)}
    doc[LOG] = _log(nodes)
    meta["revision"] = len(doc[LOG])
    doc[ISU] = {
        str(n): {"id": f"M{n}", "order": n, "masalah": f"Masalah {topic}",
                 "items": [{"pokok": f"Rendahnya {rng.choice(OBJEK)} {topic}",
                            "akar": f"Terbatasnya anggaran dan sumber daya {topic}"}], "rev": 1}
        for n, topic in enumerate(BIDANG[:8], start=1)
    }
    for record in doc[NARRATIVE].values():
        record["texts"] = {str(TAHUN): f"{record['title']} Kabupaten Sumberjaya tahun {TAHUN}. " * 6}
    start = len(doc[NARRATIVE]) + 1
    for n, node in enumerate((x for x in nodes if x["level"] == "sasaran")):
        doc[NARRATIVE][str(start + n)] = {
            "key": f"analisis:{node['id']}", "title": f"Analisis Sasaran {n + 1}",
            "texts": {str(TAHUN): f"Sasaran {node['name']} **tercapai** sesuai target.\n\n- faktor pendukung\n- "
                                  f"kendala\n"}, "rev": 1,
        }
    return doc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Menulis buku kerja skala kabupaten untuk uji kecepatan.")
    p.add_argument("out", help="berkas JSON yang ditulis (ditimpa)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    Path(args.out).write_bytes(dumps(kabupaten_document(args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
