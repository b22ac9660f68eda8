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
    page.clock.install()  # time runs as usual until the test moves it on (below)
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
    page.clock.fast_forward(3000)  # the button says "Link copied" for 3 seconds
    expect(button).to_have_accessible_name("Share this page")  # back as it was


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


# --- "Start here" by stage on role pages (issue 21, item 4) ----------------------------------------


def shown_first_actions(page) -> list[str]:
    return page.locator(".mbct-start-list:visible .mbct-first-steps .mbct-action a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_start_here_follows_the_stage_chosen_and_the_address(browser, site_url, width):
    context = browser.new_context(viewport=viewport(width))
    page = context.new_page()
    role = GUIDE.role("manager")
    page.goto(f"{site_url}/roles/manager/")
    expect(page.get_by_role("radio", name="Starting out")).to_be_checked()
    assert shown_first_actions(page) == role.first_actions["starting-out"]
    expect(page.locator(".mbct-start-why")).to_be_hidden()
    page.get_by_role("radio", name="Developing").check()
    assert shown_first_actions(page) == role.first_actions["developing"]
    expect(page.locator("#start-developing")).to_have_text("Developing: the first three things to do")
    assert page.url == f"{site_url}/roles/manager/?stage=developing"
    # The choice is in the address, so the page opens at that stage, and Share passes it on.
    page.goto(f"{site_url}/roles/manager/?stage=sustaining")
    expect(page.get_by_role("radio", name="Sustaining")).to_be_checked()
    assert shown_first_actions(page) == role.first_actions["sustaining"]
    share = page.get_by_role("button", name="Share this page")
    assert share.get_attribute("data-share-url") == published("roles/manager/") + "?stage=sustaining"
    # Anything else in the address is the default.
    for garbage in ("nonsense", "", "Developing", "<script>"):
        page.goto(f"{site_url}/roles/manager/?stage={garbage}")
        expect(page.get_by_role("radio", name="Starting out")).to_be_checked()
        assert shown_first_actions(page) == role.first_actions["starting-out"], garbage
    context.close()


def _answer_all(page, stage_ids: set[str], answer: str) -> None:
    for statement in load_guide(DATA_DIR, DOCS_DIR).assessment:
        if statement.stage in stage_ids:
            page.locator(f"input[name='sa-{statement.id}'][value='{answer}']").check()


@pytest.mark.parametrize("width", WIDTHS)
def test_start_here_opens_at_the_stage_the_saved_self_assessment_points_to(browser, site_url, width):
    """Every starting-out statement in place: the service works on developing, so role pages
    start there and say why; a stage in the address still wins."""
    context = browser.new_context(viewport=viewport(width))
    page = context.new_page()
    page.goto(f"{site_url}/tools/self-assessment/")
    _answer_all(page, {"starting-out"}, "in-place")
    page.goto(f"{site_url}/roles/commissioner/")
    expect(page.get_by_role("radio", name="Developing")).to_be_checked()
    assert shown_first_actions(page) == GUIDE.role("commissioner").first_actions["developing"]
    why = page.locator(".mbct-start-why")
    expect(why).to_be_visible()
    expect(why).to_contain_text("Your self-assessment answers, saved in this browser, point to this stage.")
    page.goto(f"{site_url}/roles/commissioner/?stage=sustaining")
    expect(page.get_by_role("radio", name="Sustaining")).to_be_checked()
    expect(why).to_be_hidden()
    # One starting-out statement no longer in place: back to starting out.
    page.goto(f"{site_url}/tools/self-assessment/")
    first = next(s for s in GUIDE.assessment if s.stage == "starting-out")
    page.locator(f"input[name='sa-{first.id}'][value='partly']").check()
    page.goto(f"{site_url}/roles/commissioner/")
    expect(page.get_by_role("radio", name="Starting out")).to_be_checked()
    context.close()


def test_without_javascript_start_here_shows_every_stage(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/roles/teacher/?stage=developing")
    expect(page.locator(".mbct-stage-choice")).to_be_hidden()
    for stage in GUIDE.stages:
        section = page.locator(f".mbct-start-list[data-stage='{stage.id}']")
        expect(section).to_be_visible()
        expect(section.get_by_role("heading").first).to_contain_text(stage.title)
    context.close()


def test_choosing_a_stage_does_not_shift_the_page_on_load(browser, site_url):
    """The stage is chosen before the first paint (early.js and CSS), so nothing jumps."""
    context = browser.new_context(viewport=viewport(375))
    page = context.new_page()
    page.add_init_script(
        "window.mbctShift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => {"
        " if (!e.hadRecentInput) window.mbctShift += e.value; })).observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(f"{site_url}/roles/manager/?stage=sustaining", wait_until="load")
    page.wait_for_timeout(500)
    assert page.evaluate("window.mbctShift") < 0.01
    context.close()


# --- clean accessible names (issue 21, item 7) -----------------------------------------------------

FORM_ROLES = {"textbox", "combobox", "checkbox", "radio", "spinbutton", "searchbox", "listbox", "slider", "button"}


@pytest.mark.parametrize(
    "path", ["tools/calculator/", "tools/self-assessment/", "explorer/", "roles/manager/", "actions/find-a-buddy/"]
)
def test_form_fields_have_clean_accessible_names(page, site_url, path):
    """Names as a screen reader gets them (Chromium's accessibility tree): no space before a
    comma or full stop, no double spaces inside, and none empty."""
    page.goto(f"{site_url}/{path}", wait_until="load")
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    fields = [
        (n["role"]["value"], n.get("name", {}).get("value", ""))
        for n in nodes
        if n.get("role", {}).get("value") in FORM_ROLES and not n.get("ignored")
    ]
    assert len([role for role, _ in fields if role != "button"]) >= 1, "the page has form fields"
    bad = [
        (role, name)
        for role, name in fields
        if not name.strip() or " ," in name or " ." in name or "  " in name.strip()
    ]
    assert bad == []
