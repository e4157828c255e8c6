"""An office hands lkjip a damaged document — hand-written, half-edited, from an older tool — and lkjip refuses it
with the path of what is wrong and one sentence, on `lkjip import` and on opening, writing nothing."""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from store.demo import demo_document
from store.schema import DocumentInvalid, check
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]

# Record ids in the demo: nodes "1" is tujuan T1, "2" sasaran S1 (its indicator S1/1 at 0), "3" sasaran S2;
# a sub kegiatan with a budget is found by `_leaf`.


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT)


def _node(doc: dict, node_id: str) -> tuple[str, dict]:
    return next((rid, n) for rid, n in doc["nodes"].items() if n["id"] == node_id)


def _leaf(doc: dict) -> tuple[str, dict]:
    return next((rid, n) for rid, n in doc["nodes"].items() if n["level"] == "subkegiatan" and n["budget"])


def _level(doc: dict, level: str) -> tuple[str, dict]:
    return next((rid, n) for rid, n in doc["nodes"].items() if n["level"] == level)


def _ind(doc: dict) -> dict:
    return _node(doc, "S1")[1]["indicators"][0]


class Whole:
    """A mutation's result that replaces the whole document (`[]`, `null`)."""

    def __init__(self, value: object) -> None:
        self.value = value


def _nested(depth: int) -> object:
    value: object = "dalam"
    for _ in range(depth):
        value = [value]
    return value


def _loop(doc: dict) -> None:
    _node(doc, "S1")[1]["parent"] = "S2"
    _node(doc, "S2")[1]["parent"] = "S1"


def _dup_node(doc: dict) -> None:
    _node(doc, "S2")[1]["id"] = "S1"


def _dup_indicator(doc: dict) -> None:
    _node(doc, "S2")[1]["indicators"][0]["id"] = _ind(doc)["id"]


def _two_metas(doc: dict) -> None:
    doc["meta"]["2"] = copy.deepcopy(doc["meta"]["1"])


