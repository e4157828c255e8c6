"""The import contracts of .importlinter hold: tui above reports above store, the layers inside each, store and
reports without textual, and no import circle. `lint-imports` is import-linter's own command; each contract is
checked on its own, so a broken one names itself."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter comes with the test extras: make .venv/.installed")

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
_config = configparser.ConfigParser()
_config.read(ROOT / ".importlinter", encoding="utf-8")
CONTRACTS = [section.split(":", 2)[2] for section in _config.sections() if section.startswith("importlinter:contract:")]

# Contracts the code does not keep yet, each with the import to cut. Strict: once the cut is made the test fails
# until its line here is removed, so a kept contract is never left unchecked.
AWAITING: dict[str, str] = {}  # a contract not yet kept, with the import to cut (none now)


def lint_imports(root: Path, *contract: str) -> subprocess.CompletedProcess[str]:
    only = [arg for name in contract for arg in ("--contract", name)]
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", *only, str(root / ".importlinter")],
                          cwd=root, capture_output=True, text=True, timeout=300)


def test_the_contracts_are_read():
    assert {"house", "core-without-textual", "store-layers", "no-circles-store"} <= set(CONTRACTS)
    assert set(AWAITING) <= set(CONTRACTS)


@pytest.mark.parametrize("contract", CONTRACTS)
def test_the_import_contract_is_kept(contract, request):
    if contract in AWAITING:
        request.applymarker(pytest.mark.xfail(reason=AWAITING[contract], strict=True))
    result = lint_imports(ROOT, contract)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_a_core_module_importing_textual_breaks_its_contract(tmp_path):
    """The contract is checked on a copy whose store imports textual in a function, as a lazy import would."""
    for package in ("store", "reports", "tui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    errors = next((tmp_path / "store").rglob("errors.py"))
    module = ".".join(errors.relative_to(tmp_path).with_suffix("").parts)
    errors.write_text(errors.read_text(encoding="utf-8") + "\n\ndef later():\n    import textual.app\n")
    assert lint_imports(ROOT, "core-without-textual").returncode == 0
    result = lint_imports(tmp_path, "core-without-textual")
    assert result.returncode != 0
    assert f"{module} -> textual" in result.stdout
