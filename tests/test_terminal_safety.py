"""Issue 11, the text half, and issue 20: what is stored never takes over the operator's terminal, what enters by
any door may not hold control characters, texts have limits, and every message is Indonesian and short.

The hostile document is built as an attacker would: a hand-written interchange document whose names, narrative,
profile and log hold terminal escapes. Since issue 20 it is refused at the door (import, or a file planted by
hand refused on open); the drafts still show such text visibly when built from it in-process."""

from __future__ import annotations

import errno
import re
import subprocess
from pathlib import Path

import orjson
import pytest

from store.demo import demo_document
from store.errors import InvalidValue, UnreadableWorkbook
from store.fields import FIELDS, NARRATIVE_MAX, parse_value
from store.interchange import export_document
from store.sanitize import visible
from store.storage import os_reason, validate
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parent.parent
RETITLE, WIPE, HIDE = "\x1b]2;evil\x07", "\x1b[2J", "\r\x1b[1A\x1b[2K"
C1_CSI, RLO = "\x9b31m", "\u202e"
# What must never reach a terminal raw: C0 but newline and tab, DEL, C1, direction overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def lkjip(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT, text=False)


def no_raw_controls(data: bytes) -> str:
    text = data.decode("utf-8")
    assert not RAW.search(text), sorted({hex(ord(c)) for c in RAW.findall(text)})
    return text


def hostile_document() -> dict:
    doc = demo_document()
    for node in doc["nodes"].values():
        if node["id"] == "S1":
            node["name"] = f"Sasaran {RETITLE}satu"
            for ind in node["indicators"]:
                ind["name"] = f"Indeks Kepuasan{WIPE} Masyarakat"
                ind["rumus"] = f"rumus{HIDE}"
    for section in doc["narrative"].values():
        if section["key"] == "kata_pengantar":
            section["title"] = f"Kata {RETITLE}Pengantar"
            section["texts"]["2022"] = f"baris satu{HIDE}\nbaris dua {RLO}terbalik"
    meta = next(iter(doc["meta"].values()))
    meta["profile_tahun"]["2022"]["kepala_nama"] = f"Camat {C1_CSI}Torjun{RLO}"
    doc["log"]["1"] = {"seq": 1, "at": "2023-01-02T08:00:00+07:00", "user": f"u{HIDE}", "kind": "kunci",
                       "ref": "tahun", "field": "kunci", "year": 2022, "old": False, "new": True,
                       "reason": f"tutup{WIPE}buku"}
    return doc


PAYLOADS = {"retitle": RETITLE, "wipe": WIPE, "hide": HIDE, "c1 csi": C1_CSI, "rlo": RLO, "nel": "\x85", "cr": "\r",
            "bel": "\x07"}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_hostile_document_is_refused_on_import_and_on_open_naming_its_path(tmp_path: Path, payload: str) -> None:
    """Issue 20: the one gate. A name holding a terminal escape never gets in, by import or by a planted file; the
    refusal names the JSON path, writes nothing, and itself emits no raw control character."""
    doc = demo_document()
    rid, node = next((rid, n) for rid, n in doc["nodes"].items() if n["id"] == "S1")
    node["name"] = f"Sasaran {payload}satu"
    document = tmp_path / "serangan.json"
    document.write_bytes(export_document(doc))
    workbook = tmp_path / "wb.json"
    result = lkjip("import", document, workbook)
    message = no_raw_controls(result.stderr)
    assert result.returncode == 1 and f"nodes.{rid}.name" in message and "karakter kendali" in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serangan.json"]  # no workbook, no lock left behind
    workbook.write_bytes(orjson.dumps(doc))  # planted by hand, past lkjip
    before = workbook.read_bytes()
    for args in (("tables", workbook), ("set", workbook, "S1/1", "realisasi", "1"), ("log", workbook)):
        result = lkjip(*args)
        message = no_raw_controls(result.stderr)
        assert result.returncode == 1 and f"nodes.{rid}.name" in message and "tidak diubah" in message, message
        assert not result.stdout
    assert workbook.read_bytes() == before


