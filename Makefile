# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := var/demo.sqlite

.PHONY: run test test-pg lint bench demo screenshots dist smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies change. The package's bytecode is
# compiled as pip does for an installed app (an editable install skips it, and
# PYTHONDONTWRITEBYTECODE would otherwise leave every start compiling).
$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q tafdesk
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q tafdesk
	touch $@ $(VENV)/.run-installed

$(VENV)/.lint-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	touch $@

$(VENV)/.dist-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@ $(VENV)/.run-installed

$(DEMO_DB): | $(VENV)/.run-installed
	mkdir -p var
	$(BIN)/tafdesk demo --db $(DEMO_DB)

run: $(VENV)/.run-installed $(DEMO_DB)
	$(BIN)/tafdesk --db $(DEMO_DB)

test: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto -q

# The rules in pyproject.toml ([tool.ruff], [tool.mypy]); mypy checks tafdesk/ only.
lint: $(VENV)/.lint-installed
	$(BIN)/python -m ruff check tafdesk tests bench scripts installer
	$(BIN)/python -m ruff format --check tafdesk tests bench scripts installer
	$(BIN)/python -m mypy

# The whole suite again with every test's database on the PostgreSQL server
# named by TAFDESK_TEST_PG (each test gets a database of its own).
test-pg: $(VENV)/.test-installed
	TAFDESK_TEST_BACKEND=postgresql QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto -q

bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

# The Linux bundle (dist/tafdesk), its tarball and .deb: installer/README.md. Then `make smoke`
# runs the built program as a user's machine would (no virtualenv, no Python on the path).
dist: $(VENV)/.dist-installed
	installer/linux/build.sh $(BIN)/python

smoke:
	installer/smoke_test.sh dist/tafdesk

clean:
	rm -rf $(VENV) var build dist *.egg-info .pytest_cache .mypy_cache
