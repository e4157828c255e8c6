"""An office upgrades lkjip: its workbook, written by the release before texts and signing were kept per year
(schema 1, tests/fixtures/demo_schema1.json, written by that release's `lkjip init --demo`), opens, is migrated with
a backup kept and the migration logged, computes the same tables, and from then on keeps 2023's texts and head
apart from 2022's."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from docx import Document

from store.demo.texts import NARRATIVE_TEXTS
from store.interchange import import_document
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA1 = FIXTURES / "demo_schema1.json"


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT, text=False)


def ok(*args: object) -> bytes:
    result = lkjip(*args)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "torjun.json"
    shutil.copyfile(SCHEMA1, path)
    return path


def test_a_schema_1_workbook_is_migrated_on_open_with_a_backup_and_the_same_tables(old):
    assert json.loads(SCHEMA1.read_bytes())["meta"]["1"]["schema"] == 1
    for year in (2022, 2023):
        tables = ok("tables", old, "--year", year, "--format", "json")
        # Computed by the schema-1 release from the same file, before any migration.
        assert tables == (FIXTURES / f"demo_schema1_tables_{year}.json").read_bytes()

    backups = [b for b in old.parent.iterdir() if ".bak-" in b.name]
    assert len(backups) == 1 and backups[0].read_bytes() == SCHEMA1.read_bytes()
    assert backups[0].name in ok("backups", old).decode()
    doc = orjson.loads(old.read_bytes())
    meta = doc["meta"]["1"]
    assert meta["schema"] == 2
    assert meta["profile"] == {"instansi": "Kecamatan Torjun", "pemda": "Kabupaten Sampang"}
    assert meta["profile_tahun"]["2022"]["kepala_nama"] == "SAFFAK,SE.MM."
    assert all(set(n["texts"]) <= {"2022"} and "text" not in n for n in doc["narrative"].values())
    [entry] = doc["log"].values()
    assert (entry["kind"], entry["old"], entry["new"]) == ("migrasi", 1, 2)
    assert backups[0].name in entry["reason"]

    # Opened again: nothing more to migrate, no second backup, no second log entry.
    ok("tables", old)
    assert len([b for b in old.parent.iterdir() if ".bak-" in b.name]) == 1
    assert len(orjson.loads(old.read_bytes())["log"]) == 1


def _docx_text(path: Path) -> str:
    doc = Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_after_2023s_texts_and_head_the_2022_report_keeps_2022s(old, tmp_path):
    ok("set", old, "narasi:kata_pengantar", "teks", "Kata pengantar LKjIP 2023.", "--year", 2023)
    ok("set", old, "profil", "kepala-nama", "H. ACHMAD BARU, S.Sos.", "--year", 2023)
    ok("set", old, "profil", "pihak-kedua-nama", "H. SLAMET JUNAIDI", "--year", 2023)

    md22, md23 = tmp_path / "lkjip-2022.md", tmp_path / "lkjip-2023.md"
    ok("export", old, "--format", "md", "--year", 2022, "-o", md22)
    ok("export", old, "--format", "md", "--year", 2023, "-o", md23)
    text22, text23 = md22.read_text(), md23.read_text()
    assert "SAFFAK,SE.MM." in text22 and "H. ACHMAD BARU" not in text22
    assert "Kata pengantar LKjIP 2023." not in text22 and "Kepemerintahan yang baik" in text22
    assert "H. ACHMAD BARU, S.Sos." in text23 and "SAFFAK" not in text23
    assert "Kata pengantar LKjIP 2023." in text23
    # A 2023 section never written for 2023 starts from 2022's text.
    penutup = NARRATIVE_TEXTS["bab4_penutup"].splitlines()[0][:80]
    assert penutup in text22 and penutup in text23
    # ... marked for the reviewers as last year's text; 2022's own texts carry no such mark.
    note = "Teks ini masih teks tahun 2022; perbarui untuk tahun 2023."
    assert note in text23.split(penutup)[0][-120:]
    assert "Teks ini masih teks tahun" not in text22
    assert text23.split("Kata pengantar LKjIP 2023.")[0].count(note) == 0

    docx22 = tmp_path / "lkjip-2022.docx"
    ok("export", old, "--format", "docx", "--year", 2022, "-o", docx22)
    words = _docx_text(docx22)
    assert "SAFFAK,SE.MM." in words and "H. ACHMAD BARU" not in words
    assert "Kata pengantar LKjIP 2023." not in words

    log = ok("log", old).decode()
    assert "teks 2023" in log and "kepala-nama 2023: SAFFAK,SE.MM. \u2192 H. ACHMAD BARU, S.Sos." in log


def test_clearing_2023s_head_does_not_bring_back_2022s(old):
    ok("set", old, "profil", "kepala-nama", "BARU", "--year", 2023)
    ok("set", old, "profil", "kepala-nama", "", "--year", 2023, "--clear")
    meta = orjson.loads(old.read_bytes())["meta"]["1"]
    assert meta["profile_tahun"]["2023"]["kepala_nama"] == ""
    assert meta["profile_tahun"]["2022"]["kepala_nama"] == "SAFFAK,SE.MM."


def test_a_newer_schema_is_refused_and_left_alone(old):
    doc = orjson.loads(old.read_bytes())
    doc["meta"]["1"]["schema"] = 3
    old.write_bytes(orjson.dumps(doc))
    before = old.read_bytes()
    result = lkjip("tables", old)
    assert result.returncode == 1 and b"lebih baru" in result.stderr and b"Traceback" not in result.stderr
    assert old.read_bytes() == before


def test_a_schema_1_export_imports_migrated(tmp_path):
    exported = orjson.dumps({"format": "lkjip-workbook", "version": 1, "workbook": orjson.loads(SCHEMA1.read_bytes())})
    doc = import_document(exported, "lama.json")
    assert doc["meta"]["1"]["schema"] == 2
    assert doc["meta"]["1"]["profile_tahun"]["2022"]["kepala_nip"] == "197807142005011012"
    path = tmp_path / "baru.json"
    source = tmp_path / "lama.json"
    source.write_bytes(exported)
    ok("import", source, path)
    assert ok("tables", path, "--format", "json") == (FIXTURES / "demo_schema1_tables_2022.json").read_bytes()
    # The new workbook's log says it was migrated, and from which file, as opening an old file does.
    last = max(orjson.loads(path.read_bytes())["log"].values(), key=lambda e: e["seq"])
    assert (last["kind"], last["old"], last["new"]) == ("migrasi", 1, 2) and "lama.json" in last["reason"]


def test_a_years_text_is_undone_through_the_log_like_any_edit(old):
    from store.model import text_for
    from store.workbook import Workbook

    book = Workbook.open(old, user="ani")
    shown_2023 = text_for(book.cascade().narrative["bab4_penutup"], 2023)  # inherited from 2022
    done = book.set("narasi:bab4_penutup", "teks", "Penutup 2023.", 2023)
    assert (done.edit.year, done.edit.old) == (2023, shown_2023)
    book.apply(done.edit.inverse(), kind="undo")
    section = Workbook.open(old).cascade().narrative["bab4_penutup"]
    assert text_for(section, 2023) == shown_2023 == text_for(section, 2022)
    kinds = [e["kind"] for e in sorted(Workbook.open(old).document()["log"].values(), key=lambda e: e["seq"])]
    assert kinds == ["migrasi", "edit", "undo"]