def test_every_stored_text_meets_the_gate_narrative_profile_log(tmp_path: Path) -> None:
    """Not only names: the narrative (newlines and tabs allowed, nothing else), the signing profile, the log's texts
    and the values it keeps for undo are held to the same rule."""
    cases = {
        "narrative.1.texts.2022": lambda d: d["narrative"]["1"]["texts"].__setitem__("2022", f"satu\ndua{HIDE}"),
        "profile_tahun.2022.kepala_nama": lambda d: d["meta"]["1"]["profile_tahun"]["2022"].__setitem__(
            "kepala_nama", f"Camat {C1_CSI}Torjun{RLO}"),
        "log.1.reason": lambda d: d["log"].__setitem__("1", {
            "seq": 1, "at": "2023-01-02T08:00:00+07:00", "user": "u", "kind": "kunci", "ref": "tahun",
            "field": "kunci", "year": 2022, "old": False, "new": True, "reason": f"tutup{WIPE}buku"}),
        "log.1.old": lambda d: d["log"].__setitem__("1", {
            "seq": 1, "at": "2023-01-02T08:00:00+07:00", "user": "u", "kind": "edit", "ref": "S1",
            "field": "nama", "year": None, "old": f"lama{RETITLE}", "new": "baru"}),
    }
    for path, plant in cases.items():
        doc = demo_document()
        plant(doc)
        document = tmp_path / "d.json"
        document.write_bytes(export_document(doc))
        result = lkjip("import", document, tmp_path / "w.json")
        message = no_raw_controls(result.stderr)
        assert result.returncode == 1 and path in message and "karakter kendali" in message, (path, message)
        assert not (tmp_path / "w.json").exists()
    doc = demo_document()  # a narrative keeps its line breaks and tabs
    doc["narrative"]["1"]["texts"]["2022"] = "satu\n\tdua"
    document.write_bytes(export_document(doc))
    assert lkjip("import", document, tmp_path / "w.json").returncode == 0


def test_stored_escapes_are_shown_never_emitted_in_a_draft(tmp_path: Path) -> None:
    """Behind the gate, the drafts still show whatever a document holds as visible escapes (a workbook from before
    the gate, a bug): Markdown and Word, built from a hostile document in-process."""
    from types import SimpleNamespace

    from docx import Document

    from reports import export
    from store.cascade import Cascade

    wb = SimpleNamespace(cascade=lambda: Cascade(hostile_document()))
    md = export.render(wb, "md", 2022).decode()
    assert "Sasaran \u241b\\]2;evil\u2407satu" in md and not RAW.search(md)  # Markdown escapes the ]
    (tmp_path / "draf.docx").write_bytes(export.render(wb, "docx", 2022))
    text = "\n".join(p.text for p in Document(str(tmp_path / "draf.docx")).paragraphs)
    assert "Sasaran \u241b]2;evil\u2407satu" in text and "\x1b" not in text


def test_arguments_quoted_back_are_shown_never_emitted(demo_path: Path) -> None:
    outputs = {
        "candidates": lkjip("set", demo_path, "a", "nama", "x"),
        "ref quoted back": lkjip("set", demo_path, f"zz{WIPE}", "realisasi", "1"),
        "field quoted back": lkjip("set", demo_path, "S1/1", f"f{RETITLE}", "1"),
        "value quoted back": lkjip("set", demo_path, "S1/1", "realisasi", f"1{C1_CSI}{RLO}"),
    }
    for name, result in outputs.items():
        assert result.returncode != 0 and "Traceback" not in result.stderr.decode(), name
        no_raw_controls(result.stdout)
        no_raw_controls(result.stderr)
    assert "zz\u241b[2J" in outputs["ref quoted back"].stderr.decode()


def test_the_log_keeps_one_entry_to_a_line(demo_path: Path) -> None:
    lkjip("set", demo_path, "S1/1", "rumus", "R / T x 100")
    lkjip("set", demo_path, "narasi:kata_pengantar", "teks", "baru\ndengan baris kedua")
    lines = lkjip("log", demo_path).stdout.decode().splitlines()
    assert len(lines) == 2 and all(re.match(r"^\s+\d+ ", line) for line in lines)


