# `make demo` and `make test` work on a fresh machine: they create .venv and install everything.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

PY312  ?= $(shell for p in python3.12 $(wildcard /root/.pyenv/versions/3.12*/bin/python3.12); do \
             "$$p" -c 'import sys' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

.PHONY: demo test lint typecheck pytest system-deps compat bench lock upgrade-check clean

## the venv is installed from the lock file (pip-tools), so every fresh install runs the versions the
## benchmarks were measured with; `make lock` writes it anew, `make upgrade-check` tries the newest
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## the project's own modules compiled to bytecode, as `pip install` does for an installed package:
## the editable install leaves them as sources, and a shell with PYTHONDONTWRITEBYTECODE set (CI's,
## this machine's) would compile all of them again in every command, some 75 ms of each
SOURCES  := $(shell find optimizer answer_plan_cli xl_addin -name '*.py' 2>/dev/null)
BYTECODE := $(VENV)/.bytecode-stamp
$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q optimizer answer_plan_cli xl_addin >/dev/null
	touch $(BYTECODE)

demo: $(BYTECODE)
	$(VENV)/bin/answer-plan demo

## LibreOffice (headless Calc) and pdftotext, for the workbook tests; installed when missing.
system-deps:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  echo "installing libreoffice-calc-nogui and poppler-utils (apt)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends libreoffice-calc-nogui poppler-utils >/dev/null; }

## ruff, and the layers of the house (import-linter: each layer imports only those below it)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

## Pyodide (the npm package tests/pyodide/package-lock.json pins) for tests/test_pyodide.py, which runs the Lite
## main.py in it under Node; npm ci into $(VENV)/pyodide (a cache: `make clean` removes it with the venv)
PYODIDE := $(VENV)/pyodide/.installed-stamp
$(PYODIDE): tests/pyodide/package.json tests/pyodide/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(VENV)/pyodide && cp tests/pyodide/package.json tests/pyodide/package-lock.json $(VENV)/pyodide/ && \
	  cd $(VENV)/pyodide && npm ci --no-audit --no-fund --loglevel=error && touch .installed-stamp; \
	else echo "no npm here: tests/test_pyodide.py skips (it needs Node.js)"; fi

pytest: $(BYTECODE) system-deps $(PYODIDE)
	$(PY) -m pytest

## PuLP 4 (Python >= 3.12): the MILP and pricing tests in a second venv, when a 3.12 is here.
compat:
	@if [ -z "$(PY312)" ]; then echo "compat: no Python 3.12 here, PuLP 4 leg skipped"; else \
	  [ -x .venv312/bin/python ] || $(PY312) -m venv .venv312; \
	  .venv312/bin/python -m pip install --quiet --upgrade pip && \
	  .venv312/bin/python -m pip install --quiet -r requirements-py312.lock && \
	  .venv312/bin/python -m pip install --quiet --no-deps -e . && \
	  .venv312/bin/python -c "import pulp, sys; print('compat: Python', sys.version.split()[0], 'PuLP', pulp.__version__)" && \
	  .venv312/bin/python -m pytest -p no:cacheprovider -W error::DeprecationWarning \
	    tests/test_milp.py tests/test_quote.py tests/test_bulk.py tests/pricing; fi

test: lint typecheck pytest compat
	@for check in worked_examples time_examples rules_30_32; do \
	  if [ -f $(SHARED)/checks/$$check.py ]; then $(PY) $(SHARED)/checks/$$check.py || exit 1; fi; done

## every speed figure beside its floor, in one table (BENCH_ARGS=--quick: without the 10M-row files)
bench: $(BYTECODE)
	$(PY) bench/run.py $(BENCH_ARGS)

## the lock files anew from pyproject.toml (Python 3.11 for the project, 3.12 for the PuLP 4 leg)
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml
	@if [ -n "$(PY312)" ]; then [ -x .venv312/bin/python ] || $(PY312) -m venv .venv312; \
	  .venv312/bin/python -m pip install --quiet pip-tools && \
	  .venv312/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	    -o requirements-py312.lock pyproject.toml; fi

## drift seen, not suffered: the tests and the quick bench on the newest versions (no lock), in .venv-latest
upgrade-check: system-deps
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[dev]'
	@grep -E '^[A-Za-z0-9]' requirements.lock | sed 's/ *;.*//' | tr 'A-Z_' 'a-z-' | sort > .venv-latest/locked.txt
	@.venv-latest/bin/python -m pip freeze --exclude-editable | tr 'A-Z_' 'a-z-' | sort > .venv-latest/latest.txt
	@echo "versions that moved since the lock (< locked, > newest):"; \
	  diff .venv-latest/locked.txt .venv-latest/latest.txt | grep '^[<>]' || echo "  none"
	.venv-latest/bin/python -m pytest -q -p no:cacheprovider
	.venv-latest/bin/python bench/run.py --quick

clean:
	rm -rf $(VENV) .venv312 .venv-latest build *.egg-info .pytest_cache .mypy_cache .ruff_cache
