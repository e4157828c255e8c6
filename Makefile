# Two commands matter: `make run` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO ?= lkjip.json
# Made when `make run` has said once how to put `lkjip` on PATH (a file target: make builds it only while missing).
PATH_HINT := $(VENV)/.path-hint-shown
TEST_WORKERS := $(shell $(PYTHON) -c "import os; print(2 * len(os.sched_getaffinity(0)))" 2>/dev/null || echo 4)

.PHONY: run test bench torture clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@# Compiled once here: a start-up reads the bytecode even where PYTHONDONTWRITEBYTECODE keeps Python from writing it.
	$(BIN)/python -m compileall -q store reports tui
	touch $(STAMP)

run: $(STAMP) $(PATH_HINT)
	@test -f $(DEMO) || $(BIN)/lkjip init $(DEMO) --demo
	$(BIN)/lkjip $(DEMO)

# Said before the TUI starts: it is on the terminal again when the TUI ends (the TUI draws on the alternate screen).
$(PATH_HINT): | $(BIN)/python
	@echo "lkjip terpasang di $(abspath $(BIN))/lkjip. Agar perintah lkjip dikenal di shell ini:"
	@echo '    export PATH="$(abspath $(BIN)):$$PATH"'
	@echo "Untuk semua operator di server ini (folder ini harus dapat dibaca mereka):"
	@echo "    sudo ln -s $(abspath $(BIN))/lkjip /usr/local/bin/lkjip"
	@touch $@

# Two workers per core (pytest-xdist): the pty tests mostly wait for the program they drive, and another worker's
# test uses the core meanwhile; a worker that runs out of tests takes some of another's (worksteal: the slow tests
# would otherwise end the run on one worker). `pytest tests/x/test_y.py` alone stays in one process.
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

torture: $(STAMP)
	$(BIN)/python -m pytest -m slow

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
