"""Torture: several operators at year-end closing, writers killed mid-save, broken files, umasks.

The fast variants run with `make test`; the long ones are marked slow and run with `make torture`. No assertion
depends on how long anything takes: timeouts below are only safety limits against a hung child.
"""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import orjson
import pytest

from store.demo import demo_document
from store.domain.fields import parse_value, spec_of
from store.domain.model import LOG, META
from store.disk.backups import backups_of
from store.disk.storage import validate
from store.edits.workbook import Workbook
from tui.cli.main import main as lkjip_main


IKM = "S1/1"
SAFETY = 120  # seconds: only against a hung child, never a measurement


def new_workbook(folder: Path, name: str = "torjun.json") -> Path:
    path = folder / name
    Workbook.create(path, demo_document())
    return path


def child(tmp_path: Path, name: str, code: str) -> Path:
    script = tmp_path / name
    script.write_text(textwrap.dedent(code))
    return script


def cells(count: int) -> list[tuple[str, str, int]]:
    """`count` distinct indicator cells (ref, field, year) of the demo."""
    book_ids = sorted({ind["id"] for n in demo_document()["nodes"].values() for ind in n["indicators"]})
    every = [(ref, field, year) for ref in book_ids for field in ("realisasi", "target") for year in range(2019, 2025)]
    assert len(every) >= count
    return every[:count]


def cell_value(doc_book: Workbook, ref: str, field: str, year: int) -> object:
    _, ind = doc_book.cascade().indicators[ref]
    return (ind.get("years", {}).get(str(year)) or {}).get(field)


def log_entries(book: Workbook) -> list[dict]:
    return list(book.document()[LOG].values())


# -- SIGKILL at random moments of a writer loop ------------------------------------------------------------------------
KILL_WRITER = """
    import json, sys
    from store.edits.workbook import Workbook
    path, start, cells = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    book = Workbook.open(path, user="penulis", lock_timeout=60)
    print("ready", flush=True)
    n = start
    while True:
        ref, year = cells[n % len(cells)]
        book.set(ref, "realisasi", str(n), year)
        print(f"ack {n}", flush=True)  # only after apply returned: the edit is on disk
        n += 1
"""


