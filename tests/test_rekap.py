"""The kabupaten's rekap: a Bagian Organisasi runs `lkjip rekap` over its offices' workbooks, read while the
operators keep saving, and compares each office's figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from reports import rekap as R
from store.demo import demo_document
from store.lock import WorkbookLock
from store.serialize import dumps
from store.workbook import Workbook
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
OFFICES = ("Kecamatan Omben", "Dinas Kesehatan", "Badan Pendapatan Daerah")


def lkjip(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=cwd)


def office_document(n: int) -> dict:
    """The demo reshaped into another office: its own name, realisasi and budget figures."""
    doc = demo_document()
    meta = next(iter(doc["meta"].values()))
    meta["profile"]["instansi"] = OFFICES[n]
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            slot = ind["years"].get("2022")
            if slot and slot.get("realisasi") and node["level"] == "sasaran":
                # 82,08 → 70,08 / 58,08 / 46,08: each office in its own predikat band.
                slot["realisasi"] = str(round(float(slot["realisasi"]) - 12 * (n + 1), 2))
        budget = node["budget"].get("2022")
        if budget and budget.get("realisasi"):
            budget["realisasi"] = budget["realisasi"] * (9 - n) // 10
    return doc


@pytest.fixture
def offices(tmp_path: Path) -> Path:
    """A folder of four workbooks: the Torjun demo and three other offices."""
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    Workbook.create(folder / "torjun.json", demo_document())
    for n in range(3):
        Workbook.create(folder / f"office{n}.json", office_document(n))
    return folder


def tables_figures(path: Path) -> dict[str, str]:
    """An office's own figures as `lkjip tables --format json` shows them."""
    result = lkjip("tables", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    tables = {t["id"]: t for t in json.loads(result.stdout)["tables"]}
    average = tables["3.1"]["rows"][-1]
    jumlah = tables["anggaran"]["rows"][-1]
    return {"Capaian (%)": average[-2], "Predikat": average[-1], "Pagu (Rp)": jumlah[3],
            "Realisasi (Rp)": jumlah[4], "Serapan (%)": jumlah[5]}


def rekap_json(*args: object) -> tuple[dict, subprocess.CompletedProcess]:
    result = lkjip("rekap", *args, "--format", "json")
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result


def by_file(data: dict) -> dict[str, dict[str, str]]:
    return {row[1]: dict(zip(data["columns"], row)) for row in data["rows"] if row[1]}


def test_each_offices_row_holds_its_own_tables_figures(offices: Path) -> None:
    data, result = rekap_json(offices)
    assert result.returncode == 0, result.stderr
    rows = by_file(data)
    assert len(rows) == 4
    names = {row["Instansi"] for row in rows.values()}
    assert names == {"Kecamatan Torjun", *OFFICES}
    for path in sorted(offices.glob("*.json")):
        row = rows[str(path)]
        for column, shown in tables_figures(path).items():
            assert row[column] == shown, (path.name, column)
        assert row["Tahun"] == "2022" and row["Sasaran"] == "2" and row["Indikator"] == "2"
    # The offices differ (the generator worked), and the demo is the demo.
    assert len({row["Capaian (%)"] for row in rows.values()}) == 4
    torjun = rows[str(offices / "torjun.json")]
    assert (torjun["Capaian (%)"], torjun["Predikat"], torjun["Serapan (%)"]) == ("100,05", "Sangat Tinggi", "93,34")
    assert torjun["Sangat Tinggi"] == "2" and torjun["Galat"] == "0"
    # What is still to fill in is what `lkjip check` lists as not filled in.
    check = lkjip("check", offices / "torjun.json").stdout.splitlines()
    assert torjun["Belum diisi"] == str(sum("belum diisi" in line for line in check)) != "0"
    total = data["rows"][-1]
    assert total[2] == "Jumlah / rata-rata (4 instansi)" and total[5] == "8"
    assert data["year"] == 2022  # the report year every workbook shares


def test_an_unreadable_workbook_is_a_row_with_its_reason_and_exit_1(offices: Path) -> None:
    whole = (offices / "torjun.json").read_bytes()
    (offices / "putus.json").write_bytes(whole[: len(whole) // 2])  # cut short, as a full disk once left one
    data, result = rekap_json(offices)
    assert result.returncode == 1
    rows = by_file(data)
    assert len(rows) == 5
    broken = rows[str(offices / "putus.json")]
    assert broken["Keterangan"].startswith("Tidak terbaca:") and "terpotong" in broken["Keterangan"]
    assert broken["Capaian (%)"] == "\u2014"
    assert "putus.json" in result.stderr
    # The total is over the offices that could be read.
    assert data["rows"][-1][5] == "8"


def test_a_missing_file_and_a_pattern_that_matches_nothing_are_rows_too(offices: Path) -> None:
    data, result = rekap_json(offices / "torjun.json", offices / "hilang.json", offices / "*.xlsx")
    assert result.returncode == 1
    notes = [row[-1] for row in data["rows"][:-1]]
    assert notes[0] == "" and "tidak ditemukan" in notes[1] and "cocok" in notes[2]


def test_a_folder_holds_its_workbooks_only(offices: Path) -> None:
    """Backups, the lock, a temporary file and an export document sit beside the workbooks; only workbooks count.
    A name with brackets is a file, not a pattern."""
    Workbook.open(offices / "torjun.json").set("S1/1", "realisasi", "82,5")  # leaves a lock and a backup
    assert list(offices.glob("torjun.json.bak-*")) and (offices / "torjun.json.lock").exists()
    (offices / ".torjun.json.999.tmp").write_bytes(b"{")
    (offices / "ekspor.json").write_bytes(orjson.dumps({"format": "lkjip-workbook", "version": 1}))
    os.rename(offices / "office0.json", offices / "w[1].json")
    data, result = rekap_json(offices)
    assert result.returncode == 0, result.stderr
    assert sorted(Path(f).name for f in by_file(data)) == ["office1.json", "office2.json", "torjun.json", "w[1].json"]
    data, _ = rekap_json(offices / "w[1].json", offices / "office*.json")
    assert [Path(f).name for f in by_file(data)] == ["w[1].json", "office1.json", "office2.json"]


def test_sort_ranks_the_offices_and_year_picks_the_year(offices: Path) -> None:
    data, _ = rekap_json(offices, "--sort", "capaian")
    shown = [row[7] for row in data["rows"][:-1]]
    values = [float(v.replace(".", "").replace(",", ".")) for v in shown]
    assert values == sorted(values, reverse=True) and len(set(values)) == 4
    refused = lkjip("rekap", offices, "--sort", "kecepatan")
    assert refused.returncode == 2 and "kecepatan" in refused.stderr and refused.stdout == ""
    data, _ = rekap_json(offices, "--year", "2021")
    assert data["year"] == 2021 and {row["Tahun"] for row in by_file(data).values()} == {"2021"}


def test_rekap_never_waits_for_the_lock_and_writes_nothing(offices: Path) -> None:
    """An operator is saving (holds the lock): the rekap neither waits for it nor touches any file."""
    for lock in offices.glob("*.lock"):
        lock.unlink()
    with WorkbookLock(offices / "torjun.json", timeout=1.0):
        before = {p.name: p.stat().st_mtime_ns for p in offices.iterdir()}
        result = lkjip("rekap", offices, cwd=offices)  # no --format and not a terminal: text
        assert result.returncode == 0, result.stderr
        after = {p.name: p.stat().st_mtime_ns for p in offices.iterdir()}
    assert result.stdout.startswith("Rekap Kinerja Perangkat Daerah")
    assert "Kecamatan Torjun" in result.stdout
    assert after == before  # no lock file of its own, no backup, nothing rewritten


def test_rekap_to_a_spreadsheet_and_a_word_document(offices: Path, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    xlsx, docx = tmp_path / "rekap.xlsx", tmp_path / "rekap.docx"
    assert lkjip("rekap", offices, "--format", "xlsx", "-o", xlsx).returncode == 0
    sheet = load_workbook(xlsx).active
    header = [c.value for c in sheet[1]]
    rows = {r[2]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Kecamatan Torjun"]["Pagu (Rp)"] == 3247636481  # a number the spreadsheet can add up
    assert rows["Kecamatan Torjun"]["Capaian (%)"] == 100.05
    assert lkjip("rekap", offices, "--format", "docx", "-o", docx).returncode == 0
    cells = [c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert "Kecamatan Torjun" in cells and "Rp 3.247.636.481" in cells
    # Never written onto one of the workbooks it reads; a Word file needs -o.
    assert lkjip("rekap", offices, "--format", "md", "-o", offices / "torjun.json").returncode == 2
    assert lkjip("rekap", offices, "--format", "docx").returncode == 2
    assert json.loads((offices / "torjun.json").read_bytes())["meta"]


# -- read while four operators save -----------------------------------------------------------------------------------
WRITER = textwrap.dedent("""
    import sys, time
    from tui.cli import main
    sub, original, rounds, paths = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    deadline = time.monotonic() + 12
    for k in range(1, rounds + 1):
        for path in paths:
            # `lkjip set` as an operator scripts it: one value, one save, one revision.
            if main(["set", path, sub, "pagu", str(original + k)]) != 0:
                sys.exit(1)
        if time.monotonic() > deadline:
            break
""")


def test_a_rekap_while_four_operators_save_never_fails_nor_mixes_versions(offices: Path) -> None:
    """Four processes save the same two workbooks, each raising one sub kegiatan's pagu by 1 per save. Every save
    adds 1 to the workbook's revision and 1 to its total pagu, so in every version that really existed
    total pagu − revision is the same number: a row mixing two versions would break it."""
    paths = [offices / "torjun.json", offices / "office0.json"]
    casc = Workbook.open(paths[0]).cascade()
    subs = [n for n in casc.of_level("subkegiatan") if (n["budget"].get("2022") or {}).get("pagu")][:4]
    assert len(subs) == 4
    start = {str(p): R.read_office(R.Source(p, str(p))) for p in paths}
    constant = {k: o.pagu - o.revision for k, o in start.items()}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, s["id"], str(s["budget"]["2022"]["pagu"]), "25",
                                 *map(str, paths)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for s in subs]
    seen_revisions: set[int] = set()
    reads = 0
    cli_runs = []
    deadline = time.monotonic() + 18
    try:
        while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
            rekap = R.build([str(p) for p in paths])
            reads += 1
            for office in rekap.offices:
                assert office.readable, office.reason
                assert office.pagu - office.revision == constant[office.source.shown]
                seen_revisions.add(office.revision)
            if reads % 20 == 1 and len(cli_runs) < 3:
                cli_runs.append(subprocess.Popen([sys.executable, "-m", "tui.cli", "rekap", *map(str, paths),
                                                  "--format", "json"], cwd=ROOT, stdout=subprocess.PIPE,
                                                 stderr=subprocess.PIPE))
    finally:
        for w in writers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
    assert all(w.returncode == 0 for w in writers), [w.stderr.read() for w in writers]
    for run in cli_runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        for row in json.loads(out)["rows"][:-1]:
            pagu = int(row[15].removeprefix("Rp ").replace(".", ""))
            assert pagu - int(row[4]) == constant[row[1]]
    assert reads > 1 and len(seen_revisions) > 2  # the reads really happened while the saves went on
    end = R.build([str(p) for p in paths])
    # Every save raised pagu and revision by one each (none lost, none mixed); how many saves the writers managed
    # before their deadline depends on the machine's load, so it is not counted here.
    assert all(o.pagu - o.revision == constant[o.source.shown] for o in end.offices)
    assert all(o.revision > start[o.source.shown].revision for o in end.offices)


# -- in the terminal ---------------------------------------------------------------------------------------------------
async def test_enter_on_an_office_opens_its_workbook(offices: Path) -> None:
    from tui.views.rekap import RekapApp

    (offices / "putus.json").write_bytes(b'{"meta": {"1": {')
    rekap = R.build([str(offices)], sort="instansi")
    app = RekapApp(rekap)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "1 buku kerja tidak terbaca" in str(app.query_one("#rekap-message").render())
        await pilot.press("ctrl+end", "enter")  # the total row: no workbook of its own
        await pilot.pause()
        assert app.is_running and "Baris jumlah" in str(app.query_one("#rekap-message").render())
        await pilot.press("up", "enter")  # the unreadable one, sorted last
        await pilot.pause()
        assert app.is_running and "tidak dapat dibuka" in str(app.query_one("#rekap-message").render())
        await pilot.press("ctrl+home", "down", "enter")
        await pilot.pause()
    assert app.return_value == str(offices / "office1.json")  # Badan Pendapatan Daerah, then Dinas Kesehatan
    assert rekap.offices[1].instansi == "Dinas Kesehatan"


async def test_escape_leaves_the_rekap(offices: Path) -> None:
    from tui.views.rekap import RekapApp

    app = RekapApp(R.build([str(offices)]))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None
