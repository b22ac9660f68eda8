"""The offline copy: a zip of the site that works opened from the file system."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import threading
import zipfile

import pytest
from conftest import ROOT
from playwright.sync_api import expect
from test_browser_explorer import detail_only_word

from mbct_guide import load_guide
from mbct_guide.assessment import BY_ID
from mbct_guide.offline import build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    archive = build(folder / "offline.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / "mbct-implementation-resource"


CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def csp_of(page_html: str) -> dict[str, set[str]]:
    match = CSP_META.search(page_html)
    assert match, "no Content Security Policy meta tag"
    directives = [part.split() for part in match.group(1).split(";") if part.strip()]
    return {name: set(sources) for name, *sources in directives}


def test_every_offline_page_has_a_strict_content_security_policy(offline_site):
    """As strong as file:// allows: local files only, no inline script, nothing from a host."""
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        policy = csp_of(path.read_text(encoding="utf-8"))
        assert policy["default-src"] == {"'none'"}, path
        assert policy["object-src"] == {"'none'"} and policy["base-uri"] == {"'none'"}, path
        assert policy["form-action"] == {"'none'"}, path
        for name, sources in policy.items():
            assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "blob:"}, (path, name)
            assert not any("://" in source for source in sources), (path, name)
            if name != "img-src":
                assert "data:" not in sources, (path, name)


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.mark.browser
def test_offline_policy_stops_script_links_and_off_site_images(browser, offline_site):
    """A real offline page with a javascript: link and an off-site image slipped into it: the
    link does not run and the image is never requested (a local server counts requests)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _CountingHandler.hits = []
    image = f"http://127.0.0.1:{server.server_address[1]}/probe.png"
    original = (offline_site / "about" / "index.html").read_text(encoding="utf-8")
    hostile = f'<a id="probe-link" href="javascript:document.title=\'pwned\'">probe</a><img src="{image}" alt="probe">'
    probe = offline_site / "about" / "probe.html"
    probe.write_text(re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + hostile, original, count=1), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(probe.as_uri())
        title = page.title()
        page.locator("#probe-link").click()
        page.wait_for_timeout(500)
        assert page.title() == title, "the javascript: link ran"
        assert page.url == probe.as_uri()
        assert _CountingHandler.hits == [], "the off-site image was requested"
        assert any("Content Security Policy" in text for text in console)
    finally:
        context.close()
        server.shutdown()
        probe.unlink()


@pytest.mark.browser
def test_offline_copy_opens_from_disk_and_its_links_work(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if "Security Policy" in message.text else None)
    page.goto((offline_site / "index.html").as_uri())
    assert page.locator("h1").inner_text().startswith("Start, grow and sustain MBCT")
    assert page.locator("link[href*='assets/css/extra']").evaluate("l => l.sheet !== null")
    page.locator(".md-content a", has_text="Starting out").first.click()
    page.wait_for_url("**/journey/starting-out.html")
    assert page.locator("h1").inner_text().startswith("Starting out")
    page.goto((offline_site / "explorer.html").as_uri() + "?stage=sustaining")
    assert page.locator("#explorer-count").inner_text().startswith("Showing ")
    # The words box reads the word index, a script file, from disk too.
    action, word = detail_only_word()
    page.goto((offline_site / "explorer.html").as_uri())
    page.locator("#filter-q").fill(word)
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")
    assert page.locator("#explorer-results .mbct-action:not([hidden]) h2").get_attribute("id") == action.id
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), [
        u for u in requests if not u.startswith("file://")
    ]
    assert errors == []
    context.close()


@pytest.mark.browser
def test_offline_search_works(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Security Policy" in message.text else None)
    page.goto((offline_site / "journey" / "index.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("buddy")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "buddy" in page.locator(".md-search-result").inner_text().lower()
    assert violations == [], "search must work within the offline Content Security Policy"
    context.close()


def test_every_relative_link_in_the_offline_copy_names_a_file(offline_site):
    """Folder links (journey/) open a file listing from file://, so every page link names its .html file."""
    folder_links = []
    for page in offline_site.rglob("*.html"):
        for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            path = href.split("#", 1)[0].split("?", 1)[0]
            if path and "://" not in href and not href.startswith(("mailto:", "tel:")) and path.endswith("/"):
                folder_links.append(f"{page.relative_to(offline_site)}: {href}")
    assert folder_links == []


