"""Site search in a real browser. (Every page's requests, cookies and script errors are
checked during the accessibility test's visit to it, tests/test_accessibility.py.)"""

from __future__ import annotations

import os
import re

import pytest
from conftest import DATA_DIR, DOCS_DIR, ROOT
from playwright.sync_api import expect

from mbct_guide import load_guide

pytestmark = pytest.mark.browser


def test_search_works_offline_and_finds_an_action(site_url, page):
    """Material's search runs in the browser from the site's own index."""
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("buddy")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "buddy" in page.locator(".md-search-result").inner_text().lower()
    assert page.watcher.outside_requests == []


# --- Share under the title (issue 21, item 3) ------------------------------------------------------

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
WIDTHS = [375, 1280]
SHARED = [
    f"actions/{GUIDE.actions[3].id}/",
    "roles/manager/",
    "journey/developing/",
    f"stories/{GUIDE.stories[0].id}/",
]


def published(path: str) -> str:
    """The page's address on the published site (site_url in mkdocs.yml, or SITE_URL)."""
    configured = re.search(r'^site_url:.*"(https://[^"]+)"', (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
    site = os.environ.get("SITE_URL") or configured
    return site.rstrip("/") + "/" + path


def viewport(width: int) -> dict:
    return {"width": width, "height": 812 if width < 600 else 800}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", SHARED)
def test_share_under_the_title_copies_the_published_address(clipboard_context, site_url, path, width):
    """Where there is no share sheet (desktop Chromium here), Share copies the page's published
    https address, says "Link copied" on the button and announces it."""
    page = clipboard_context.new_page()
    page.set_viewport_size(viewport(width))
    page.goto(f"{site_url}/{path}")
    page.bring_to_front()  # the clipboard API needs a focused page
    assert page.evaluate("typeof navigator.share") == "undefined", "this test is for the copy fallback"
    button = page.locator("h1 + .mbct-share button")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Share this page")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    title = page.locator("h1").bounding_box()
    assert 0 <= box["y"] - (title["y"] + title["height"]) < 40, "right under the title"
    button.click()
    expect(button).to_have_text("Link copied")
    expect(page.locator("[role=status].mbct-visually-hidden")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == published(path)
    expect(button).to_have_accessible_name("Share this page", timeout=5000)  # back as it was


@pytest.mark.parametrize("width", WIDTHS)
def test_share_opens_the_phone_share_sheet_where_there_is_one(context, site_url, width):
    """navigator.share gets the page's title and published address, and nothing is copied."""
    context.add_init_script(
        "navigator.share = function (data) { window.mbctShared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.set_viewport_size(viewport(width))
    page.goto(f"{site_url}/{SHARED[0]}")
    page.get_by_role("button", name="Share this page").click()
    shared = page.evaluate("window.mbctShared")
    assert shared == {"title": GUIDE.actions[3].title, "url": published(SHARED[0])}
    expect(page.get_by_role("button", name="Share this page")).to_be_visible()


def test_share_sheet_closed_without_sharing_copies_nothing(context, site_url):
    context.add_init_script(
        "navigator.share = function () {"
        " var e = new Error('closed'); e.name = 'AbortError'; return Promise.reject(e); };"
    )
    page = context.new_page()
    page.goto(f"{site_url}/{SHARED[1]}")
    page.get_by_role("button", name="Share this page").click()
    page.wait_for_timeout(300)
    expect(page.get_by_role("button", name="Share this page")).to_be_visible()
    assert page.locator(".mbct-share input").count() == 0


def test_when_the_browser_will_not_copy_the_link_is_shown_to_copy_by_hand(context, site_url):
    context.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('no'))}});"
    )
    page = context.new_page()
    page.goto(f"{site_url}/{SHARED[2]}")
    page.get_by_role("button", name="Share this page").click()
    field = page.get_by_label("Your browser did not let this page copy. Copy this link yourself:")
    expect(field).to_be_focused()
    expect(field).to_have_value(published(SHARED[2]))


def test_without_javascript_there_is_no_dead_share_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{SHARED[0]}")
    assert page.locator(".mbct-share").count() == 1
    expect(page.locator(".mbct-share")).to_be_hidden()
    context.close()
