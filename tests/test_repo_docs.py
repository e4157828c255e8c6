"""The rules live in the repository: docs/RULES.md names real modules, and nothing points to a document outside.

A comment that sends the reader to a file the checkout does not hold ("see the domain notes") explains nothing to
whoever clones it; the rules the code relies on are written in docs/RULES.md, in the project's own words. And a
doc that names `reports/engine.py` or `engine.ratio` must follow the code when a module moves or a name changes.
"""

from __future__ import annotations

import re
from pathlib import Path

# The checkout: the folder above this file that holds pyproject.toml (wherever the tests folder puts this file).
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
RULES = ROOT / "docs" / "RULES.md"
# Built from pieces, so that this file does not name them itself: documents that live outside the repository.
OUTSIDE = tuple(name + ".md" for name in ("KNOWN", "DOMAIN", "PRODUCT", "STYLE")) + ("shared" + "/seeds",)
SEARCHED = ("store", "reports", "tui", "tests", "docs", "README.md")
BINARY = {".pyc", ".png", ".xlsx", ".docx", ".pdf", ".zip"}
MODULE_PATH = re.compile(r"\b((?:store|reports|tui|tests|docs)/[\w./-]*?\.(?:py|md|tcss|json|csv))\b")
# "`reports/engine.py`: `ratio`, `capaian`": names the doc says the module defines.
MODULE_NAMES = re.compile(r"`((?:store|reports|tui)/[\w/]+\.py)`: ((?:`\w+`(?:, )?)+)")


def _files() -> list[Path]:
    out = []
    for name in SEARCHED:
        top = ROOT / name
        found = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        out += [p for p in found if p.suffix not in BINARY and "__pycache__" not in p.parts
                and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)]
    return out


def test_no_file_points_to_a_document_outside_the_repository() -> None:
    files = _files()
    assert len(files) > 100, "the walk found too few files to mean anything"
    hits = [f"{p.relative_to(ROOT)}:{n}: {line.strip()[:100]}"
            for p in files for n, line in enumerate(p.read_text(errors="replace").splitlines(), start=1)
            if any(name in line for name in OUTSIDE)]
    assert not hits, "point to docs/RULES.md (or say it in the comment) instead:\n" + "\n".join(hits)


def test_every_module_path_named_in_the_rules_exists() -> None:
    named = sorted(set(MODULE_PATH.findall(RULES.read_text())))
    assert len(named) > 30, named  # the doc names the module of every rule
    missing = [path for path in named if not (ROOT / path).is_file()]
    assert not missing, f"docs/RULES.md names modules that do not exist: {missing}"


def test_every_name_the_rules_give_a_module_is_defined_there() -> None:
    pairs = [(path, name) for path, names in MODULE_NAMES.findall(RULES.read_text())
             for name in re.findall(r"`(\w+)`", names)]
    assert len(pairs) > 20, pairs
    undefined = []
    for path, name in pairs:
        source = (ROOT / path).read_text() if (ROOT / path).is_file() else ""
        if not re.search(rf"^\s*(?:def|class)\s+{name}\b|^\s*{name}\s*(?::|=)", source, re.M):
            undefined.append(f"{path}: {name}")
    assert not undefined, f"docs/RULES.md names what these modules do not define: {undefined}"


def test_the_readme_sends_the_reader_to_the_rules() -> None:
    assert "docs/RULES.md" in (ROOT / "README.md").read_text()


def _headings() -> set[str]:
    return {line.lstrip("#").strip() for line in RULES.read_text().splitlines() if line.startswith("## ")}


def test_every_section_a_comment_names_in_the_rules_exists() -> None:
    # `(docs/RULES.md, "Numbers in and out")` in a comment must lead to that section.
    cited = {(str(p.relative_to(ROOT)), section) for p in _files() if p != Path(__file__)
             for section in re.findall(r'docs/RULES\.md, "([^"]+)"', p.read_text(errors="replace"))}
    assert cited, "no comment cites a section of docs/RULES.md"
    wrong = sorted(f"{path}: {section}" for path, section in cited if section not in _headings())
    assert not wrong, f"sections of docs/RULES.md that do not exist: {wrong}"


def test_the_contents_of_the_rules_lead_to_their_sections() -> None:
    slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in _headings()}
    links = re.findall(r"\]\(#([\w-]+)\)", RULES.read_text())
    assert len(links) >= len(slugs), (links, slugs)
    assert set(links) <= slugs, set(links) - slugs
