"""The `lkjip` command line, run as the operators run it (its entry point with their argv, in process through
tests/support/cli.py), reading only what it prints."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from store.demo import demo_document
from store.workbook import Workbook
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
IKM = "Indeks Kepuasan Masyarakat (IKM)"


def lkjip(*args: object, text: bool = True) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT, text=text)


def refused(result: subprocess.CompletedProcess, *quoted: str) -> str:
    """A refusal: non-zero exit, no traceback, nothing on stdout, the message naming what was wrong."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message
    for text in quoted:
        assert text in message, message
    return message


def one_sentence(message: str) -> None:
    assert "\n" not in message, message
    assert message.endswith("."), message


def table(doc: dict, table_id: str) -> dict:
    [found] = [t for t in doc["tables"] if t["id"] == table_id]
    return found


def row_with(t: dict, column: str, value: str) -> list[str]:
    i = t["columns"].index(column)
    [row] = [r for r in t["rows"] if r[i] == value]
    return row


def capaian_of_ikm(doc: dict) -> str:
    t = table(doc, "3.1")
    return row_with(t, "Indikator Kinerja", IKM)[t["columns"].index("Capaian (%)")]


@pytest.fixture(scope="module")
def demo_cli(tmp_path_factory) -> tuple[Path, dict]:
    """`lkjip init PATH --demo`, then `lkjip tables PATH --year 2022 --format json` (read-only afterwards)."""
    path = tmp_path_factory.mktemp("cli") / "torjun.json"
    created = lkjip("init", path, "--demo")
    assert created.returncode == 0, created.stderr
    assert str(path) in created.stdout
    shown = lkjip("tables", path, "--year", 2022, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    return path, json.loads(shown.stdout)


# -- reading the tables --------------------------------------------------------------------------------------------


def test_operator_creates_the_demo_and_reads_tabel_3_1_as_json(demo_cli):
    _, doc = demo_cli
    assert doc["year"] == 2022
    assert [t["id"] for t in doc["tables"]] == ["1.1", "1.2", "2.1", "2.2", "pk", "pk-anggaran", "3.1", "3.2", "3.3",
                                                 "3.4", "3.5", "anggaran"]
    t = table(doc, "3.1")
    ikm = row_with(t, "Indikator Kinerja", IKM)
    col = t["columns"].index
    assert [ikm[col("Target 2022")], ikm[col("Realisasi 2022")], ikm[col("Capaian (%)")], ikm[col("Predikat")]] == [
        "82,00", "82,08", "100,10", "Sangat Tinggi"]


def test_json_tables_show_kemajuan_anggaran_pk_and_efisiensi_as_the_report_prints_them(demo_cli):
    _, doc = demo_cli
    t33 = table(doc, "3.3")
    assert row_with(t33, "Indikator Kinerja", IKM)[-1] == "99,43"
    anggaran = table(doc, "anggaran")
    assert row_with(anggaran, "Uraian", "Jumlah")[3:] == ["Rp 3.247.636.481", "Rp 3.031.504.622", "93,34"]
    assert row_with(table(doc, "pk-anggaran"), "Program", "Jumlah")[2] == "Rp 3.158.758.766"
    t35 = table(doc, "3.5")
    efisiensi = t35["columns"].index("Tingkat Efisiensi")
    # Two sasaran and the office's average of them.
    assert len(t35["rows"]) == 3 and all(r[efisiensi] not in ("", "\u2014") for r in t35["rows"])
    for t in doc["tables"]:
        assert all(isinstance(c, str) for r in t["rows"] for c in r)
        assert all(len(r) == len(t["columns"]) for r in t["rows"]), t["id"]


def test_markdown_tables_read_back_into_exactly_the_json_cells(demo_cli, markdown_tables):
    path, doc = demo_cli
    shown = lkjip("tables", path, "--year", 2022, "--format", "md")
    assert shown.returncode == 0, shown.stderr
    parsed = markdown_tables(shown.stdout)
    assert len(parsed) == len(doc["tables"])
    for (header, body), t in zip(parsed, doc["tables"]):
        assert header == t["columns"], t["id"]
        assert body == t["rows"], t["id"]
        assert f"**{t['title']}**" in shown.stdout


def test_an_unknown_table_id_is_refused(demo_cli):
    path, _ = demo_cli
    one_sentence(refused(lkjip("tables", path, "--table", "9.9"), "\u201c9.9\u201d"))


# -- editing ---------------------------------------------------------------------------------------------------------


def test_operator_keys_80_as_ikm_realisasi_and_tabel_3_1_shows_97_56(demo_path):
    result = lkjip("set", demo_path, "kepuasan", "realisasi", "80", "--year", 2022)
    assert result.returncode == 0, result.stderr
    assert "82,08 \u2192 80,00" in result.stdout
    assert "97,56" in result.stdout
    after = lkjip("tables", demo_path, "--year", 2022, "--table", "3.1", "--format", "json")
    assert capaian_of_ikm(json.loads(after.stdout)) == "97,56"
    entry = Workbook.open(demo_path).last_entry()
    assert (entry["ref"], entry["field"], entry["year"], entry["old"], entry["new"]) == (
        "S1/1", "realisasi", 2022, "82.08", "80")


def test_operator_keys_abc_and_nothing_is_written(demo_path):
    before = demo_path.read_bytes()
    message = refused(lkjip("set", demo_path, "kepuasan", "realisasi", "abc", "--year", 2022), "\u201cabc\u201d")
    one_sentence(message)
    assert demo_path.read_bytes() == before


def test_a_negative_pagu_is_refused_and_nothing_is_written(demo_path):
    before = demo_path.read_bytes()
    one_sentence(refused(lkjip("set", demo_path, "7.01.04.2.01.0001", "pagu", "-5"), "\u201c-5\u201d", "negatif"))
    assert demo_path.read_bytes() == before


def test_an_empty_value_is_refused_unless_cleared_on_purpose(demo_path):
    before = demo_path.read_bytes()
    one_sentence(refused(lkjip("set", demo_path, "kepuasan", "realisasi", ""), "kosong"))
    assert demo_path.read_bytes() == before


def test_a_negative_indicator_value_can_be_typed_after_a_double_dash(demo_path):
    result = lkjip("set", demo_path, "kepuasan", "realisasi", "--", "-2,5")
    assert result.returncode == 0, result.stderr
    assert "82,08 \u2192 -2,50" in result.stdout


def test_a_negative_indicator_value_can_be_typed_as_is(demo_path):
    result = lkjip("set", demo_path, "kepuasan", "realisasi", "-2,5", "--year", 2022)
    assert result.returncode == 0, result.stderr
    assert "82,08 \u2192 -2,50" in result.stdout


def test_an_ambiguous_ref_lists_the_candidates_and_writes_nothing(demo_path):
    before = demo_path.read_bytes()
    message = refused(lkjip("set", demo_path, "pelayanan", "realisasi", "1", "--year", 2022), "\u201cpelayanan\u201d")
    candidates = message.splitlines()[1:]
    assert len(candidates) >= 2
    assert all("pelayanan" in c.lower() for c in candidates)
    assert any(c.strip().startswith("7.01.02/1 ") for c in candidates)
    assert demo_path.read_bytes() == before


def test_an_unknown_field_is_refused_naming_it(demo_path):
    before = demo_path.read_bytes()
    message = refused(lkjip("set", demo_path, "kepuasan", "capaian", "100"), "\u201ccapaian\u201d")
    one_sentence(message)
    assert "realisasi" in message  # the known fields are listed
    assert demo_path.read_bytes() == before


def test_init_refuses_to_overwrite_an_existing_workbook(demo_path):
    before = demo_path.read_bytes()
    one_sentence(refused(lkjip("init", demo_path, "--demo"), str(demo_path)))
    assert demo_path.read_bytes() == before


def test_a_missing_workbook_gives_one_sentence(tmp_path):
    missing = tmp_path / "tidak-ada.json"
    one_sentence(refused(lkjip("tables", missing), str(missing)))
    assert not missing.exists()


# -- check -----------------------------------------------------------------------------------------------------------


def test_check_passes_on_the_demo(demo_cli):
    path, _ = demo_cli
    result = lkjip("check", path)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith(f"{len(lines) - 1} temuan tahun 2022: 0 galat")
    assert not any(line.startswith("[galat]") for line in lines)


def test_check_fails_after_a_zero_target(demo_path):
    set_zero = lkjip("set", demo_path, "S1", "target", "0", "--year", 2022)
    assert set_zero.returncode == 0, set_zero.stderr
    result = lkjip("check", demo_path, "--year", 2022)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [galat] = [line for line in result.stdout.splitlines() if line.startswith("[galat]")]
    assert galat.startswith("[galat] S1/1: ")
    assert " 1 galat" in result.stdout


# -- interchange -------------------------------------------------------------------------------------------------------


def test_json_export_then_import_then_export_gives_the_same_bytes(demo_path, tmp_path):
    first = lkjip("export", demo_path, "--format", "json", text=False)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["workbook"]["meta"]["1"]["profile"]["instansi"] == "Kecamatan Torjun"
    document = tmp_path / "torjun-export.json"
    document.write_bytes(first.stdout)
    copy = tmp_path / "salinan.json"
    imported = lkjip("import", document, copy)
    assert imported.returncode == 0, imported.stderr
    second = lkjip("export", copy, "--format", "json", text=False)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert Workbook.open(copy).document() == Workbook.open(demo_path).document()


def test_version():
    result = lkjip("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "lkjip 0.1.0"


def test_the_demo_document_is_what_init_demo_writes(demo_cli):
    path, _ = demo_cli
    written = Workbook.open(path).document()
    identity = written["meta"]["1"].pop("uuid")  # its own identity, given when it was made (restore --from)
    assert len(identity) == 32 and int(identity, 16) >= 0
    assert written == json.loads(json.dumps(demo_document()))
