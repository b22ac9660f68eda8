"""The `page` fixture lends one tab to each test in turn (browser.TabLender). What a test leaves
behind must never reach the next test: each test here leaves as much as it can in a lender of
its own, puts the tab back, and looks at what the next test would get."""

from __future__ import annotations

import re

import pytest
from browser import DEFAULT_VIEWPORT, LentTabMisused, TabLender
from conftest import origin_of

pytestmark = pytest.mark.browser

LEAVE_STORAGE = """() => new Promise((done) => {
    localStorage.setItem("left", "1");
    sessionStorage.setItem("left", "1");
    document.cookie = "left=1; path=/";
    const opening = indexedDB.open("left", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("things");
    opening.onsuccess = () => { opening.result.close(); caches.open("left").then(() => done()); };
})"""
STORAGE_FOUND = """async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
})"""
NOTHING_STORED = {"local": 0, "session": 0, "cookie": "", "databases": 0, "caches": 0}


@pytest.fixture
def lender(browser, site_url):
    own = TabLender(browser, origin_of(site_url))
    yield own
    own.close()


def test_a_tab_comes_back_with_nothing_the_test_left(lender, site_url):
    tab = lender.lend()
    heard: list[str] = []
    tab.on("console", lambda message: heard.append(message.text))
    tab.add_init_script("window.leftByAnEarlierTest = true;")
    tab.route(re.compile(r".*/site\.js$"), lambda route: route.abort())
    tab.expose_function("leftFunction", lambda: 1)
    tab.set_viewport_size({"width": 375, "height": 812})
    tab.emulate_media(media="print", color_scheme="dark", reduced_motion="reduce")
    tab.goto(f"{site_url}/explorer/")
    tab.evaluate(LEAVE_STORAGE)
    tab.set_default_timeout(1)
    tab.context.new_page().goto(f"{site_url}/about/")
    assert heard, "the listener heard the blocked script fail"
    heard.clear()
    lender.put_back()

    tab = lender.lend()
    assert tab.url == "about:blank"
    assert tab.context.pages == [tab]
    assert tab.viewport_size == DEFAULT_VIEWPORT
    tab.goto(f"{site_url}/explorer/", wait_until="load")  # would time out after 1 ms if not reset
    assert tab.evaluate(STORAGE_FOUND) == NOTHING_STORED
    assert tab.evaluate("[typeof window.leftByAnEarlierTest, typeof window.leftFunction]") == ["undefined"] * 2
    assert tab.evaluate("matchMedia('print').matches || matchMedia('(prefers-color-scheme: dark)').matches") is False
    tab.evaluate("console.log('after')")
    assert heard == [], "the earlier test's listener was removed"


def test_the_site_script_a_route_blocked_runs_again_once_the_tab_is_back(lender, site_url):
    tab = lender.lend()
    blocked: list[str] = []
    tab.route(re.compile(r".*/site\.js$"), lambda route: (blocked.append(route.request.url), route.abort()))
    tab.goto(f"{site_url}/explorer/", wait_until="load")
    assert blocked
    lender.put_back()
    tab = lender.lend()
    failed: list[str] = []
    tab.on("requestfailed", lambda request: failed.append(request.url))
    tab.goto(f"{site_url}/explorer/", wait_until="load")
    assert failed == []
    assert len(blocked) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda profile: profile.add_init_script("window.x = 1;"),
        lambda profile: profile.route("**/*", lambda route: route.continue_()),
        lambda profile: profile.grant_permissions(["clipboard-read"]),
        lambda profile: profile.set_offline(True),
        lambda profile: profile.set_extra_http_headers({"x-left": "1"}),
    ],
    ids=["init script", "route", "permission", "offline", "headers"],
)
def test_changes_to_the_whole_profile_are_refused_with_the_fixture_to_use(lender, change):
    with pytest.raises(LentTabMisused, match=r"Ask for the `context` fixture"):
        change(lender.lend().context)


def test_a_fake_clock_fails_the_test_and_the_next_gets_a_new_profile(lender, site_url):
    tab = lender.lend()
    tab.clock.install()
    tab.goto(f"{site_url}/about/")
    with pytest.raises(LentTabMisused, match="fake clock"):
        lender.put_back()
    tab = lender.lend()
    tab.goto(f"{site_url}/about/")
    assert tab.evaluate("typeof globalThis.__pwClock") == "undefined"
    assert tab.evaluate("String(setTimeout).includes('[native code]')")


def test_a_tab_the_test_closed_is_replaced_by_one_in_a_new_profile(lender, site_url):
    tab = lender.lend()
    tab.goto(f"{site_url}/about/")
    tab.evaluate(LEAVE_STORAGE)
    tab.close()
    lender.put_back()
    tab = lender.lend()
    tab.goto(f"{site_url}/about/", wait_until="load")
    assert tab.evaluate(STORAGE_FOUND) == NOTHING_STORED


def test_the_cache_is_kept_so_a_second_visit_downloads_the_theme_s_script_no_more(lender, site_url):
    """What the lender is for: a returning reader's cache, kept from test to test. (A site built
    moments ago may be checked again with the server, which answers in a few hundred bytes.)"""
    bytes_in = (
        "performance.getEntriesByType('resource').find(e => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name)).transferSize"
    )
    tab = lender.lend()
    tab.goto(f"{site_url}/explorer/", wait_until="load")
    first = tab.evaluate(bytes_in)
    lender.put_back()
    tab = lender.lend()
    tab.goto(f"{site_url}/explorer/", wait_until="load")
    assert first > 50_000
    assert tab.evaluate(bytes_in) < 1_000
