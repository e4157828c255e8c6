# Two commands matter: `make run` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO ?= lkjip.json

.PHONY: run test bench torture clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@# Compiled once here: a start-up reads the bytecode even where PYTHONDONTWRITEBYTECODE keeps Python from writing it.
	$(BIN)/python -m compileall -q store reports tui
	touch $(STAMP)

run: $(STAMP)
	@test -f $(DEMO) || $(BIN)/lkjip init $(DEMO) --demo
	$(BIN)/lkjip $(DEMO)

test: $(STAMP)
	$(BIN)/python -m pytest

torture: $(STAMP)
	$(BIN)/python -m pytest -m slow

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