@pytest.mark.parametrize("field, value", [
    ("indikator", f"Nama{WIPE}"), ("indikator", "dua\nbaris"), ("indikator", "ada\ttab"),
    ("satuan", "%\x07"), ("rumus", f"R/T{C1_CSI}"), ("teks", f"narasi{RETITLE}"), ("teks", f"kanan{RLO}kiri"),
])
def test_control_characters_are_refused_on_input(demo_path: Path, field: str, value: str) -> None:
    ref = "narasi:kata_pengantar" if field == "teks" else "S1/1"
    before = demo_path.read_bytes()
    result = lkjip("set", demo_path, ref, field, value)
    assert result.returncode == 1
    message = no_raw_controls(result.stderr).strip()
    assert "karakter kendali" in message and "\n" not in message
    assert demo_path.read_bytes() == before


def test_a_narrative_keeps_its_newlines_and_tabs_and_any_line_break_is_stored_as_lf(demo_path: Path) -> None:
    assert lkjip("set", demo_path, "narasi:kata_pengantar", "teks", "satu\r\ndua\rtiga\n\tempat").returncode == 0
    doc = orjson.loads(demo_path.read_bytes())
    assert next(n["texts"]["2022"] for n in doc["narrative"].values() if n["key"] == "kata_pengantar") == \
        "satu\ndua\ntiga\n\tempat"


def test_a_text_becomes_empty_only_with_clear_and_a_name_never(demo_path: Path) -> None:
    for ref, field in (("narasi:kata_pengantar", "teks"), ("profil", "kepala-nama"), ("S1/1", "rumus")):
        result = lkjip("set", demo_path, ref, field, "")
        assert result.returncode == 1 and "--clear" in result.stderr.decode(), result.stderr
    assert lkjip("set", demo_path, "profil", "kepala-nama", "", "--clear").returncode == 0
    for ref, field in (("S1", "nama"), ("S1/1", "indikator")):
        for extra in ((), ("--clear",)):
            result = lkjip("set", demo_path, ref, field, "  ", *extra)
            assert result.returncode == 1 and "tidak boleh kosong" in result.stderr.decode()
    doc = orjson.loads(demo_path.read_bytes())
    assert next(iter(doc["meta"].values()))["profile_tahun"]["2022"]["kepala_nama"] == ""


def test_an_empty_arah_names_the_allowed_values(demo_path: Path) -> None:
    message = lkjip("set", demo_path, "S1/1", "arah", "").stderr.decode()
    assert "positif" in message and "negatif" in message and "angka" not in message


def test_limits_on_names_narrative_and_digits() -> None:
    with pytest.raises(InvalidValue, match="500"):
        parse_value(FIELDS["nama"], "n" * 501)
    assert parse_value(FIELDS["nama"], "n" * 500) == "n" * 500
    with pytest.raises(InvalidValue, match="200 KB"):
        parse_value(FIELDS["teks"], "a" * (NARRATIVE_MAX + 1))
    assert len(parse_value(FIELDS["teks"], "a" * NARRATIVE_MAX)) == NARRATIVE_MAX
    with pytest.raises(InvalidValue, match="24 digit"):
        parse_value(FIELDS["realisasi"], "0" * 23 + "12")  # the leading zeros count
    assert parse_value(FIELDS["realisasi"], "0" * 20 + "1234") == "1234"


def test_a_number_with_120000_leading_zeros_is_refused_with_a_short_message(demo_path: Path) -> None:
    result = lkjip("set", demo_path, "S1/1", "realisasi", "0" * 120_000 + "1")
    message = result.stderr.decode().strip()
    assert result.returncode == 1 and "24 digit" in message
    assert len(message) < 300 and "\u2026" in message


def test_a_long_input_is_quoted_cut_to_about_sixty_characters(demo_path: Path) -> None:
    for args in (("set", demo_path, "S1/1", "realisasi", "x" * 100_000),
                 ("set", demo_path, "y" * 100_000, "realisasi", "1"),
                 ("set", demo_path, "S1/1", "z" * 100_000, "1"),
                 ("set", demo_path, "S1/1", "arah", "w" * 100_000)):
        result = lkjip(*args)
        message = result.stderr.decode().strip()
        typed = args[-1] if len(args[-1]) > 1000 else next(a for a in args if isinstance(a, str) and len(a) > 1000)
        # The typed value is quoted cut (about sixty characters and an ellipsis); the rest of the message (e.g. the
        # list of known field names) is the product's own text.
        assert result.returncode == 1 and "\u2026" in message and typed[:70] not in message, message[:500]
        assert len(message) < 800, message[:500]


