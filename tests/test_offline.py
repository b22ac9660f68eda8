"""The offline copy: a zip of the site that works opened from the file system."""

from __future__ import annotations

import re
import zipfile

import pytest
from conftest import ROOT

from mbct_guide.offline import build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    archive = build(folder / "offline.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / "mbct-implementation-resource"


@pytest.mark.browser
def test_offline_copy_opens_from_disk_and_its_links_work(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / "index.html").as_uri())
    assert page.locator("h1").inner_text().startswith("Start, grow and sustain MBCT")
    assert page.locator("link[href$='extra.css']").evaluate("l => l.sheet !== null")
    page.locator(".md-content a", has_text="Starting out").first.click()
    page.wait_for_url("**/journey/starting-out.html")
    assert page.locator("h1").inner_text().startswith("Starting out")
    page.goto((offline_site / "explorer.html").as_uri() + "?stage=sustaining")
    assert page.locator("#explorer-count").inner_text().startswith("Showing ")
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), [
        u for u in requests if not u.startswith("file://")
    ]
    assert errors == []
    context.close()


@pytest.mark.browser
def test_offline_search_works(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "journey" / "index.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("buddy")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "buddy" in page.locator(".md-search-result").inner_text().lower()
    context.close()


def test_offline_copy_is_documented():
    assert "make offline" in (ROOT / "README.md").read_text()


def test_every_relative_link_in_the_offline_copy_names_a_file(offline_site):
    """Folder links (journey/) open a file listing from file://, so every page link names its .html file."""
    folder_links = []
    for page in offline_site.rglob("*.html"):
        for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            path = href.split("#", 1)[0].split("?", 1)[0]
            if path and "://" not in href and not href.startswith(("mailto:", "tel:")) and path.endswith("/"):
                folder_links.append(f"{page.relative_to(offline_site)}: {href}")
    assert folder_links == []
