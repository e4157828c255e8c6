"""The command line at 80 columns: a table, however wide, reads in the terminal, and no figure is lost or broken."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r"\d")


def lkjip(*args: object, cwd: Path = ROOT, columns: int = 80) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("width") / "d.json"
    lkjip("init", path, "--demo")
    return path


def fits_and_keeps_every_figure(text: str, tables: list[dict], width: int = 80) -> None:
    long = [line for line in text.splitlines() if len(line) > width]
    assert not long, long[:3]
    lines = text.splitlines()
    words = set(text.split())
    for t in tables:
        for row in t["rows"]:
            for cell in row:
                if FIGURE.search(cell) and len(cell) < width // 2:
                    assert any(cell in line for line in lines), (t["id"], cell)  # a figure whole on one line
                for word in cell.split():
                    assert word in words or len(word) > width // 3, (t["id"], word)


@pytest.mark.parametrize("table_id", ["1.2", "3.1", "1.1", "anggaran", "2.2"])
def test_a_table_at_80_columns_fits_and_shows_every_figure(demo, table_id):
    text = lkjip("tables", demo, "--table", table_id).stdout
    shown = json.loads(lkjip("tables", demo, "--table", table_id, "--format", "json").stdout)
    fits_and_keeps_every_figure(text, shown["tables"])


def test_every_table_fits_a_narrow_terminal_too(demo):
    text = lkjip("tables", demo, columns=60).stdout
    shown = json.loads(lkjip("tables", demo, "--format", "json").stdout)
    fits_and_keeps_every_figure(text, shown["tables"], width=60)


def test_the_cascading_table_reads_one_block_per_row(demo):
    text = lkjip("tables", demo, "--table", "1.2").stdout
    assert re.search(r"^Indikator Sasaran: +Indeks Kepuasan Masyarakat \(IKM\)$", text, re.M), text[:800]


def test_a_table_that_fits_is_printed_as_before(demo):
    """A wide terminal gets the plain table: one line per row, the columns side by side."""
    text = lkjip("tables", demo, "--table", "3.1", columns=400).stdout
    assert re.search(r"Indeks Kepuasan Masyarakat \(IKM\) +indeks +81,78 +82,00 +82,08 +100,10", text)


def test_rekap_text_fits_80_columns(demo, tmp_path):
    other = tmp_path / "e.json"
    other.write_bytes(demo.read_bytes())
    text = lkjip("rekap", demo, other, "--format", "text").stdout
    shown = json.loads(lkjip("rekap", demo, other, "--format", "json").stdout)
    fits_and_keeps_every_figure(text, [{"id": "rekap", "rows": shown["rows"]}])


def test_template_without_o_writes_a_named_file_and_never_overwrites(tmp_path):
    done = lkjip("template", "--periode", "2025-2029", cwd=tmp_path)
    assert (tmp_path / "templat-2025-2029.xlsx").is_file()
    assert "templat-2025-2029.xlsx" in done.stdout
    before = (tmp_path / "templat-2025-2029.xlsx").read_bytes()
    again = subprocess.run([sys.executable, "-m", "tui.cli", "template", "--periode", "2025-2029"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert again.returncode != 0 and "sudah ada" in again.stderr and again.stdout == ""
    assert (tmp_path / "templat-2025-2029.xlsx").read_bytes() == before


def test_help_says_lkjip_workbook_opens_it():
    assert "`lkjip BUKU-KERJA.json` membuka" in " ".join(lkjip("--help").stdout.split())
