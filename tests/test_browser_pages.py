"""Every page in a real browser: no request leaves the site, no cookie, no script error."""

from __future__ import annotations

import pytest
from conftest import html_pages

pytestmark = pytest.mark.browser


def page_urls(site) -> list[str]:
    urls = []
    for path in html_pages(site):
        relative = path.relative_to(site).as_posix()
        urls.append("/" + relative.removesuffix("index.html"))
    return urls


def test_every_page_stays_on_the_site_sets_no_cookie_and_throws_no_error(built_site, site_url, context, page):
    urls = page_urls(built_site)
    assert len(urls) > 30
    for url in urls:
        page.goto(site_url + url, wait_until="networkidle")
    assert page.watcher.outside_requests == []
    assert context.cookies() == []
    assert page.watcher.errors == []


def test_search_works_offline_and_finds_an_action(site_url, page):
    """Material's search runs in the browser from the site's own index."""
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("buddy")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "buddy" in page.locator(".md-search-result").inner_text().lower()
    assert page.watcher.outside_requests == []
