# One command per job. `make run` and `make test` work on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements

.PHONY: run serve dev test test-fast e2e demo-data validate bench chromium lint format screenshots icon-font

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $(STAMP)

# Prints the link with this start's write token; no file watcher (it would make every page wait for a scan).
run: $(STAMP)
	$(PY) cli.py serve --port 8501

# A province's server: installs nginx/PostgreSQL/PostGIS if missing (as root), starts PostgreSQL with PostGIS
# (unless DATABASE_URL names a server), DXMAP_REPLICAS app processes (default 2) on localhost and nginx on PORT
# (default 8080); prints a line with `ready` and the URL; Ctrl+C stops everything. See deploy/ and docs/serving.md.
serve: $(STAMP)
	$(PY) cli.py serve-province

# For developers: reloads on save.
dev: $(STAMP)
	$(PY) cli.py serve --port 8501 --dev

# Debian's chromium for the browser tests (no browser download is possible offline).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here: browser tests will be skipped"; fi; \
	fi

# Two processes, one per core; each test file runs whole in one of them (its app server and browser shared).
test: $(STAMP) chromium
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=25

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not e2e"

e2e: $(STAMP) chromium
	$(PY) -m pytest -q -m e2e

demo-data: $(STAMP)
	$(PY) cli.py demo-data

validate: $(STAMP)
	$(PY) cli.py validate data/demo/dien-bien

# Every bench module's figures, province and national, each target beside its measured reference (JSON).
# After a Streamlit upgrade or a new `:material/…:` icon in the code (tests/unit/test_icon_font.py says when)
icon-font: $(STAMP)
	$(PY) -m ops.icon_font

bench: $(STAMP)
	$(PY) cli.py bench --scale all

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(PY) -m ruff format .

# The README's map picture (docs/map-screenshot.png) from the running demo app in Debian chromium, offline.
screenshots: $(STAMP) chromium
	$(PY) -m tests.e2e.screenshots
