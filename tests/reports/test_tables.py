"""The LKjIP tables of the Kecamatan Torjun demo, year 2022, as the report shows them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reports import tables as T
from reports.text import as_markdown, as_text
from store.domain.cascade import Cascade
from store.demo import demo_document
from store.domain.model import new_document, new_meta
from store.edits.workbook import Workbook

YEAR = 2022
IKM = "Indeks Kepuasan Masyarakat (IKM)"


@pytest.fixture(scope="module")
def demo() -> Cascade:
    return Cascade(demo_document())


def row_of(table: T.Table, **cells: str) -> list[str]:
    """The one row whose named columns hold the given cells."""
    found = [r for r in table.rows if all(r[table.columns.index(c)] == v for c, v in cells.items())]
    assert len(found) == 1, (table.id, cells, found)
    return found[0]


def cell(table: T.Table, row: list[str], column: str) -> str:
    return row[table.columns.index(column)]


def test_tabel_3_1_shows_ikm_at_100_10_sangat_tinggi(demo):
    t = T.build(demo, YEAR, "3.1")
    ikm = row_of(t, **{"Indikator Kinerja": IKM})
    assert cell(t, ikm, "Target 2022") == "82,00"
    assert cell(t, ikm, "Realisasi 2022") == "82,08"
    assert cell(t, ikm, "Realisasi 2021") == "81,78"
    assert cell(t, ikm, "Capaian (%)") == "100,10"
    assert cell(t, ikm, "Predikat") == "Sangat Tinggi"
    total = row_of(t, Sasaran="Rata-rata capaian kinerja instansi")
    assert cell(t, total, "Capaian (%)") == "100,05"


def test_tabel_3_3_shows_ikm_tingkat_kemajuan_99_43(demo):
    t = T.build(demo, YEAR, "3.3")
    ikm = row_of(t, **{"Indikator Kinerja": IKM})
    assert cell(t, ikm, "Target Akhir Renstra (2024)") == "82,55"
    assert cell(t, ikm, "Realisasi 2022") == "82,08"
    assert cell(t, ikm, "Tingkat Kemajuan (%)") == "99,43"


def test_the_anggaran_total_row_is_the_sum_of_all_34_sub_kegiatan(demo):
    t = T.build(demo, YEAR, "anggaran")
    total = row_of(t, Uraian="Jumlah")
    assert total == ["", "", "Jumlah", "Rp 3.247.636.481", "Rp 3.031.504.622", "93,34"]
    assert t.rows[-1] is total
    assert len(t.rows) == 5 + 12 + 34 + 1


def test_the_anggaran_rows_of_a_program_are_the_seeds_figures(demo):
    t = T.build(demo, YEAR, "anggaran")
    assert row_of(t, Kode="7.01.03")[3:] == ["Rp 74.959.903", "Rp 74.912.550", "99,94"]
    assert row_of(t, Kode="7.01.01.2.10.0001")[3:] == ["Rp 8.492.446", "Rp 8.476.500", "99,81"]


def test_pk_anggaran_total_is_the_signed_pagu_awal(demo):
    t = T.build(demo, YEAR, "pk-anggaran")
    assert t.rows[-1] == ["", "Jumlah", "Rp 3.158.758.766"]
    assert row_of(t, Program="7.01.01 Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")[2] == "Rp 2.991.517.997"


def test_tabel_3_5_gives_an_efisiensi_and_a_label_for_every_sasaran(demo):
    t = T.build(demo, YEAR, "3.5")
    sasaran = [n["name"] for n in demo.of_level("sasaran")]
    assert [r[0] for r in t.rows[:-1]] == sasaran
    for row in t.rows:
        assert cell(t, row, "Tingkat Efisiensi") not in ("", "\u2014")
        assert cell(t, row, "Keterangan") in ("Efisien", "Cukup efisien", "Tidak efisien")
    s1 = t.rows[0]
    assert s1[1:] == ["100,10", "99,81", "0,29", "Cukup efisien"]
    # The office's own efisiensi, the one `lkjip rekap` shows: the average of the rows above, from their values
    # (0,2853… and 0,0632…), with no capaian or serapan beside it that it was not made of.
    assert t.rows[-1] == ["Rata-rata tingkat efisiensi", "", "", "0,17", "Cukup efisien"] and t.refs[-1] == ""


def test_tabel_3_4_pairs_each_sasaran_with_its_budget(demo):
    t = T.build(demo, YEAR, "3.4")
    ikm = row_of(t, **{"Indikator Kinerja": IKM})
    assert ikm[2:] == ["82,00", "82,08", "100,10", "Rp 8.492.446", "Rp 8.476.500", "99,81"]


@pytest.mark.parametrize("table_id", T.TABLE_IDS)
def test_every_builder_returns_rows_as_wide_as_its_columns(demo, table_id):
    t = T.build(demo, YEAR, table_id)
    assert t.id == table_id
    assert t.rows, table_id
    assert all(len(row) == len(t.columns) for row in t.rows)
    assert all(isinstance(c, str) for row in t.rows for c in row)
    assert len(t.refs) == len(t.rows)
    assert len(t.numeric) == len(t.columns)


@pytest.mark.parametrize("table_id", T.TABLE_IDS)
def test_every_builder_copes_with_a_new_empty_workbook(table_id):
    meta = new_meta(instansi="Kecamatan Baru", pemda="Kabupaten Baru", periode_awal=2025, periode_akhir=2029,
                    tahun=2025)
    t = T.build(Cascade(new_document(meta)), 2025, table_id)
    assert all(len(row) == len(t.columns) for row in t.rows)
    zero = re.compile(r"(Rp )?0(,00)?")
    assert not any(zero.fullmatch(c) for row in t.rows for c in row), "an empty workbook has no zero figures"


def test_the_table_ids_of_the_product_are_all_there():
    assert set(T.TABLE_IDS) == {"1.1", "1.2", "2.1", "2.2", "pk", "pk-anggaran", "3.1", "3.2", "3.3", "3.4", "3.5",
                                "anggaran"}
    assert T.select_ids("pk") == ["pk", "pk-anggaran"]
    assert T.select_ids("3.1") == ["3.1"]


def test_operator_keys_80_as_ikm_realisasi_and_tabel_3_1_shows_97_56(demo_path):
    wb = Workbook.open(demo_path)
    applied = wb.set("kepuasan", "realisasi", "80", YEAR)
    assert (applied.old_text, applied.new_text) == ("82,08", "80,00")
    t = T.build(Workbook.open(demo_path).cascade(), YEAR, "3.1")
    ikm = row_of(t, **{"Indikator Kinerja": IKM})
    assert cell(t, ikm, "Capaian (%)") == "97,56"
    assert cell(t, ikm, "Predikat") == "Sangat Tinggi"


def test_operator_keys_a_sub_kegiatan_pagu_and_the_anggaran_total_follows(demo_path):
    wb = Workbook.open(demo_path)
    wb.set("7.01.01.2.10.0001", "pagu", "Rp 9.492.446,-", YEAR)
    t = T.build(wb.cascade(), YEAR, "anggaran")
    assert row_of(t, Uraian="Jumlah")[3] == "Rp 3.248.636.481"
    assert row_of(t, Kode="7.01.01.2.10")[3] == "Rp 9.492.446"


# -- renderings --------------------------------------------------------------------------------------------------------

typed_names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=20)
MARKUP = ["Desa", " ", "|", "*", "_", "`", "[", "]", "<", ">", "&", "\\", "~", "#", "!", "(", ")", "1.", "-"]
markup_names = st.lists(st.sampled_from(MARKUP), min_size=1, max_size=8).map("".join).map(str.strip).filter(bool)


@given(name=st.one_of(typed_names, markup_names))
@example(name="Belanja | Pegawai")
@example(name="Jumlah *ASN* dan _PPPK_ [orang] <br> & \\")
def test_any_name_an_operator_types_reads_back_from_the_markdown_table_unchanged(markdown_tables, name):
    t = T.Table("x", "Tabel uji", ["Uraian", "Anggaran (Rp)"], numeric=[False, True])
    t.add([name, "Rp 1.500"])
    [(header, rows)] = markdown_tables(as_markdown(t))
    assert header == ["Uraian", "Anggaran (Rp)"]
    assert rows == [[name, "Rp 1.500"]]


def test_a_name_with_a_line_break_becomes_one_line_in_markdown(markdown_tables):
    t = T.Table("x", "Tabel uji", ["Uraian"], numeric=[False])
    t.add(["Penyediaan Gaji\ndan Tunjangan ASN"])
    assert markdown_tables(as_markdown(t)) == [(["Uraian"], [["Penyediaan Gaji dan Tunjangan ASN"]])]


def test_text_and_markdown_keep_indonesian_numbers_as_typed(demo):
    t = T.build(demo, YEAR, "anggaran")
    for rendered in (as_text(t), as_markdown(t)):
        assert "Rp 3.247.636.481" in rendered and "93,34" in rendered
        assert "3247636481" not in rendered