def kill_writers(tmp_path: Path, kills: int, seed: int) -> dict[str, int]:
    path = new_workbook(tmp_path)
    script = child(tmp_path, "kill_writer.py", KILL_WRITER)
    kill_cells = [(IKM, y) for y in range(2019, 2025)] + [("S2/1", y) for y in range(2021, 2025)]
    original = Workbook.open(path)
    last: dict[tuple[str, int], str | None] = {c: cell_value(original, c[0], "realisasi", c[1]) for c in kill_cells}
    rng = random.Random(seed)
    acked: set[int] = set()
    missing: set[str | None] = set()  # acknowledged values not found on disk (each counted once)
    unreadable = crashed = 0
    n = 1
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, str(script), str(path), str(n), json.dumps(kill_cells)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if rng.random() < 0.9:  # now and then kill it while it is still starting
            proc.stdout.readline()
        time.sleep(rng.uniform(0, 0.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(SAFETY)
        out, err = proc.stdout.read(), proc.stderr.read()  # through readline's buffer, not around it
        proc.stdout.close()
        proc.stderr.close()
        if proc.returncode != -signal.SIGKILL:
            crashed += 1  # it died by itself: an exception in the writer
            print(err)
        round_acks = [int(line.split()[1]) for line in out.splitlines(keepends=True)
                      if line.startswith("ack ") and line.endswith("\n")]
        for m in round_acks:
            acked.add(m)
            last[tuple(kill_cells[m % len(kill_cells)])] = str(m)
        in_flight = (max(round_acks) + 1) if round_acks else n  # may have landed without its ack
        n = in_flight + 1
        try:
            validate(path.read_bytes(), str(path))
            book = Workbook.open(path)
        except Exception as exc:  # noqa: BLE001 - counted, reported below
            unreadable += 1
            print(f"unreadable after a kill: {exc}")
            break
        flight_cell = tuple(kill_cells[in_flight % len(kill_cells)])
        if cell_value(book, flight_cell[0], "realisasi", flight_cell[1]) == str(in_flight):
            last[flight_cell] = str(in_flight)  # landed just before the kill: from now on it must stay
        for (ref, year), expected in last.items():
            if cell_value(book, ref, "realisasi", year) != expected:
                missing.add(expected)
        logged = {e["new"] for e in log_entries(book) if e["user"] == "penulis"}
        missing.update(str(m) for m in acked if str(m) not in logged)
    left = len(list(tmp_path.glob(f".{path.name}.*.tmp")))
    figures = {"kills": kills, "acked": len(acked), "unreadable": unreadable, "missing_acks": len(missing),
               "writer_errors": crashed, "orphan_temp_files": left}
    print("SIGKILL torture:", figures)
    return figures


def test_sigkill_at_random_moments_loses_no_acknowledged_edit(tmp_path):
    figures = kill_writers(tmp_path, kills=20, seed=20261128)
    assert figures["acked"] > 0
    assert figures["unreadable"] == 0 and figures["missing_acks"] == 0 and figures["writer_errors"] == 0


@pytest.mark.slow
def test_sigkill_200_times_loses_no_acknowledged_edit(tmp_path):
    figures = kill_writers(tmp_path, kills=200, seed=5)
    assert figures["unreadable"] == 0 and figures["missing_acks"] == 0 and figures["writer_errors"] == 0


def test_a_writer_killed_mid_save_leaves_the_old_file_and_frees_the_lock(tmp_path):
    path = new_workbook(tmp_path)
    script = child(tmp_path, "stuck.py", """
        import os, sys, time
        from store.edits.workbook import Workbook
        real_fsync = os.fsync
        def stuck(fd):
            print("saving", flush=True)  # the temp file is written, not yet swapped in
            time.sleep(600)
        os.fsync = stuck
        Workbook.open(sys.argv[1]).set("S1/1", "realisasi", "85", 2022)
    """)
    before = path.read_bytes()
    proc = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "saving\n"
    proc.kill()
    proc.wait(SAFETY)
    assert path.read_bytes() == before
    assert len(list(tmp_path.glob(".torjun.json.*.tmp"))) == 1  # the dead writer's half-done save
    book = Workbook.open(path, lock_timeout=0)  # no waiting at all: the lock died with its holder
    assert book.set(IKM, "realisasi", "86", 2022).changed
    assert cell_value(Workbook.open(path), IKM, "realisasi", 2022) == "86"
    # The next backup (due every few minutes; the dead writer took one just before it died) sweeps the leftover.
    (taken,) = backups_of(path)
    taken.rename(taken.with_name("torjun.json.bak-20200101T000000"))
    Workbook.open(path).set(IKM, "realisasi", "87", 2022)
    assert list(tmp_path.glob(".torjun.json.*.tmp")) == []
    assert len(backups_of(path)) == 2


# -- many writers at once ---------------------------------------------------------------------------------------------
APPLY_WRITER = """
    import json, os, sys, time
    from store.edits.workbook import Workbook
    path, start_file, user, edits = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    book = Workbook.open(path, user=user, lock_timeout=120)
    print("ready", flush=True)
    while not os.path.exists(start_file):  # the barrier: every writer starts together
        time.sleep(0.001)
    for ref, field, year, raw in edits:
        book.apply(book.edit_for(ref, field, raw, year))
    print("done", flush=True)
"""


def planned_edits(writers: int, per_writer: int) -> dict[str, list[tuple[str, str, int, str]]]:
    chosen = cells(writers * per_writer)
    plan: dict[str, list[tuple[str, str, int, str]]] = {}
    for k, (ref, field, year) in enumerate(chosen):
        plan.setdefault(f"op{k % writers}", []).append((ref, field, year, f"{7000 + k},5"))
    return plan


def check_all_landed(path: Path, plan: dict[str, list[tuple[str, str, int, str]]]) -> dict[str, int]:
    book = Workbook.open(path)
    raw_log = orjson.loads(path.read_bytes())[LOG]
    entries = list(raw_log.values())
    total = sum(len(v) for v in plan.values())
    wrong = [(user, ref, field, year) for user, edits in plan.items() for ref, field, year, raw in edits
             if cell_value(book, ref, field, year) != parse_value(spec_of(field), raw)]
    owner = {(ref, field, year): user for user, edits in plan.items() for ref, field, year, _ in edits}
    misattributed = [e for e in entries if owner.get((e["ref"], e["field"], e["year"])) != e["user"]]
    seqs = sorted(e["seq"] for e in entries)
    figures = {"edits": total, "log_entries": len(entries), "unique_seq": len(set(seqs)), "values_missing": len(wrong)}
    print("writers:", {"writers": len(plan), "per_writer": total // len(plan), **figures})
    assert wrong == []
    assert len(entries) == total and seqs == list(range(1, total + 1))
    assert sorted(map(int, raw_log)) == list(range(1, total + 1))  # TinyDB document ids: no duplicate
    assert misattributed == []
    assert book.revision() == total
    return figures


def run_apply_writers(tmp_path: Path, writers: int, per_writer: int) -> None:
    path = new_workbook(tmp_path)
    script = child(tmp_path, "apply_writer.py", APPLY_WRITER)
    start = tmp_path / "start"
    plan = planned_edits(writers, per_writer)
    procs = [subprocess.Popen([sys.executable, str(script), str(path), str(start), user, json.dumps(edits)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for user, edits in plan.items()]
    for p in procs:
        assert p.stdout.readline() == "ready\n"
    start.touch()
    for p in procs:
        out, err = p.communicate(timeout=SAFETY)
        assert (p.returncode, out, err) == (0, "done\n", ""), err  # no duplicate id, no decode error
    check_all_landed(path, plan)


def test_four_writers_at_a_barrier_all_land_with_one_log_entry_each(tmp_path):
    run_apply_writers(tmp_path, writers=4, per_writer=25)


def test_two_operators_committing_different_cells_at_the_same_moment_both_land(tmp_path):
    for round_ in range(5):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        run_apply_writers(folder, writers=2, per_writer=1)


@pytest.mark.slow
def test_four_command_line_writers_at_a_barrier_all_land(tmp_path):
    path = new_workbook(tmp_path)
    plan = planned_edits(4, 100)
    barrier = threading.Barrier(len(plan))
    failures: list[str] = []

    def operator(user: str, edits: list[tuple[str, str, int, str]]) -> None:
        env = dict(os.environ, LOGNAME=user, USER=user)
        barrier.wait(SAFETY)
        for ref, field, year, raw in edits:
            done = subprocess.run([sys.executable, "-m", "tui.cli.main", "set", str(path), ref, field, raw,
                                   "--year", str(year)], capture_output=True, text=True, env=env, timeout=SAFETY)
            if done.returncode != 0 or done.stderr:
                failures.append(done.stderr)

    threads = [threading.Thread(target=operator, args=item) for item in plan.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SAFETY * 10)
    assert failures == []
    check_all_landed(path, plan)


def test_two_workbook_objects_in_one_process_never_collide_in_the_log(tmp_path):
    """TinyDB caches its next document id and query results per table object; each transaction starts fresh."""
    path = new_workbook(tmp_path)
    ani, budi = Workbook.open(path, user="op0"), Workbook.open(path, user="op1")
    plan = planned_edits(2, 40)
    # Every edit is based on the view each object loaded at the start: stale for all but the first.
    edits = {user: [book.edit_for(ref, field, raw, year) for ref, field, year, raw in plan[user]]
             for user, book in (("op0", ani), ("op1", budi))}
    for a, b in zip(edits["op0"], edits["op1"]):
        ani.apply(a)
        budi.apply(b)
    check_all_landed(path, plan)


# -- broken files ---------------------------------------------------------------------------------------------------
def _reshaped(good: bytes, change) -> bytes:
    doc = orjson.loads(good)
    change(doc)
    return orjson.dumps(doc)


def _newer_schema(good: bytes) -> bytes:
    return _reshaped(good, lambda d: next(iter(d[META].values())).update(schema=99))


BROKEN = {
    "empty": (lambda good: b"", "kosong"),
    "blank": (lambda good: b"\n   \n", "kosong"),
    "truncated": (lambda good: good[: len(good) // 2], "terpotong"),
    "nul-filled": (lambda good: b"\x00" * len(good), "NUL"),
    "nul-inside": (lambda good: good[:100] + b"\x00" + good[101:], "NUL"),
    "not-json": (lambda good: b"<html>502 Bad Gateway</html>\n", "bukan JSON"),
    "a-list": (lambda good: b"[]\n", "bukan buku kerja lkjip"),
    "no-meta": (lambda good: b'{"nodes": {}}\n', "bukan buku kerja lkjip"),
    "no-schema": (lambda good: b'{"meta": {"1": {"tahun": 2022}}}\n', "bukan buku kerja lkjip"),
    "nodes-a-list": (lambda good: _reshaped(good, lambda d: d.update(nodes=list(d["nodes"].values()))),
                     "nodes: daftar"),
    "node-without-id": (lambda good: _reshaped(good, lambda d: d["nodes"]["3"].pop("id")),
                        "nodes.3: kolom \u201cid\u201d tidak ada"),
    "newer-schema": (_newer_schema, "lebih baru"),
}
COMMANDS = [
    ["tables"],
    ["tables", "--format", "json"],
    ["set", "@", IKM, "realisasi", "85", "--year", "2022"],
    ["check"],
    ["export", "--format", "json"],
    ["export", "--format", "md"],
    ["log"],
    ["lock", "--year", "2022"],
    ["unlock", "--year", "2022", "--reason", "koreksi"],
]


def _argv(command: list[str], path: Path) -> list[str]:
    args = [str(path) if a == "@" else a for a in command]
    return args if "@" in command else [args[0], str(path), *args[1:]]


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_file_is_refused_by_every_command_and_restore_brings_back_the_last_good_state(
        tmp_path, capsys, kind, same_content):
    path = new_workbook(tmp_path)
    Workbook.open(path, user="ani").set(IKM, "realisasi", "80", 2022)  # the first save keeps a backup
    Workbook.open(path, user="ani").set(IKM, "realisasi", "81", 2022)
    (backup,) = backups_of(path)
    stale = Workbook.open(path)  # an operator who loaded the good file before it broke
    make, phrase = BROKEN[kind]
    broken = make(path.read_bytes())
    path.write_bytes(broken)
    listing = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    for command in COMMANDS:
        code = lkjip_main(_argv(command, path))
        out, err = capsys.readouterr()
        assert code == 1 and out == "", (command, out, err)
        lines = err.splitlines()
        assert len(lines) == 1 and "Traceback" not in err, (command, err)
        assert phrase in lines[0] and f"cadangan terakhir yang baik: {backup}" in lines[0], (command, err)
        assert lines[0].endswith("`lkjip restore " + str(path) + "`).")
        assert path.read_bytes() == broken, command
    with pytest.raises(Exception, match="cadangan terakhir yang baik"):
        stale.set(IKM, "realisasi", "82", 2022)
    assert path.read_bytes() == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no backup of junk, no temp file

    assert lkjip_main(["restore", str(path)]) == 0
    assert "dipulihkan dari" in capsys.readouterr().out
    assert same_content(path, backup)
    (aside,) = tmp_path.glob("torjun.json.rusak-*")
    assert aside.read_bytes() == broken  # kept, never deleted
    book = Workbook.open(path)
    assert cell_value(book, IKM, "realisasi", 2022) == "82.08"  # the state the backup kept
    assert book.set(IKM, "realisasi", "83", 2022).changed


def test_the_real_command_line_refuses_a_broken_file_in_one_sentence(tmp_path):
    path = new_workbook(tmp_path)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    (backup,) = backups_of(path)
    path.write_bytes(b"\x00" * 512)
    for command in COMMANDS:
        done = subprocess.run([sys.executable, "-m", "tui.cli.main", *_argv(command, path)], capture_output=True,
                              text=True, timeout=SAFETY)
        assert done.returncode == 1 and done.stdout == "", command
        assert len(done.stderr.splitlines()) == 1 and str(backup) in done.stderr, (command, done.stderr)
    assert path.read_bytes() == b"\x00" * 512


# -- permissions ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o000])
def test_workbook_backups_lock_and_set_aside_files_are_0660_whatever_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = new_workbook(tmp_path)
        Workbook.open(path).set(IKM, "realisasi", "80", 2022)
        from store.edits.recovery import restore

        done = restore(path)
        files = [path, *backups_of(path), Path(str(path) + ".lock"), done.aside]
    finally:
        os.umask(old)
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert set(modes.values()) == {"0o660"}, modes


def test_files_left_readable_by_others_by_an_older_version_are_tightened(tmp_path):
    path = new_workbook(tmp_path)
    lock = Path(str(path) + ".lock")
    lock.chmod(0o644)
    path.chmod(0o664)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in (path, lock, *backups_of(path))}
    assert set(modes.values()) == {"0o660"}, modes


@pytest.mark.skipif(os.geteuid() != 0, reason="needs a group the test may give the file")
def test_a_save_keeps_the_office_group(tmp_path):
    path = new_workbook(tmp_path)
    os.chown(path, -1, 4321)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    assert path.stat().st_gid == 4321