# (id, mutation, a piece of the path the refusal must name)
DAMAGES: list[tuple[str, Callable[[dict], object], str]] = [
    ("level sub_kegiatan", lambda d: _leaf(d)[1].update(level="sub_kegiatan"), ".level"),
    ("pagu as a string", lambda d: _leaf(d)[1]["budget"]["2022"].update(pagu="1000000"), ".budget.2022.pagu"),
    ("pagu negative", lambda d: _leaf(d)[1]["budget"]["2022"].update(pagu=-5), ".budget.2022.pagu"),
    ("pagu with decimals", lambda d: _leaf(d)[1]["budget"]["2022"].update(realisasi=1000.5), ".budget.2022.realisasi"),
    ("pagu of 10^15", lambda d: _leaf(d)[1]["budget"]["2022"].update(pagu=10**15), ".budget.2022.pagu"),
    ("target 84,75", lambda d: _ind(d)["years"].update({"2022": {"target": "84,75"}}), ".years.2022.target"),
    ("realisasi as a float", lambda d: _ind(d)["years"].update({"2022": {"realisasi": 82.08}}),
     ".years.2022.realisasi"),
    ("target a word", lambda d: _ind(d)["years"].update({"2022": {"target": "tinggi"}}), ".years.2022.target"),
    ("quarter 5", lambda d: _ind(d)["years"].update({"2022": {"tw": {"5": "1"}}}), ".years.2022.tw"),
    ("quarter value 1,5", lambda d: _ind(d)["years"].update({"2022": {"tw": {"1": "1,5"}}}), ".tw.1"),
    ("kondisi awal as number", lambda d: _ind(d).update(kondisi_awal=70), ".kondisi_awal"),
    ("arah negative", lambda d: _ind(d).update(arah="negative"), ".indicators.0.arah"),
    ("negatif_rumus T-R", lambda d: _ind(d).update(negatif_rumus="T-R"), ".negatif_rumus"),
    ("tw_rule akhir", lambda d: _ind(d).update(tw_rule="akhir"), ".tw_rule"),
    ("years as a list", lambda d: _ind(d).update(years=[{"target": "80"}]), ".indicators.0.years"),
    ("year key 22", lambda d: _ind(d)["years"].update({"22": {"target": "80"}}), ".indicators.0.years"),
    ("year outside the period", lambda d: _ind(d)["years"].update({"2031": {"target": "80"}}), ".years.2031"),
    ("budget year before the period", lambda d: _leaf(d)[1]["budget"].update({"2010": {"pagu": 1}}), ".budget.2010"),
    ("parent loop", _loop, "nodes."),
    ("own parent", lambda d: _node(d, "S1")[1].update(parent="S1"), ".parent"),
    ("parent missing", lambda d: _node(d, "S1")[1].update(parent="T9"), ".parent"),
    ("sasaran without parent", lambda d: _node(d, "S1")[1].update(parent=None), ".parent"),
    ("program under a tujuan", lambda d: _level(d, "program")[1].update(parent="T1"), ".parent"),
    ("tujuan with a parent", lambda d: _node(d, "T1")[1].update(parent="S1"), ".parent"),
    ("duplicate node id", _dup_node, ".id"),
    ("duplicate indicator id", _dup_indicator, ".indicators.0.id"),
    ("node without a name", lambda d: _node(d, "S1")[1].pop("name"), "nodes."),
    ("node with an empty name", lambda d: _node(d, "S1")[1].update(name=""), ".name"),
    ("node with a blank name", lambda d: _node(d, "S1")[1].update(name="   "), ".name"),
    ("indicator name a number", lambda d: _ind(d).update(name=5), ".indicators.0.name"),
    ("order as a string", lambda d: _node(d, "S1")[1].update(order="1"), ".order"),
    ("unknown node field", lambda d: _node(d, "S1")[1].update(parnet="T1"), "nodes."),
    ("indicators as an object", lambda d: _node(d, "S1")[1].update(indicators={}), ".indicators"),
    ("budget_refs to nothing", lambda d: _node(d, "S1")[1].update(budget_refs=["X9"]), ".budget_refs.0"),
    ("node record a list", lambda d: d["nodes"].update({"99": []}), "nodes.99"),
    ("record id not a number", lambda d: d["nodes"].update({"abc": d["nodes"]["1"]}), "nodes"),
    ("settings empty", lambda d: d["meta"]["1"].update(settings={}), "meta.1.settings"),
    ("predikat empty", lambda d: d["meta"]["1"]["settings"].update(predikat=[]), ".settings.predikat"),
    ("predikat min a word", lambda d: d["meta"]["1"]["settings"]["predikat"][0].update(min="sembilan puluh"),
     ".predikat.0.min"),
    ("predikat without label", lambda d: d["meta"]["1"]["settings"]["predikat"][0].update(label=""),
     ".predikat.0.label"),
    ("cap as a number", lambda d: d["meta"]["1"]["settings"].update(cap=100), ".settings.cap"),
    ("efisiensi null", lambda d: d["meta"]["1"]["settings"].update(efisiensi_atas=None), ".efisiensi_atas"),
    ("tahun as a string", lambda d: d["meta"]["1"].update(tahun="2022"), "meta.1.tahun"),
    ("tahun outside the period", lambda d: d["meta"]["1"].update(tahun=2030), "meta.1.tahun"),
    ("period reversed", lambda d: d["meta"]["1"].update(periode_awal=2025), "meta.1.periode_akhir"),
    ("lock year not a year", lambda d: d["meta"]["1"].update(locks={"x": {"by": "a", "at": "b"}}), "meta.1.locks"),
    ("head's name a number", lambda d: d["meta"]["1"]["profile_tahun"]["2022"].update(kepala_nama=7),
     "profile_tahun.2022.kepala_nama"),
    ("profile without instansi", lambda d: d["meta"]["1"]["profile"].pop("instansi"), "meta.1.profile"),
    ("notes nested 300 deep", lambda d: d["meta"]["1"].update(notes=_nested(300)), "meta.1.notes"),
    ("schema as a string", lambda d: d["meta"]["1"].update(schema="2"), "meta.1.schema"),
    ("meta empty", lambda d: d.update(meta={}), "meta"),
    ("two meta records", _two_metas, "meta"),
    ("log table missing", lambda d: d.pop("log"), "dokumen"),
    ("unknown table", lambda d: d.update(foo={}), "dokumen"),
    ("narrative texts a string", lambda d: d["narrative"]["1"].update(texts="halo"), "narrative.1.texts"),
    ("narrative year outside", lambda d: d["narrative"]["1"]["texts"].update({"2040": "x"}), "narrative.1.texts"),
    ("narrative without key", lambda d: d["narrative"]["1"].pop("key"), "narrative.1"),
    ("isu items an object", lambda d: d["isu"]["1"].update(items={}), "isu.1.items"),
    ("log seq a string", lambda d: d["log"].update({"1": {"seq": "1", "at": "", "user": "", "kind": "edit", "ref": "",
                                                          "field": "", "year": None, "old": 1, "new": 2}}),
     "log.1.seq"),
    ("log value nested 300 deep",
     lambda d: d["log"].update({"1": {"seq": 1, "at": "", "user": "", "kind": "edit", "ref": "", "field": "",
                                      "year": None, "old": _nested(300), "new": 2}}), "log.1.old"),
    ("a list", lambda d: Whole([]), "dokumen"),
    ("null", lambda d: Whole(None), "dokumen"),
    ("a string", lambda d: Whole("buku kerja"), "dokumen"),
    ("a number", lambda d: Whole(2), "dokumen"),
]


