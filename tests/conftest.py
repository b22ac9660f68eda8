"""Shared fixtures: paths, a strict build of the real site (once per run), a local server."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from project import ROOT, copy_project, mkdocs_build  # noqa: F401 - re-exported for the tests

DATA_DIR = ROOT / "guidance_data"
DOCS_DIR = ROOT / "docs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict. Fails the run if the build fails."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site


def html_pages(site: Path) -> list[Path]:
    """Every page a reader can open (the 404 page included)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


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
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class PageWatcher:
    """Records what a page does that it should not: outside requests, script errors."""

    def __init__(self, page, site_url: str):
        parts = urlsplit(site_url)
        self.allowed_origin = f"{parts.scheme}://{parts.netloc}/"
        self.outside_requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._on_request)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

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
def page(context, site_url):
    tab = context.new_page()
    tab.watcher = PageWatcher(tab, site_url)
    yield tab
    tab.close()
