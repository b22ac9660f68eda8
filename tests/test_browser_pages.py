"""Site search in a real browser. (Every page's requests, cookies and script errors are
checked during the accessibility test's visit to it, tests/test_accessibility.py.)"""

from __future__ import annotations

import pytest

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