def _document(mutation: Callable[[dict], object]) -> object:
    """The demo damaged by `mutation`: in place, or replaced whole where the mutation returns a Whole."""
    doc = demo_document()
    out = mutation(doc)
    return out.value if isinstance(out, Whole) else doc


@pytest.mark.parametrize("name,mutation,path", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_a_damaged_document_is_refused_on_import_and_on_open(tmp_path, name, mutation, path):
    document = _document(mutation)
    assert name != "null" or document is None

    # lkjip import DOC NEWWB: refused, the workbook never created.
    exported = tmp_path / "rusak.json"
    # json, not orjson: the stdlib writer nests 300 deep where orjson stops at 255.
    exported.write_text(json.dumps({"format": "lkjip-workbook", "version": 1, "workbook": document}))
    workbook = tmp_path / "baru.json"
    result = lkjip("import", exported, workbook)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr and "tak terduga" not in result.stderr
    assert path in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.strip().endswith("."), result.stderr
    assert not workbook.exists()

    # The same document as a workbook file: `lkjip tables` refuses it and leaves it byte-identical.
    workbook.write_text(json.dumps(document, indent=2))
    before = workbook.read_bytes()
    result = lkjip("tables", workbook)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr and "tak terduga" not in result.stderr
    assert path in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.strip().endswith("."), result.stderr
    assert result.stdout == ""
    assert workbook.read_bytes() == before


def test_the_sentences_name_what_to_type(tmp_path):
    def refusal(mutation) -> str:
        with pytest.raises(DocumentInvalid) as exc:
            check(_document(mutation))
        return str(exc.value)

    rid = _leaf(demo_document())[0]
    assert refusal(DAMAGES[0][1]) == (f'nodes.{rid}.level: "sub_kegiatan" bukan tingkat yang dikenal (tujuan, sasaran, '
                                      f'program, kegiatan, subkegiatan)')
    assert "tulis 84.75" in refusal(lambda d: _ind(d)["years"].update({"2022": {"target": "84,75"}}))
    assert "tulis 1000000" in refusal(lambda d: _leaf(d)[1]["budget"]["2022"].update(pagu="1000000"))
    assert "bukan arah yang dikenal (positif, negatif, null)" in refusal(lambda d: _ind(d).update(arah="negative"))
    assert "induk berputar" in refusal(_loop)
    assert "induknya sendiri" in refusal(lambda d: _node(d, "S1")[1].update(parent="S1"))
    assert "sudah dipakai" in refusal(_dup_node)


def test_the_demo_and_an_empty_workbook_pass(tmp_path):
    from store.model import new_document, new_meta

    check(demo_document())
    check(new_document(new_meta(instansi="Kecamatan Uji", pemda="Kabupaten Uji", periode_awal=2025,
                                periode_akhir=2029, tahun=2025)))


def test_a_save_that_would_break_the_schema_writes_nothing(demo_path):
    from store.workbook import Workbook

    wb = Workbook.open(demo_path)
    before = demo_path.read_bytes()
    with pytest.raises(DocumentInvalid) as exc:
        with wb.transaction() as w:
            rid, _ = _node(w.document, "S1")
            w.revise("nodes", rid, lambda record: record.update(level="sub_kegiatan"))
    assert f"nodes.{rid}.level" in str(exc.value) and "tidak ada yang disimpan" in str(exc.value)
    assert demo_path.read_bytes() == before
    assert Workbook.open(demo_path).cascade().nodes["S1"]["level"] == "sasaran"


def test_the_tui_refuses_a_damaged_workbook_before_it_starts(tmp_path, capsys):
    from tui.app import run_app

    path = tmp_path / "rusak.json"
    path.write_text(json.dumps(_document(DAMAGES[0][1]), indent=2))
    before = path.read_bytes()
    assert run_app(path) == 1
    err = capsys.readouterr().err  # one sentence on stderr, as every command's refusal
    assert ".level:" in err and "sub_kegiatan" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_damaged_file_written_by_another_tool_is_refused_on_the_next_reload(demo_path):
    """Another tool writes a broken document while an operator has the workbook open: the next reload (the TUI
    polls every two seconds and shows the message) says where, not a traceback."""
    from store.errors import UnreadableWorkbook
    from store.workbook import Workbook

    wb = Workbook.open(demo_path)
    wb.cascade()
    demo_path.write_text(json.dumps(_document(DAMAGES[0][1]), indent=2))
    with pytest.raises(UnreadableWorkbook) as exc:
        wb.cascade()
    assert ".level:" in str(exc.value) and "berkas tidak diubah" in str(exc.value)


def test_the_generated_validators_are_those_of_the_declaration():
    """store/schema_compiled.py is fastjsonschema's code for the declaration in store/schema.py; after changing the
    declaration, regenerate it with `python -m store.schema`."""
    from store import schema

    compiled = (ROOT / "store" / "schema_compiled.py").read_text()
    assert compiled == schema.generate(), "store/schema_compiled.py is stale: run `python -m store.schema`"


@pytest.mark.parametrize("command", [["check"], ["export", "--format", "md"], ["export", "--format", "json"],
                                     ["set", "@", "S1/1", "realisasi", "85", "--year", "2022"], ["log"]],
                         ids=["check", "export md", "export json", "set", "log"])
def test_every_command_refuses_a_damaged_workbook_with_its_path(tmp_path, command):
    path = tmp_path / "rusak.json"
    path.write_text(json.dumps(_document(lambda d: _ind(d).update(arah="negative")), indent=2))
    before = path.read_bytes()
    args = [str(path) if a == "@" else a for a in command]
    result = lkjip(*(args if "@" in command else [args[0], path, *args[1:]]))
    assert result.returncode == 1, result.stderr
    assert ".indicators.0.arah:" in result.stderr and "negative" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert path.read_bytes() == before


def test_an_edit_that_would_break_the_schema_is_refused_by_set(demo_path):
    before = demo_path.read_bytes()
    result = lkjip("set", demo_path, "S1", "nama", "   ")
    # Refused by the one input rule (store.fields) before the schema sees it; the schema is the second guard.
    assert result.returncode == 1 and "tidak boleh kosong" in result.stderr, result.stderr
    assert demo_path.read_bytes() == before
