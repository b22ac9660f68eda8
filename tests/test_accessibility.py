"""WCAG 2.2 AA and best practice on every page, with axe-core in Chromium, at desktop and
375 px mobile widths, and in the theme's open states. Zero violations allowed.

The same visit checks what a page does that it should not: no request leaves the site, no
script error or console error, no cookie (each page is opened in a fresh browser profile).

No rule is switched off. If one ever must be, disable it in DISABLED_RULES with the reason.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PageWatcher, html_pages
from project import page_paths

pytestmark = pytest.mark.browser

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DISABLED_RULES: dict[str, str] = {}  # rule id -> why it is off (none are)
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
PAGES = page_paths()


# Material fades button colours over 0.25 s; axe sampling a button mid-fade
# reports a contrast that no reader sees once the fade ends (a flaky CI failure).
FINITE_ANIMATIONS_DONE = """() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => null)))"""


def settle_transitions(page) -> None:
    """Wait until every running CSS transition and finite animation has ended."""
    page.evaluate(FINITE_ANIMATIONS_DONE)


def violations(page) -> list[str]:
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in DISABLED_RULES},
    }
    settle_transitions(page)
    result = AXE.run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def sized_page(request, browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    tab = context.new_page()
    tab.watcher = PageWatcher(tab, site_url)
    yield tab
    context.close()


def well_behaved(page) -> dict[str, list[str]]:
    """What the page did that it should not; all empty for a well-behaved page."""
    return {
        "requests to other hosts": page.watcher.outside_requests,
        "script or console errors": page.watcher.errors,
        "cookies": [cookie["name"] for cookie in page.context.cookies()],
    }


NOTHING = {"requests to other hosts": [], "script or console errors": [], "cookies": []}


def test_every_built_page_is_visited(built_site):
    """The pages visited below are every page the build wrote (and the 404 page)."""
    built = {p.relative_to(built_site).as_posix().removesuffix("index.html") or "./" for p in html_pages(built_site)}
    assert built == {*PAGES, "404.html"}


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_stays_on_the_site_and_has_no_errors(sized_page, site_url, path):
    sized_page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert violations(sized_page) == []
    assert well_behaved(sized_page) == NOTHING


def test_404_page(sized_page, site_url):
    # Hosts such as GitHub Pages serve this file for any unknown address.
    sized_page.goto(f"{site_url}/404.html", wait_until="networkidle")
    assert violations(sized_page) == []
    assert well_behaved(sized_page) == NOTHING


def test_search_open(sized_page, site_url):
    sized_page.goto(f"{site_url}/journey/", wait_until="networkidle")
    sized_page.keyboard.press("/")  # the theme's shortcut opens search at any width
    sized_page.keyboard.type("supervision")
    sized_page.locator(".md-search-result__item").first.wait_for()
    assert violations(sized_page) == []


def test_mobile_menu_open(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.goto(f"{site_url}/roles/teacher/", wait_until="networkidle")
    page.locator(".md-header label[for='__drawer']").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "tools/calculator/?courses=abc&group_size=-1&completion_rate=500",
        "tools/self-assessment/#answers=broken",
        "explorer/?q=no-such-words-anywhere",
        "explorer/?role=teacher&stage=developing",
    ],
)
def test_tool_states(sized_page, site_url, path):
    sized_page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert violations(sized_page) == []


def test_self_assessment_with_results(sized_page, site_url):
    sized_page.goto(f"{site_url}/tools/self-assessment/", wait_until="networkidle")
    for radio in sized_page.locator("input[value='in-place']").all()[:10]:
        radio.check()
    sized_page.get_by_role("button", name="Clear my answers").click()  # the confirmation open
    sized_page.get_by_role("button", name="Copy a link to these answers").click()
    assert violations(sized_page) == []
