"""Shared fixtures: paths, a strict build of the real site (once per run, shared by every
parallel worker), a local server, and the browser.

Once per run, not once per worker: the first worker to need the site builds it into a folder
the whole run shares, under a file lock (filelock), and the others wait for it and use it.
``MBCT_SITE_DIR`` names a site built already (CI builds it in its own step first).

Each problem is printed once: broken data stops the run before any test, with the data
report; a failed build fails the tests that need the site with a one-line message, and its
output is printed once, at the end of the run.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import TEST_CHROMIUM_ARGS, TabLender, chromium_path
from filelock import FileLock
from playwright.sync_api import sync_playwright
from project import CHANGED_COPY_TODAY, ROOT, copy_project, make_changed_copy, mkdocs_build  # noqa: F401 - re-exported for the tests

from mbct_guide import GuidanceDataError, load_guide, load_guide_uncached

DATA_DIR = ROOT / "guidance_data"
DOCS_DIR = ROOT / "docs"

# A folder for this run, shared by the controller and every xdist worker (they inherit it).
RUN_DIR = "MBCT_TEST_RUN_DIR"
# The date every build in the tests takes as today (MBCT_TODAY), so that a review falling due
# on the calendar cannot turn the suite red with no change. Tests of the review dates inject
# their own dates; publishing (`make publish-check`, the deploy) uses the real date.
PINNED_TODAY = "2026-12-05"
_CREATED_RUN_DIR = pytest.StashKey[str]()


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["MBCT_TODAY"] = PINNED_TODAY  # the workers and every build they start inherit it
    if not _is_worker(config) and RUN_DIR not in os.environ:
        os.environ[RUN_DIR] = config.stash[_CREATED_RUN_DIR] = tempfile.mkdtemp(prefix="mbct-tests-")


def pytest_unconfigure(config: pytest.Config) -> None:
    created = config.stash.get(_CREATED_RUN_DIR, None)
    if created:
        shutil.rmtree(created, ignore_errors=True)
        os.environ.pop(RUN_DIR, None)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Nearly every test needs valid data. If it has problems, say them once and stop, rather
    than have every test module and worker report the same problems again."""
    if _is_worker(session.config):
        return
    try:
        load_guide_uncached(DATA_DIR, DOCS_DIR)
    except GuidanceDataError as error:
        print("\n" + error.report(), file=sys.stderr)
        pytest.exit("the guidance data has problems (listed above, as `make check` lists them)", returncode=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens the browser is a browser test (CI runs them in their own step)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


def build_timings_file() -> Path:
    """Where the shared build writes its timings and data loads (build_context.py)."""
    return Path(os.environ[RUN_DIR]) / "site-build-timings.json"


def _build_record() -> Path:
    return Path(os.environ[RUN_DIR]) / "site-build.json"


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built with --strict once per run; every worker shares it."""
    given = os.environ.get("MBCT_SITE_DIR")
    if given:
        site = (ROOT / given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"MBCT_SITE_DIR={given} holds no built site (did the build fail?)", pytrace=False)
        return site
    record = _build_record()
    site = record.parent / "site"
    with FileLock(str(record.with_suffix(".lock"))):
        if not record.exists():
            # The build reports how often it loaded the data (tests/test_build_context.py).
            result = mkdocs_build(ROOT, site, env={"MBCT_TIMINGS": str(build_timings_file())})
            outcome = {"returncode": result.returncode, "output": result.stdout + result.stderr}
            record.write_text(json.dumps(outcome), encoding="utf-8")
    if json.loads(record.read_text(encoding="utf-8"))["returncode"] != 0:
        pytest.fail("the strict build of the site failed; its output is printed once, at the end", pytrace=False)
    return site


@pytest.fixture(scope="session")
def built_site_output(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the shared build printed (a site built before the run, MBCT_SITE_DIR, is built again to see)."""
    if _build_record().exists():
        return json.loads(_build_record().read_text(encoding="utf-8"))["output"]
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("output") / "site")
    return result.stdout + result.stderr


# --- a copy of the data, for the data check's tests (test_loader.py, test_safety.py) ------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A throwaway copy of guidance_data/ (and of docs/, which the data check reads too)."""
    shutil.copytree(DATA_DIR, tmp_path / "guidance_data")
    shutil.copytree(DOCS_DIR, tmp_path / "docs")
    return tmp_path / "guidance_data"


