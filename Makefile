# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# Both install the exact versions of the lock files (requirements.txt: the service;
# requirements-dev.txt: the service and the dev tools), which `make lock` regenerates from the
# ranges in pyproject.toml. The stamps below make re-runs quick and redo the install when a
# lock file or pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
LOCK := requirements.txt
DEV_LOCK := requirements-dev.txt
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
# axe-core for the accessibility tests, at the exact version of package-lock.json. The stamp lives
# inside node_modules because `npm ci` deletes the folder first: a half-done install leaves none.
NODE_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# uv resolves for every platform and Python >= 3.11 (pyproject's requires-python), so one lock
# serves Linux, macOS and the Docker image. It keeps the current pins where they still fit;
# `make lock LOCK_FLAGS=--upgrade` moves everything to the newest versions in range.
LOCK_FLAGS ?=
UV_COMPILE := --universal --quiet --annotation-style line --custom-compile-command 'make lock'

.PHONY: run worker test lint types pytest wheel-check lock bench bench-pages bench-series bench-exports quality load rundeps sysdeps fixtures \
	clean

# The interpreter's own pip is enough: the lock files need no newer one.
$(PY):
	$(PYTHON) -m venv $(VENV)

# The project goes in without dependencies (the lock has them all); pip check proves it.
$(RUN_STAMP): $(LOCK) pyproject.toml | $(PY)
	$(PIP) install -q -r $(LOCK)
	$(PIP) install -q --no-deps -e .
	$(PIP) check || { echo "The lock files miss what pyproject.toml asks for: make lock" >&2; exit 1; }
	touch $@

$(DEV_STAMP): $(DEV_LOCK) $(RUN_STAMP)
	$(PIP) install -q -r $(DEV_LOCK)
	$(PIP) check || { echo "The lock files miss what pyproject.toml asks for: make lock" >&2; exit 1; }
	touch $@

# --ignore-scripts: axe-core needs no install step, and no package gets to run code here.
$(NODE_STAMP): package.json package-lock.json | sysdeps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## The service on http://127.0.0.1:8000 with an embedded SQLite store.
run: $(RUN_STAMP) rundeps
	$(VENV)/bin/gunicorn --config gunicorn.conf.py app:app

## A worker computing background series, for a service started with DIFFSVC_QUEUE_URL set (and
## the same DIFFSVC_DATABASE_URL). Without a queue the service computes them itself.
worker: $(RUN_STAMP)
	$(VENV)/bin/rq worker --url "$${DIFFSVC_QUEUE_URL:?set DIFFSVC_QUEUE_URL to the queue's redis:// URL}" diffsvc

## What the service itself needs from the system: Pango lays out the PDF redline, Liberation sets
## its Latin text and Noto CJK its Chinese (Debian packages, as in the Dockerfile).
rundeps:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || [ ! -d /usr/share/fonts/opentype/noto ] \
	    || [ ! -d /usr/share/fonts/truetype/liberation ]; then \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-liberation >/dev/null; \
	fi

## Browser, PostgreSQL server binaries, nginx, Redis, Node (npm installs axe-core), LibreOffice
## and its Python bridge (accepts and rejects the Word redlines' changes) and Poppler (reads the
## PDF ones) the tests drive (Debian packages), each only when it is missing: a Node.js that
## brings its own npm (NodeSource's) conflicts with Debian's npm package.
sysdeps: rundeps
	@pkgs=""; \
	command -v chromium >/dev/null || pkgs="$$pkgs chromium"; \
	command -v soffice >/dev/null || pkgs="$$pkgs libreoffice-writer-nogui"; \
	/usr/bin/python3 -c 'import uno' 2>/dev/null || pkgs="$$pkgs python3-uno"; \
	command -v pdftoppm >/dev/null || pkgs="$$pkgs poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || pkgs="$$pkgs postgresql"; \
	[ -x /usr/sbin/nginx ] || pkgs="$$pkgs nginx-light"; \
	command -v redis-server >/dev/null || pkgs="$$pkgs redis-server"; \
	command -v npm >/dev/null || pkgs="$$pkgs nodejs npm"; \
	if [ -n "$$pkgs" ]; then \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null; \
	fi

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(DEV_STAMP)
	$(VENV)/bin/mypy

pytest: $(DEV_STAMP) sysdeps $(NODE_STAMP)
	$(PY) -m pytest

## Build the wheel, install it alone in a clean venv and serve every page from it.
wheel-check: $(DEV_STAMP)
	$(PY) scripts/check_wheel.py

## Lint, type checks, the whole test suite and the wheel check, after installing all they need.
test: sysdeps lint types pytest wheel-check

## Regenerate requirements-dev.txt, then requirements.txt (same versions) from pyproject.toml.
lock: | $(PY)
	$(PIP) install -q -c $(DEV_LOCK) uv
	$(VENV)/bin/uv pip compile pyproject.toml --group dev $(UV_COMPILE) $(LOCK_FLAGS) -o $(DEV_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml -c $(DEV_LOCK) $(UV_COMPILE) $(LOCK_FLAGS) -o $(LOCK)

## Engine benchmark against difflib, diff-match-patch and redlines, then the comparison page's,
## the series' and the exports'.
bench: $(DEV_STAMP) sysdeps
	$(PY) bench/engine.py
	$(PY) bench/pages.py
	$(PY) bench/series.py
	$(PY) bench/exports.py

## Real series computed (the Government Work Reports 2012-2023 in under 5 s) and their timeline
## page in headless Chromium (under 2 s), against the budgets of issue #14.
bench-series: $(DEV_STAMP) sysdeps
	$(PY) bench/series.py

## Every export format (Word, PDF, Excel, CSV, HTML, Markdown, JSON) of a 1,000-clause
## comparison, against the 5 s budget of issue #15.
bench-exports: $(DEV_STAMP) rundeps
	$(PY) bench/exports.py

## The comparison page at 10,000 and 20,000 clauses: server time and time to interactive in
## headless Chromium, against the budgets of issue #13.
bench-pages: $(DEV_STAMP) sysdeps
	$(PY) bench/pages.py

## Alignment quality on real document pairs, and series lineage on real series, against
## hand-judged truth (fixtures/alignment-truth, fixtures/series-truth); then each document
## compared with its own PDF copies, where any substantive change is a false alarm.
quality: $(DEV_STAMP) sysdeps
	$(PY) bench/alignment_quality.py
	$(PY) bench/alignment_quality.py --agreement
	$(PY) bench/series_truth.py
	$(PY) bench/copies.py

## Load test of the service under gunicorn on loopback. Durability:
## make load LOAD_ARGS="--save --kill-worker-every 5 --seconds 60"
load: $(DEV_STAMP)
	$(PY) bench/load.py $(LOAD_ARGS)

## Rebuild the PDF, DOCX, HTML and Markdown fixtures from their text sources.
fixtures: $(DEV_STAMP)
	$(PY) scripts/build_format_fixtures.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache test-output node_modules
