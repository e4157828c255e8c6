"""Whatever the schema accepts, lkjip can report on: every table, the checks, and the Markdown and Word drafts of
every year, for small random cascades built within the schema (odd names, missing figures, zero and negative
values, texts and signing for some years only)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reports import checks
from reports.outline import document
from reports import tables as T
from reports.docx.render import render as render_docx
from reports.outline.markdown import render as render_md
from store.domain.cascade import Cascade
from store.domain.model import (BUDGET_LEVELS, LEVELS, NARRATIVE, NODES, SIGNING_KEYS, new_document, new_indicator,
                                new_meta, new_node)
from store.text.numbers import canonical
from store.text import gate
from store.document.schema import check

NOW = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)

decimals = st.one_of(
    st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal(0), Decimal("0.001"), Decimal("999999999999999999999999")]),
).map(canonical)
maybe_decimal = st.none() | decimals
money = st.none() | st.integers(min_value=0, max_value=10**15 - 1) | st.just(0)
# Odd texts, but only what the one gate (store.text.gate) lets in: the schema refuses control characters.
_printable = st.characters(blacklist_categories=("Cs", "Cc"))
one_line = st.text(_printable, max_size=20).filter(lambda s: gate.refusal(s) is None)
names = st.text(_printable, min_size=1, max_size=30).filter(lambda s: s.strip() and gate.refusal(s) is None)
_multi = st.text(_printable | st.sampled_from("\n\t"), max_size=80).filter(
    lambda s: gate.refusal(s, multiline=True) is None)
texts = _multi | st.sampled_from(["# Judul\n\n**tebal** dan *miring*\n\n1. satu\n2. dua", "- a\n- b",
                                                 "| a | b |\n|---|---|\n| 1 | 2 |"])


@st.composite
def workbooks(draw) -> dict:
    awal = draw(st.integers(min_value=2019, max_value=2026))
    akhir = awal + draw(st.integers(min_value=0, max_value=5))
    tahun = draw(st.integers(min_value=awal, max_value=akhir))
    years = list(range(awal - 4, akhir + 1))
    meta = new_meta(instansi=draw(names), pemda=draw(names), periode_awal=awal, periode_akhir=akhir, tahun=tahun)
    s = meta["settings"]
    s["negatif_rumus"] = draw(st.sampled_from(["2T-R", "T/R"]))
    s["cap"] = draw(st.none() | st.sampled_from(["100", "120"]))
    bands = draw(st.lists(st.tuples(decimals, names), min_size=0, max_size=4))
    s["predikat"] = [{"min": m, "label": label} for m, label in bands] + [{"min": None, "label": draw(names)}]
    low = draw(st.integers(min_value=-20, max_value=20))
    s["efisiensi_bawah"], s["efisiensi_atas"] = str(low), str(low + draw(st.integers(min_value=0, max_value=20)))
    for year in draw(st.lists(st.sampled_from(years), max_size=3, unique=True)):
        meta["profile_tahun"][str(year)] = {k: draw(one_line) for k in SIGNING_KEYS}
    doc = new_document(meta)

    nodes: list[dict] = []
    for n in range(draw(st.integers(min_value=0, max_value=14))):
        # Any level whose parent level already exists: the cascades grow deep as often as wide.
        present = {x["level"] for x in nodes}
        level = draw(st.sampled_from([lv for i, lv in enumerate(LEVELS) if not i or LEVELS[i - 1] in present]))
        depth = LEVELS.index(level)
        parents = [x for x in nodes if x["level"] == LEVELS[depth - 1]] if depth else [None]
        parent = draw(st.sampled_from(parents))
        node = new_node(f"N{n}", level, draw(names), parent=parent["id"] if parent else None,
                        code=draw(st.sampled_from(["", f"7.01.{n:02d}"])), order=draw(st.integers(-3, 3)))
        for i in range(draw(st.integers(min_value=0, max_value=2))):
            ind = new_indicator(f"N{n}/{i}", draw(names), satuan=draw(st.sampled_from(["%", "nilai", "dokumen", ""])),
                                arah=draw(st.sampled_from(["positif", "negatif", None])),
                                kondisi_awal=draw(maybe_decimal), target_akhir=draw(maybe_decimal))
            ind["negatif_rumus"] = draw(st.sampled_from(["2T-R", "T/R", None]))
            ind["tw_rule"] = draw(st.sampled_from(["kumulatif", "nilai_akhir", None]))
            for year in draw(st.lists(st.sampled_from(years), max_size=3, unique=True)):
                slot = {"target": draw(maybe_decimal), "realisasi": draw(maybe_decimal)}
                if draw(st.booleans()):
                    slot["tw"] = {q: draw(maybe_decimal) for q in draw(st.lists(st.sampled_from("1234"),
                                                                                 unique=True, max_size=4))}
                ind["years"][str(year)] = slot
            node["indicators"].append(ind)
        if level in BUDGET_LEVELS:
            for year in draw(st.lists(st.sampled_from(years), max_size=3, unique=True)):
                node["budget"][str(year)] = {"pagu_pk": draw(money), "pagu": draw(money), "realisasi": draw(money)}
        nodes.append(node)
    doc[NODES] = {str(i): node for i, node in enumerate(nodes, start=1)}
    for section in doc[NARRATIVE].values():
        for year in draw(st.lists(st.sampled_from(years), max_size=2, unique=True)):
            section["texts"][str(year)] = draw(texts)
    for node in nodes:
        if node["level"] == "sasaran" and draw(st.booleans()):
            doc[NARRATIVE][str(len(doc[NARRATIVE]) + 1)] = {"key": f"analisis:{node['id']}", "title": draw(names),
                                                            "texts": {str(tahun): draw(texts)}, "rev": 1}
    return doc


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks(), st.integers(min_value=-4, max_value=5))
def test_every_document_the_schema_accepts_renders_every_table_check_and_draft(doc, offset):
    check(doc)  # the generator stays within the schema: this is the premise
    casc = Cascade(doc)
    meta = doc["meta"]["1"]
    year = min(max(meta["periode_awal"] + offset, meta["periode_awal"] - 4), meta["periode_akhir"])
    built = T.build_all(casc, year)
    assert {t.id for t in built} >= {"2.1", "3.1", "anggaran"}
    for t in built:
        t.as_json()
    event(f"{len(doc['nodes'])} simpul")
    checks.run(casc, year)
    report = document.build(casc, year, revision=0, exported=NOW)
    assert render_md(report)
    assert render_docx(report)[:2] == b"PK"


@st.composite
def mutated_demos(draw) -> dict:
    """The Torjun demo with values changed within the schema: figures emptied, zeroed, made negative or huge,
    arah and the rules flipped, budgets changed, whole branches removed."""
    from store.demo import demo_document

    doc = demo_document()
    nodes = list(doc[NODES].values())
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        node = draw(st.sampled_from(nodes))
        if node["indicators"]:
            ind = draw(st.sampled_from(node["indicators"]))
            ind["arah"] = draw(st.sampled_from(["positif", "negatif", None]))
            ind["negatif_rumus"] = draw(st.sampled_from(["2T-R", "T/R", None]))
            ind["tw_rule"] = draw(st.sampled_from(["kumulatif", "nilai_akhir", None]))
            ind["target_akhir"] = draw(maybe_decimal)
            for slot in ind["years"].values():
                slot["target"], slot["realisasi"] = draw(maybe_decimal), draw(maybe_decimal)
        for slot in node["budget"].values():
            slot["pagu"], slot["realisasi"] = draw(money), draw(money)
    gone = draw(st.sets(st.sampled_from([n["id"] for n in nodes]), max_size=3))
    while True:  # a removed node takes its whole branch with it, as a deletion does
        more = {n["id"] for n in nodes if n["parent"] in gone} - gone
        if not more:
            break
        gone |= more
    doc[NODES] = {rid: n for rid, n in doc[NODES].items() if n["id"] not in gone}
    for n in doc[NODES].values():
        n["budget_refs"] = [r for r in n["budget_refs"] if r not in gone]
    return doc


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_demos(), st.sampled_from([2018, 2021, 2022, 2023]))
def test_every_mutated_demo_the_schema_accepts_renders_too(doc, year):
    check(doc)
    casc = Cascade(doc)
    T.build_all(casc, year)
    checks.run(casc, year)
    report = document.build(casc, year, revision=0, exported=NOW)
    assert render_md(report) and render_docx(report)[:2] == b"PK"


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from(["name", "satuan", "texts"]))
def test_the_schema_lets_in_exactly_what_the_gate_lets_in(text, where):
    """One gate: a text typed in (store.text.gate) and the same text in a document (store.document.schema) meet one rule."""
    from store.demo import demo_document
    from store.document.schema import DocumentInvalid

    doc = demo_document()
    node = next(n for n in doc[NODES].values() if n["indicators"])
    if where == "texts":
        next(iter(doc[NARRATIVE].values()))["texts"]["2022"] = text
    elif where == "satuan":
        node["indicators"][0]["satuan"] = text
    else:
        node["name"] = text
    multiline = where == "texts"
    expected = gate.refusal(text, multiline=multiline) is None and (where != "name" or bool(text.strip()))
    try:
        check(doc)
        accepted = True
    except DocumentInvalid:
        accepted = False
    assert accepted == expected, (repr(text), where)