@pytest.mark.parametrize("year", ["-1", "99999", "1900", "2031"])
def test_lock_accepts_only_a_year_of_the_workbook(demo_path: Path, year: str) -> None:
    before = demo_path.read_bytes()
    result = lkjip("lock", demo_path, "--year", year)
    assert result.returncode == 1 and "di luar periode" in result.stderr.decode()
    assert demo_path.read_bytes() == before


def test_a_lock_reason_may_not_hold_escapes(demo_path: Path) -> None:
    result = lkjip("lock", demo_path, "--year", "2022", "--reason", f"tutup{WIPE}")
    assert result.returncode == 1 and "karakter kendali" in result.stderr.decode()


@pytest.mark.parametrize("schema", [0, -1, True, 1.5, "1"])
def test_schema_numbers_are_positive_integers(schema: object) -> None:
    doc = demo_document()
    next(iter(doc["meta"].values()))["schema"] = schema
    with pytest.raises(UnreadableWorkbook):
        validate(orjson.dumps(doc), "x.json")


def test_an_interchange_version_must_be_a_positive_integer(tmp_path: Path) -> None:
    for version in (0, -3, True):
        document = tmp_path / f"v{version}.json"
        document.write_bytes(orjson.dumps({"format": "lkjip-workbook", "version": version,
                                           "workbook": demo_document()}))
        result = lkjip("import", document, tmp_path / f"w{version}.json")
        assert result.returncode == 1 and "versi" in result.stderr.decode()


def test_importing_a_list_says_it_is_not_an_lkjip_document(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[]")
    message = lkjip("import", tmp_path / "a.json", tmp_path / "w.json").stderr.decode()
    assert "bukan dokumen lkjip" in message and "kosong" not in message


def test_a_50_mb_narrative_document_is_refused_at_import(tmp_path: Path) -> None:
    doc = demo_document()
    next(iter(doc["narrative"].values()))["texts"]["2022"] = "panjang " * (50 * 1024 * 1024 // 8)
    (tmp_path / "besar.json").write_bytes(export_document(doc))
    result = lkjip("import", tmp_path / "besar.json", tmp_path / "w.json")
    message = result.stderr.decode()
    assert result.returncode == 1 and "narrative.1.texts.2022" in message and "batas" in message
    assert len(message) < 300
    assert not (tmp_path / "w.json").exists()


@pytest.mark.parametrize("args, english", [
    (("tables", "{wb}", "--bogus"), "unrecognized arguments"),
    (("tables", "{wb}", "--format", "pdf"), "invalid choice"),
    (("set", "{wb}"), "the following arguments are required"),
    (("tables", "{wb}", "--year"), "expected one argument"),
    (("tables", "{wb}", "--year", "dua"), "invalid int value"),
])
def test_argparse_speaks_indonesian(demo_path: Path, args: tuple, english: str) -> None:
    result = lkjip(*(a.format(wb=demo_path) for a in args))
    message = result.stderr.decode().strip()
    assert result.returncode == 2 and english not in message and "argument" not in message, message
    assert message.startswith("Perintah tidak lengkap atau salah:") and "\n" not in message


def test_os_refusals_speak_indonesian(tmp_path: Path) -> None:
    english = ("Is a directory", "Not a directory", "File name too long", "Permission denied", "No space")
    (tmp_path / "berkas").write_text("x")
    for args in (("import", tmp_path, tmp_path / "w.json"),
                 ("import", tmp_path / "berkas" / "x.json", tmp_path / "w.json"),
                 ("import", tmp_path / ("n" * 300), tmp_path / "w.json"),
                 ("tables", tmp_path)):
        message = lkjip(*args).stderr.decode()
        assert message and not any(e in message for e in english), message
    for code in (errno.EISDIR, errno.ENOSPC, errno.EACCES, errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP,
                 errno.EOPNOTSUPP):
        reason = os_reason(OSError(code, "English strerror"))
        assert "English" not in reason and reason
