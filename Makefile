# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint types pytest bench load sysdeps fixtures clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade 'pip>=25.1'

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(RUN_STAMP)
	$(PY) -m pip install -q -e . --group dev
	touch $@

## The service on http://127.0.0.1:8000 with an embedded SQLite store.
run: $(RUN_STAMP)
	$(VENV)/bin/gunicorn --config gunicorn.conf.py app:app

## Browser, CJK fonts and PostgreSQL server binaries the tests drive (Debian packages).
sysdeps:
	@if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ] \
	    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-cjk postgresql >/dev/null; \
	fi

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(DEV_STAMP)
	$(VENV)/bin/mypy

pytest: $(DEV_STAMP) sysdeps
	$(PY) -m pytest

## Lint, type checks and the whole test suite, after installing all they need.
test: sysdeps lint types pytest

## Engine benchmark against difflib, diff-match-patch and redlines.
bench: $(DEV_STAMP)
	$(PY) bench/engine.py

## Load test of the service under gunicorn on loopback.
load: $(DEV_STAMP)
	$(PY) bench/load.py

## Rebuild the PDF, DOCX, HTML and Markdown fixtures from their text sources.
fixtures: $(DEV_STAMP)
	$(PY) scripts/build_format_fixtures.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache test-output
