"""The guidance explorer, permalinks and print, in Chromium."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DATA_DIR
from playwright.sync_api import expect

from mbct_guide import load_guide

pytestmark = pytest.mark.browser
GUIDE = load_guide(DATA_DIR)


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#explorer-results .mbct-action:not([hidden]) h2", "els => els.map(e => e.id)")


def expected(**filters) -> list[str]:
    return [a.id for a in GUIDE.actions_where(**filters)]


def test_choosing_a_filter_updates_the_url_and_the_list(site_url, page):
    page.goto(site_url + "/explorer/")
    page.get_by_label("MBCT teacher or supervisor").check()
    expect(page).to_have_url(re.compile(r"[?&]role=teacher"))
    assert parse_qs(urlsplit(page.url).query) == {"role": ["teacher"]}
    assert visible_ids(page) == expected(role="teacher")
    count = page.locator("#explorer-count")
    assert count.get_attribute("role") == "status"
    assert count.inner_text() == f"Showing {len(expected(role='teacher'))} of {len(GUIDE.actions)} actions."
    assert page.watcher.errors == []


def test_a_filtered_url_restores_exactly_the_matching_actions(site_url, page):
    page.goto(site_url + "/explorer/?role=commissioner&stage=developing")
    ids = visible_ids(page)
    assert ids == expected(role="commissioner", stage="developing")
    assert ids, "the example should match something"
    assert page.get_by_label("Commissioner or funder").is_checked()


def test_repeated_and_comma_separated_values_combine(site_url, page):
    page.goto(site_url + "/explorer/?theme=make-it-fit&theme=build-a-team,evaluate-and-learn&element=evidence")
    wanted = [
        a.id
        for a in GUIDE.actions
        if a.theme in {"make-it-fit", "build-a-team", "evaluate-and-learn"} and "evidence" in a.top_elements
    ]
    assert visible_ids(page) == wanted


def test_words_search_titles_and_summaries(site_url, page):
    page.goto(site_url + "/explorer/?q=buddy")
    assert "find-a-buddy" in visible_ids(page)
    assert len(visible_ids(page)) < len(GUIDE.actions)


def test_hostile_query_values_cause_no_error_and_no_script(site_url, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = (
        "/explorer/?role=%3Cscript%3Ealert(1)%3C/script%3E&stage=%22);alert(1);//&theme=constructor"
        "&element=__proto__&q=%3Cimg%20src=x%20onerror=alert(1)%3E" + "&role=x" * 50
    )
    page.goto(site_url + hostile)
    assert dialogs == [] and page.watcher.errors == []
    assert page.locator("#explorer-results img").count() == 0
    # Unknown ids are ignored and dropped from the address; the words stay in the search box.
    query = parse_qs(urlsplit(page.url).query)
    assert set(query) == {"q"}
    assert page.locator("#filter-q").input_value() == "<img src=x onerror=alert(1)>"
    assert visible_ids(page) == []
    assert not page.locator("#explorer-empty").is_hidden()


def test_back_and_forward_restore_filters(site_url, page):
    page.goto(site_url + "/explorer/")
    page.get_by_label("Starting out").check()
    page.get_by_label("Service manager or clinical lead").check()
    expect(page).to_have_url(re.compile(r"[?&]role=manager"))
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"[?&]role=manager"))
    assert visible_ids(page) == expected(stage="starting-out")
    assert not page.get_by_label("Service manager or clinical lead").is_checked()
    page.go_forward()
    expect(page).to_have_url(re.compile(r"[?&]role=manager"))
    assert visible_ids(page) == expected(stage="starting-out", role="manager")


def test_clear_all_filters(site_url, page):
    page.goto(site_url + "/explorer/?stage=sustaining&q=plan")
    page.get_by_role("button", name="Clear all filters").click()
    assert len(visible_ids(page)) == len(GUIDE.actions)
    assert urlsplit(page.url).query == ""


def test_without_javascript_the_explorer_shows_every_action(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/explorer/?role=teacher")
    cards = page.locator("#explorer-results .mbct-action")
    assert cards.count() == len(GUIDE.actions)
    assert page.locator("#explorer-results .mbct-action:visible").count() == len(GUIDE.actions)
    assert page.locator("#explorer-form").is_hidden()
    context.close()


def test_every_action_has_its_anchor_in_the_explorer_and_stage_page(site_url, page):
    action = GUIDE.actions[len(GUIDE.actions) // 2]
    page.goto(f"{site_url}/journey/{action.stage}/#{action.id}")
    assert page.locator(f"#{action.id}").is_visible()
    page.goto(f"{site_url}/explorer/#{action.id}")
    assert page.locator(f"#{action.id}").count() == 1


@pytest.mark.parametrize("path", ["/journey/developing/", "/explorer/", "/roles/manager/"])
def test_print_hides_the_site_chrome(site_url, page, path):
    page.goto(site_url + path)
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".mbct-copy-button"]:
        locator = page.locator(selector).first
        assert locator.count() == 0 or locator.is_hidden(), selector
    assert page.locator("h1").is_visible()


def test_print_packs_gather_everything_for_a_role(site_url, page):
    page.goto(site_url + "/print/roles/referrer/")
    for action in GUIDE.actions_where(role="referrer"):
        assert page.locator(f"#{action.id}").count() == 1
    assert page.locator(".mbct-action .mbct-summary").count() == len(GUIDE.actions_where(role="referrer"))


def test_journey_map_links_are_keyboard_focusable_and_readable_at_320px(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/journey/")
    narrow = page.locator(".mbct-map__svg--narrow")
    assert narrow.is_visible() and page.locator(".mbct-map__svg--wide").is_hidden()
    links = narrow.locator("a")
    assert links.count() == len(GUIDE.stages)
    for index in range(links.count()):
        link = links.nth(index)
        link.focus()
        assert link.evaluate("a => document.activeElement === a")
        assert link.evaluate("a => a.querySelector('.mbct-map__title').getBoundingClientRect().height") >= 14
    assert page.locator(".mbct-map figcaption").inner_text().startswith("The journey has 3 stages")
    links.first.press("Enter")
    page.wait_for_url("**/journey/starting-out/")
    context.close()