def problems_for(data: Path) -> list[str]:
    """Every problem the data check finds in the copy, as an editor reads them."""
    with pytest.raises(GuidanceDataError) as caught:
        load_guide_uncached(data, data.parent / "docs")
    return [str(p) for p in caught.value.problems]


def only(problems: list[str], *needles: str) -> str:
    """The first problem that mentions every one of ``needles``."""
    matching = [p for p in problems if all(n in p for n in needles)]
    assert matching, f"no problem mentions {needles}; got:\n" + "\n".join(problems)
    return matching[0]


@dataclass(frozen=True)
class ChangedSite:
    """The changed copy of the project (project.make_changed_copy), built once per run."""

    site: Path
    output: str  # what the build printed
    new_action: dict  # the record of the action added
    hostile_action: str  # the id of the action given a hostile title


@pytest.fixture(scope="session")
def changed_site() -> ChangedSite:
    run = Path(os.environ[RUN_DIR]) / "changed"
    record = run / "build.json"
    run.mkdir(exist_ok=True)
    with FileLock(str(run / "build.lock")):
        if not record.exists():
            hostile = load_guide(DATA_DIR, DOCS_DIR).actions[0].id
            action = make_changed_copy(run / "project", hostile)
            result = mkdocs_build(run / "project", run / "site", env={"MBCT_TODAY": CHANGED_COPY_TODAY})
            outcome = {
                "returncode": result.returncode,
                "output": result.stdout + result.stderr,
                "new_action": action,
                "hostile_action": hostile,
            }
            record.write_text(json.dumps(outcome, default=str), encoding="utf-8")
    outcome = json.loads(record.read_text(encoding="utf-8"))
    assert outcome["returncode"] == 0, outcome["output"]
    return ChangedSite(run / "site", outcome["output"], outcome["new_action"], outcome["hostile_action"])


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _is_worker(config) or RUN_DIR not in os.environ or not _build_record().exists():
        return
    outcome = json.loads(_build_record().read_text(encoding="utf-8"))
    if outcome["returncode"] != 0:
        terminalreporter.section("the strict build of the site failed")
        terminalreporter.write_line(outcome["output"].rstrip())


def html_pages(site: Path) -> list[Path]:
    """Every page a reader can open (the 404 page included)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def origin_of(url: str) -> str:
    """The scheme, host and port of ``url`` ("http://127.0.0.1:8000"), as browsers key storage
    and permissions."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def published_path() -> str:
    """The path part of site_url (for example /mbct-implementation-resource), without the end slash."""
    configured = os.environ.get("SITE_URL")
    if not configured:
        match = re.search(r'^site_url:.*"(https?://[^"]+)"', (ROOT / "mkdocs.yml").read_text(), re.M)
        configured = match.group(1) if match else "/"
    return urlsplit(configured).path.rstrip("/")


@pytest.fixture(scope="session")
def site_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Serve the built site on 127.0.0.1 under the same path as when published, so that
    pages using absolute paths (such as 404.html) behave as they will for readers."""
    root = tmp_path_factory.mktemp("www")
    prefix = published_path()
    mount = root / prefix.lstrip("/") if prefix else root
    if prefix:
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root if prefix else built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=TEST_CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class PageWatcher:
    """Records what a page does that it should not: outside requests, script errors."""

    def __init__(self, page, site_url: str):
        self.allowed_origin = origin_of(site_url) + "/"
        self.outside_requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._on_request)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def forget(self) -> None:
        """Start again, for the next page visited in the same tab."""
        self.outside_requests.clear()
        self.errors.clear()

    def _on_request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.allowed_origin) or url.startswith(("data:", "blob:", "about:"))):
            self.outside_requests.append(url)


@pytest.fixture
def context(browser, site_url):
    """A fresh browser profile per test: no shared storage or cookies."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def clipboard_context(browser, site_url):
    """A fresh browser profile that lets the site read and write the clipboard (Copy link tests)."""
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin_of(site_url))
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def tab_lender(browser, site_url):
    """This worker's lent tab (browser.TabLender)."""
    lender = TabLender(browser, origin_of(site_url))
    yield lender
    lender.close()


@pytest.fixture
def page(tab_lender, site_url):
    """A tab with no storage, cookies or listeners, as a new profile would give, but with the
    browser's cache kept (browser.TabLender). For init scripts, routes or permissions on the
    whole profile, or a fake clock, ask for ``context`` and open a tab in it."""
    tab = tab_lender.lend()
    tab.watcher = PageWatcher(tab, site_url)
    yield tab
    tab_lender.put_back()
