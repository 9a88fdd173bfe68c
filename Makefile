# `make demo` and `make test` work on a fresh machine: they create .venv and install everything.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

PY312  ?= $(shell for p in python3.12 $(wildcard /root/.pyenv/versions/3.12*/bin/python3.12); do \
             "$$p" -c 'import sys' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

.PHONY: demo test lint typecheck pytest system-deps compat bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
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

pytest: $(STAMP) system-deps
	$(PY) -m pytest

## PuLP 4 (Python >= 3.12): the MILP and pricing tests in a second venv, when a 3.12 is here.
compat:
	@if [ -z "$(PY312)" ]; then echo "compat: no Python 3.12 here, PuLP 4 leg skipped"; else \
	  [ -x .venv312/bin/python ] || $(PY312) -m venv .venv312; \
	  .venv312/bin/python -m pip install --quiet --upgrade pip && \
	  .venv312/bin/python -m pip install --quiet -e '.[dev]' && \
	  .venv312/bin/python -c "import pulp, sys; print('compat: Python', sys.version.split()[0], 'PuLP', pulp.__version__)" && \
	  .venv312/bin/python -m pytest -p no:cacheprovider -W error::DeprecationWarning \
	    tests/test_milp.py tests/test_quote.py tests/test_bulk.py tests/pricing; fi

test: lint typecheck pytest compat
	@for check in worked_examples time_examples rules_30_32; do \
	  if [ -f $(SHARED)/checks/$$check.py ]; then $(PY) $(SHARED)/checks/$$check.py || exit 1; fi; done

## every speed figure beside its floor, in one table (BENCH_ARGS=--quick: without the 10M-row files)
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv312 build *.egg-info .pytest_cache .mypy_cache .ruff_cache
