"""The Torjun demo workbook: structure and the seed's figures."""

from __future__ import annotations

import copy
import re
from collections import Counter

import orjson
import pytest

from store import demo
from store.demo import demo_document
from store.domain.model import LEVELS, NARRATIVE_SECTIONS, SCHEMA_VERSION, TABLES, profile_for, text_for
from store.text.numbers import canonical, parse_number

PARENT_LEVEL = {
    "tujuan": None,
    "sasaran": "tujuan",
    "program": "sasaran",
    "kegiatan": "program",
    "subkegiatan": "kegiatan",
}

# Program rows of the seed's "Tabel. 3.2. Realisasi Anggaran 2022": (pagu, realisasi).
PRINTED_PROGRAMS = {
    "7.01.01": (3_080_095_712, 2_864_055_222),
    "7.01.02": (14_866_373, 14_835_750),
    "7.01.03": (74_959_903, 74_912_550),
    "7.01.04": (57_825_000, 57_825_000),
    "7.01.06": (19_889_493, 19_876_100),
}


@pytest.fixture(scope="module")
def doc() -> dict:
    return demo_document()


@pytest.fixture(scope="module")
def nodes(doc) -> dict[str, dict]:
    return {n["id"]: n for n in doc["nodes"].values()}


def meta(doc) -> dict:
    return doc["meta"]["1"]


def children(nodes: dict[str, dict], parent: str) -> list[dict]:
    return sorted((n for n in nodes.values() if n["parent"] == parent), key=lambda n: n["order"])


def descendants(nodes: dict[str, dict], node_id: str) -> list[dict]:
    out = []
    for child in children(nodes, node_id):
        out += [child, *descendants(nodes, child["id"])]
    return out


def budget_sum(nodes: dict[str, dict], node_id: str) -> tuple[int, int]:
    subs = [n for n in descendants(nodes, node_id) if n["level"] == "subkegiatan"]
    return (
        sum(n["budget"]["2022"]["pagu"] for n in subs),
        sum(n["budget"]["2022"]["realisasi"] for n in subs),
    )


def indicator(nodes: dict[str, dict], indicator_id: str) -> dict:
    node_id = indicator_id.rsplit("/", 1)[0]
    return next(i for i in nodes[node_id]["indicators"] if i["id"] == indicator_id)


# ---------------------------------------------------------------------------------------------------------- structure


def test_tables_and_meta(doc):
    assert set(doc) == set(TABLES)
    m = meta(doc)
    assert m["profile"]["instansi"] == "Kecamatan Torjun"
    assert m["profile"]["pemda"] == "Kabupaten Sampang"
    # The head signs 2022's report; later years inherit it until their own is entered (schema 2).
    signing = profile_for(m, 2022)
    assert signing["kepala_nama"] == "SAFFAK,SE.MM."
    assert signing["kepala_nip"] == "197807142005011012"
    assert signing["kepala_jabatan"] == "CAMAT TORJUN"
    assert (signing["tempat"], signing["tanggal"]) == ("Sampang", "06 Maret 2023")
    assert list(m["profile_tahun"]) == ["2022"] and m["schema"] == SCHEMA_VERSION
    assert (m["periode_awal"], m["periode_akhir"], m["tahun"]) == (2019, 2024, 2022)
    assert m["revision"] == 0
    assert doc["log"] == {}


def test_counts_by_level(nodes):
    counts = Counter(n["level"] for n in nodes.values())
    assert counts == {"tujuan": 1, "sasaran": 2, "program": 5, "kegiatan": 12, "subkegiatan": 34}


def test_node_ids_unique_and_keys_are_tinydb_strings(doc):
    ids = [n["id"] for n in doc["nodes"].values()]
    assert len(ids) == len(set(ids))
    assert list(doc["nodes"]) == [str(i) for i in range(1, len(ids) + 1)]


def test_parents_exist_and_are_one_level_up(nodes):
    for node in nodes.values():
        assert node["level"] in LEVELS
        expected = PARENT_LEVEL[node["level"]]
        if expected is None:
            assert node["parent"] is None
        else:
            assert node["parent"] in nodes, node["id"]
            assert nodes[node["parent"]]["level"] == expected, node["id"]