@pytest.mark.browser
def test_offline_self_assessment_saves_only_once_turned_on(browser, offline_site):
    """Issue 18: from file://, every local page shares one storage, so saving answers is off
    until the person turns it on, and the page then says that other files can read them. The
    team review (issue 22) works from disk too: its second script loads from file://."""
    first, second = (s.id for s in load_guide(ROOT / "guidance_data").assessment[:2])
    key = "mbct-self-assessment-v1"
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if "Security Policy" in message.text else None)
    page.goto((offline_site / "tools" / "self-assessment.html").as_uri())
    saving = page.get_by_label("Save my answers on this computer")
    expect(saving).to_be_visible()
    expect(saving).not_to_be_checked()
    page.locator(f"input[name='sa-{first}'][value='partly']").check()
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    expect(page.locator("#sa-saved-status")).to_have_text(
        "Saving is off, so your answers will be gone when you close this page."
    )
    saving.check()
    expect(page.locator("#sa-saved-status")).to_have_text(
        "Your answers are saved on this computer, and other files on this computer can read them."
    )
    assert json.loads(page.evaluate(f"localStorage.getItem('{key}')"))["answers"] == {first: "partly"}
    page.reload()
    expect(page.locator(f"input[name='sa-{first}'][value='partly']")).to_be_checked()
    expect(saving).to_be_checked()
    # Snapshots, compare, and an answers file opened again, all from disk.
    page.locator("#sa-snapshot-name").fill("Q1")
    page.get_by_role("button", name="Save snapshot", exact=True).click()
    expect(page.locator("#sa-snapshots li")).to_have_count(1)
    page.locator(f"input[name='sa-{second}'][value='in-place']").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("#sa-comparison-summary")).to_contain_text("changed to or from")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download answers", exact=True).click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open answers files", exact=True).click()
    chooser.value.set_files(download.value.path())
    expect(page.locator("#sa-team")).to_contain_text(f"{BY_ID['in-place'].label}")
    # Turning saving off deletes what was saved on this computer.
    saving.uncheck()
    expect(page.locator("#sa-saved-status")).to_contain_text("Saving is off.")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('mbct-'))") == []
    page.reload()
    expect(page.locator(f"input[name='sa-{first}'][value='partly']")).not_to_be_checked()
    assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), requests
    assert errors == []
    context.close()


# --- the offline copy says what it is, and shares live links (issue 21, item 6) -----------------

LIVE_SITE = re.search(r'^site_url:.*"(https://[^"]+)"', (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
BANNER = re.compile(
    r'<p class="mbct-offline-banner">Offline copy made (\d{1,2} [A-Z][a-z]+ \d{4})\.\s*'
    r'Check <a class="mbct-url" href="([^"]+)">([^<]+)</a> for the latest version\.</p>'
)


def _live() -> str:
    """The published site's address, as the offline copy was built with it."""
    return (os.environ.get("SITE_URL") or LIVE_SITE).rstrip("/") + "/"


def test_every_offline_page_says_when_it_was_made_and_links_to_its_live_page(offline_site):
    live = _live()
    pages = sorted(p for p in offline_site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) > 50
    dates = set()
    for path in pages:
        name = path.relative_to(offline_site).as_posix()
        found = BANNER.search(path.read_text(encoding="utf-8"))
        assert found, name
        made, href, shown = found.groups()
        dates.add(made)
        assert href == shown, name
        assert href.startswith(live) and "file:" not in href and not href.endswith(".html"), (name, href)
        if name not in ("index.html", "404.html"):
            expected = name.removesuffix(".html").removesuffix("index").rstrip("/") + "/"
            assert href == live + expected, (name, href)
    assert len(dates) == 1
    made = dt.datetime.strptime(dates.pop(), "%d %B %Y").date()
    pinned = os.environ.get("SOURCE_DATE_EPOCH")  # MkDocs dates the build by it when it is set
    built = dt.datetime.fromtimestamp(int(pinned), dt.UTC) if pinned else dt.datetime.now(dt.UTC)
    assert abs((built.date() - made).days) <= 1, (made, built)


def test_links_from_the_offline_copy_to_the_live_site_are_absolute_and_name_live_pages(offline_site):
    """Print pack addresses, handouts' "Where to find the rest", link previews and canonical
    links all give the published site's own addresses (directory URLs, never .html files)."""
    live = _live()
    bad = []
    for path in offline_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|content|data-share-url)="(' + re.escape(live) + r'[^"]*)"', text):
            if url.split("#")[0].split("?")[0].endswith(".html"):
                bad.append(f"{path.relative_to(offline_site)}: {url}")
    assert bad == []
    handout = (offline_site / "handouts" / "manager.html").read_text(encoding="utf-8")
    assert f'href="{live}roles/manager/"' in handout
    pack = (offline_site / "print" / "roles" / "manager.html").read_text(encoding="utf-8")
    assert f'href="{live}actions/agree-who-can-teach/"' in pack


@pytest.mark.browser
def test_share_from_the_offline_copy_gives_the_live_address(browser, offline_site):
    live = _live()
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((offline_site / "actions" / "agree-who-can-teach.html").as_uri())
    page.bring_to_front()
    banner = page.locator(".mbct-offline-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_role("link")).to_have_attribute("href", f"{live}actions/agree-who-can-teach/")
    page.get_by_role("button", name="Share this page").click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == f"{live}actions/agree-who-can-teach/"
    context.close()
