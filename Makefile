# Two commands do all the set-up on a fresh machine:
#   make serve   build and serve the site on http://127.0.0.1:8000 (live reload)
#   make test    run the whole test suite (installs Chromium for the browser tests if needed)
# Both create .venv and install the pinned dependencies the first time.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build build-properdocs test test-unit test-browser check schemas fieldref lint links external-links system-deps clean benchmark benchmark-serve offline

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# The virtual environment with the pinned packages (every other command makes it if needed).
install: $(STAMP)

serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ MBCT_CSP=false $(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

# All or nothing: builds strictly into a new folder and replaces site/ only if that succeeds.
build: $(STAMP)
	$(PY) -m mbct_guide.build

# The same site built with ProperDocs (the maintained fork of MkDocs 1.x), to show we can move.
build-properdocs: $(STAMP)
	$(PY) -m properdocs build --strict --clean -f mkdocs.yml --site-dir site-properdocs

check: $(STAMP)
	$(PY) -m mbct_guide check

schemas: $(STAMP)
	$(PY) -m mbct_guide schemas

lint: $(STAMP)
	$(PY) -m ruff check mbct_guide tests macros.py scripts

fieldref: $(STAMP)
	$(PY) -m mbct_guide fieldref

links: build
	$(PY) -m mbct_guide.linkcheck site

# Lists external links for a person to check; never fails the build (nothing is fetched).
external-links: build
	$(PY) -m mbct_guide.linkcheck site --external

system-deps:
	@scripts/ensure-system-deps

test: $(STAMP) system-deps
	$(PY) -m ruff check mbct_guide tests macros.py scripts
	$(PY) -m pytest -n auto

# The same tests in two halves, as CI runs them in two steps (make test runs both).
test-unit: $(STAMP) system-deps
	$(PY) -m ruff check mbct_guide tests macros.py scripts
	$(PY) -m pytest -n auto -m "not browser"

test-browser: $(STAMP) system-deps
	$(PY) -m pytest -n auto -m browser

clean:
	rm -rf site $(VENV)

# Performance: build times (1x, 3x, 10x actions), transfer sizes, Lighthouse. Writes BENCHMARKS.md.
benchmark: $(STAMP) system-deps
	$(PY) benchmarks/run.py

# Edit to preview: seconds from saving a YAML change to the reloaded page in make serve.
benchmark-serve: $(STAMP) system-deps
	$(PY) benchmarks/editing.py

# A zip of the site that works opened from the file system (for networks that block sites).
offline: $(STAMP)
	$(PY) -m mbct_guide.offline