def test_codes_are_ids_and_extend_the_parent_code(nodes):
    patterns = {
        "program": r"7\.01\.0\d",
        "kegiatan": r"7\.01\.0\d\.2\.\d\d",
        "subkegiatan": r"7\.01\.0\d\.2\.\d\d\.\d{4}",
    }
    for node in nodes.values():
        if node["level"] in patterns:
            assert node["code"] == node["id"]
            assert re.fullmatch(patterns[node["level"]], node["code"]), node["code"]
        else:
            assert node["code"] == ""
        if node["level"] in ("kegiatan", "subkegiatan"):
            assert node["code"].startswith(nodes[node["parent"]]["code"] + ".")
    assert {n["id"] for n in nodes.values() if n["level"] == "program"} == set(PRINTED_PROGRAMS)
    assert nodes["7.01.02.2.02.0003"]["parent"] == "7.01.02.2.02"


def test_order_is_position_among_siblings(nodes):
    for parent in [None, *nodes]:
        sibs = [n for n in nodes.values() if n["parent"] == parent]
        assert sorted(n["order"] for n in sibs) == list(range(1, len(sibs) + 1)), parent


def test_program_placement(nodes):
    assert [n["id"] for n in children(nodes, "T1")] == ["S1", "S2"]
    assert [n["id"] for n in children(nodes, "S1")] == ["7.01.02"]
    assert [n["id"] for n in children(nodes, "S2")] == ["7.01.01", "7.01.03", "7.01.04", "7.01.06"]


def test_names(nodes):
    assert nodes["T1"]["name"] == "Meningkatnya tata kelola Pemerintahan di Kecamatan"
    assert nodes["S1"]["name"] == "Meningkatnya kualitas pelayanan Kecamatan"
    assert nodes["S2"]["name"] == "Meningkatnya tata kelola administrasi Pemerintahan Desa dan Kelurahan"
    assert nodes["7.01.01"]["name"] == "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    assert nodes["7.01.02.2.02.0003"]["name"] == (
        "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat di Wilayah Kecamatan"
    )
    all_names = " ".join(n["name"] for n in nodes.values())
    for typo in ("Pemeintahan", "Tewntara", "kendaran", "dinasoperasional", " ahir ", "Adminstrasi"):
        assert typo not in all_names


# ------------------------------------------------------------------------------------------------------------- budget


def test_budget_only_on_sub_kegiatan_and_programs(nodes):
    for node in nodes.values():
        if node["level"] == "subkegiatan":
            assert set(node["budget"]) == {"2022"}
            assert set(node["budget"]["2022"]) == {"pagu", "realisasi"}
            assert all(type(v) is int and v >= 0 for v in node["budget"]["2022"].values())
        elif node["level"] == "program":
            assert node["budget"] == {"2022": {"pagu_pk": node["budget"]["2022"]["pagu_pk"]}}
            assert type(node["budget"]["2022"]["pagu_pk"]) is int
        else:
            assert node["budget"] == {}, node["id"]


def test_grand_totals(nodes):
    subs = [n for n in nodes.values() if n["level"] == "subkegiatan"]
    assert sum(n["budget"]["2022"]["pagu"] for n in subs) == 3_247_636_481
    assert sum(n["budget"]["2022"]["realisasi"] for n in subs) == 3_031_504_622


@pytest.mark.parametrize("program_id,printed", sorted(PRINTED_PROGRAMS.items()))
def test_program_sums_match_the_seed(nodes, program_id, printed):
    assert budget_sum(nodes, program_id) == printed


def test_some_kegiatan_sums(nodes):
    assert budget_sum(nodes, "7.01.01.2.02") == (2_620_339_808, 2_418_381_643)
    assert budget_sum(nodes, "7.01.01.2.06") == (114_634_782, 114_492_815)
    assert budget_sum(nodes, "7.01.01.2.09") == (92_000_800, 88_906_200)
    assert budget_sum(nodes, "7.01.03.2.01") == (74_959_903, 74_912_550)


def test_pk_budgets(nodes):
    pk = {n["id"]: n["budget"]["2022"]["pagu_pk"] for n in nodes.values() if n["level"] == "program"}
    assert sum(pk.values()) == 3_158_758_766
    assert pk["7.01.01"] == 2_991_517_997
    assert pk["7.01.02"] == 14_566_373


