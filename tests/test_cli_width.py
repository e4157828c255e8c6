"""The command line at 80 columns: a table, however wide, reads in the terminal, and no figure is lost or broken."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.tables import Table
from reports.text import as_text
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r"\d")


def lkjip(*args: object, cwd: Path = ROOT, columns: int = 80) -> subprocess.CompletedProcess:
    done = run_lkjip(*args, cwd=cwd, env={**os.environ, "COLUMNS": str(columns)})
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
    again = run_lkjip("template", "--periode", "2025-2029", cwd=tmp_path)
    assert again.returncode != 0 and "sudah ada" in again.stderr and again.stdout == ""
    assert (tmp_path / "templat-2025-2029.xlsx").read_bytes() == before


def test_help_says_lkjip_workbook_opens_it():
    assert "`lkjip BUKU-KERJA.json` membuka" in " ".join(lkjip("--help").stdout.split())


words = st.text(alphabet="abcdefghij/-()", min_size=1, max_size=18)
figures = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False).map(
    lambda d: f"Rp {d:,.2f}".replace(",", "_").replace(".", ",").replace("_", "."))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 14).flatmap(lambda n: st.tuples(
    st.lists(st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
    st.lists(st.lists(st.one_of(st.lists(words, max_size=12).map(" ".join), figures), min_size=n, max_size=n),
             max_size=5))), st.integers(60, 200))
def test_any_table_fits_any_width_and_keeps_its_figures_whole(shape, width):
    columns, numeric, rows = shape
    table = Table("x", "Tabel uji " * 12, columns, numeric=numeric)
    for row in rows:
        table.add(row)
    text = as_text(table, width)
    assert max(len(line) for line in text.splitlines()) <= width
    lines = text.splitlines()
    for row in rows:
        for cell in row:
            if cell.startswith("Rp "):
                assert any(cell in line for line in lines), cell