def test_sasaran_budget_refs(nodes):
    assert nodes["S1"]["budget_refs"] == ["7.01.01.2.10.0001"]
    assert nodes["S2"]["budget_refs"] == ["7.01.03"]
    s1 = nodes["7.01.01.2.10.0001"]
    assert s1["name"] == "Fasilitasi Pelayanan Publik dan Tata Laksana"
    assert s1["budget"]["2022"] == {"pagu": 8_492_446, "realisasi": 8_476_500}
    assert budget_sum(nodes, "7.01.03") == (74_959_903, 74_912_550)
    for node in nodes.values():
        for ref in node["budget_refs"]:
            assert ref in nodes and nodes[ref]["level"] in ("program", "kegiatan", "subkegiatan")


# --------------------------------------------------------------------------------------------------------- indicators


def test_indicator_ids(nodes):
    ids = []
    for node in nodes.values():
        for n, ind in enumerate(node["indicators"], start=1):
            assert ind["id"] == f"{node['id']}/{n}"
            ids.append(ind["id"])
    assert len(ids) == len(set(ids))
    assert all(node["indicators"] for node in nodes.values()), "every node of the demo has an indicator"


def test_ikm(nodes):
    ikm = indicator(nodes, "S1/1")
    assert ikm["name"] == "Indeks Kepuasan Masyarakat (IKM)"
    assert (ikm["satuan"], ikm["arah"]) == ("indeks", "positif")
    assert (ikm["kondisi_awal"], ikm["target_akhir"]) == ("80.4", "82.55")
    assert "nilai persepsi per unsur" in ikm["rumus"] and "unsur yang terisi" in ikm["rumus"]
    targets = {y: v["target"] for y, v in ikm["years"].items()}
    assert targets == {
        "2019": "81.05",
        "2020": "81.55",
        "2021": "81.75",
        "2022": "82",
        "2023": "82.05",
        "2024": "82.55",
    }
    realisasi = {y: v["realisasi"] for y, v in ikm["years"].items() if v.get("realisasi") is not None}
    assert realisasi == {"2021": "81.78", "2022": "82.08"}


def test_tujuan_and_s2_indicators(nodes):
    sakip = indicator(nodes, "T1/1")
    assert (sakip["name"], sakip["satuan"], sakip["target_akhir"]) == ("Nilai SAKIP Kecamatan", "nilai", "72")
    assert {y: v["target"] for y, v in sakip["years"].items()} == {
        "2021": "64",
        "2022": "66",
        "2023": "71.5",
        "2024": "72",
    }
    assert all(v.get("realisasi") is None for v in sakip["years"].values())
    desa = indicator(nodes, "S2/1")
    assert desa["satuan"] == "%"
    assert desa["target_akhir"] == "100"
    assert {y: v["target"] for y, v in desa["years"].items()} == {y: "100" for y in ("2021", "2022", "2023", "2024")}
    assert desa["years"]["2022"]["realisasi"] == "100"
    assert desa["years"]["2021"]["realisasi"] == "100"


def test_tabel_1_2_indicators(nodes):
    layanan = indicator(nodes, "7.01.02.2.02.0003/1")
    assert layanan["name"] == "Persentase permohonan administrasi layanan umum yang diproses"
    assert layanan["satuan"] == "%"
    assert layanan["rumus"] == "Jumlah pelayanan yang diproses / jumlah pelayanan diterima × 100%"
    kamtibmas = indicator(nodes, "7.01.04/1")
    assert kamtibmas["name"] == "Persentase Penurunan Gangguan Kamtibmas"
    assert "Kamtibmas tahun (n−1)" in kamtibmas["rumus"]
    assert indicator(nodes, "7.01.01.2.06.0005/2")["satuan"] == "Lembar"
    assert indicator(nodes, "7.01.01.2.06.0006/1")["satuan"] == "Eksemplar"
    assert len(nodes["7.01.01.2.06.0009"]["indicators"]) == 4
    # No target or realisasi below sasaran level: the seed has none.
    for node in nodes.values():
        if node["level"] in ("program", "kegiatan", "subkegiatan"):
            assert all(ind["years"] == {} for ind in node["indicators"]), node["id"]


def test_values_are_canonical_decimal_strings(nodes):
    seen = 0
    for node in nodes.values():
        for ind in node["indicators"]:
            values = [ind["kondisi_awal"], ind["target_akhir"]]
            for year, yv in ind["years"].items():
                assert re.fullmatch(r"20\d\d", year)
                values += [yv.get("target"), yv.get("realisasi")]
            for value in values:
                if value is not None:
                    assert isinstance(value, str), value
                    assert canonical(parse_number(value)) == value, value
                    seen += 1
    assert seen == 22


# ------------------------------------------------------------------------------------------------ isu and narrative


def test_isu(doc):
    assert list(doc["isu"]) == ["1", "2", "3", "4"]
    rows = list(doc["isu"].values())
    assert [r["id"] for r in rows] == ["M1", "M2", "M3", "M4"]
    assert [r["order"] for r in rows] == [1, 2, 3, 4]
    assert [len(r["items"]) for r in rows] == [2, 1, 1, 1]
    assert rows[0]["masalah"] == "Pelayanan terhadap masyarakat kurang optimal"
    assert rows[0]["items"][1]["pokok"] == "Nilai SKM belum memenuhi target yang direncanakan"
    for row in rows:
        assert row["rev"] == 1 and row["masalah"]
        for item in row["items"]:
            assert set(item) == {"pokok", "akar"} and item["pokok"] and item["akar"]


def test_narrative(doc):
    records = list(doc["narrative"].values())
    keys = [r["key"] for r in records]
    assert keys == [k for k, _ in NARRATIVE_SECTIONS] + ["analisis:S1", "analisis:S2"]
    assert list(doc["narrative"]) == [str(i) for i in range(1, len(records) + 1)]
    titles = {r["key"]: r["title"] for r in records}
    assert titles["analisis:S1"] == "Analisis Sasaran 1"
    assert titles["analisis:S2"] == "Analisis Sasaran 2"
    for r in records:
        r["text"] = text_for(r, 2022)
        assert list(r["texts"]) == ["2022"], r["key"]
        assert r["text"].strip(), r["key"]
        # Figures come from the data: no decimal or grouped numbers typed into the prose.
        assert not re.search(r"\d[.,]\d", r["text"]), r["key"]
    assert any(re.search(r"^1\. ", r["text"], re.MULTILINE) for r in records)
    texts = {r["key"]: r["text"] for r in records}
    assert re.search(r"^- ", texts["bab1_tugas"], re.MULTILINE)
    for key in ("analisis:S1", "analisis:S2"):
        assert "Permasalahan" in texts[key] and "Solusi" in texts[key]


def test_notes(doc):
    notes = meta(doc)["notes"]
    assert notes and all(isinstance(n, str) and n.strip() for n in notes)
    text = " ".join(notes)
    assert ",66" in text
    assert "050-5889" in text
    assert "7.01.03" in text and "Renstra" in text
    assert "Pemilihan Kepala Desa" in text


def test_subtotal_disagreement_is_noted(monkeypatch):
    programs = copy.deepcopy(demo.PROGRAMS)
    programs[0]["kegiatan"][0]["printed"] = (1, 2)
    monkeypatch.setattr(demo, "PROGRAMS", programs)
    notes = demo_document()["meta"]["1"]["notes"]
    assert any("7.01.01.2.01" in n and "Rp 1 / Rp 2" in n and "Rp 14.025.047" in n for n in notes)
    assert not any("Semua subtotal" in n for n in notes)


# ----------------------------------------------------------------------------------------------------- plain data


def walk(value, path="doc"):
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), f"{path}: non-string key {k!r}"
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


def test_no_float_anywhere(doc):
    for path, value in walk(doc):
        assert not isinstance(value, float), path
        assert isinstance(value, (dict, list, str, int, type(None))), path


def test_orjson_round_trip(doc):
    assert orjson.loads(orjson.dumps(doc)) == doc


def test_fresh_document_on_every_call():
    first = demo_document()
    first["nodes"]["1"]["name"] = "diubah"
    first["meta"]["1"]["notes"].append("x")
    second = demo_document()
    assert second["nodes"]["1"]["name"] != "diubah"
    assert "x" not in second["meta"]["1"]["notes"]
    assert orjson.dumps(demo_document()) == orjson.dumps(second)
