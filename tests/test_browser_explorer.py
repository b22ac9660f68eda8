"""The guidance explorer, permalinks and print, in Chromium."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DATA_DIR, DOCS_DIR
from playwright.sync_api import expect

from mbct_guide import load_guide
from mbct_guide.generated import pages
from mbct_guide.render.common import KEY_ACTIVITY_LABELS
from mbct_guide.render.tools import markdown_text, search_words
from mbct_guide.routes import Links, site_files

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
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".mbct-copy-button", ".mbct-share"]:
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


# --- words: the whole text of each action -------------------------------------------------------

LINK_TARGET = re.compile(r"\]\([^)]*\)")


def text_words(text: str) -> list[str]:
    """Words as a reader would type them, worked out here independently of the site's code:
    lower case, accents dropped, letters and digits only."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", folded)


def action_words(action) -> set[str]:
    """Every word of an action's whole text: title, summary, detail (link text, not link
    targets), signs of progress and topics, and the labels on its card."""
    detail = LINK_TARGET.sub("]", action.detail)
    labels = [GUIDE.stage(action.stage).title, GUIDE.theme(action.theme).title, GUIDE.role(action.lead_role).title]
    if action.key_activity:
        labels.append(f"Key starting-out activity: {KEY_ACTIVITY_LABELS[action.key_activity]}")
    labels.append("Led by")
    topics = [GUIDE.topic(t).title for t in action.topics]
    return set(
        text_words(" ".join([action.title, action.summary, detail, *action.signs_of_progress, *topics, *labels]))
    )


def matching(query: str, **filters) -> list[str]:
    """What the words box should find: every typed word begins some word of the action."""
    wanted = text_words(query)
    return [
        a.id
        for a in GUIDE.actions_where(**filters)
        if all(any(word.startswith(w) for word in action_words(a)) for w in wanted)
    ]


def detail_only_word():
    """A long word that only one action uses, in its detail, and that begins no other word."""
    everything = {a.id: action_words(a) for a in GUIDE.actions}
    for action in GUIDE.actions:
        shown_on_card = set(text_words(f"{action.title} {action.summary}"))
        for word in sorted(text_words(LINK_TARGET.sub("]", action.detail)), key=len, reverse=True):
            if len(word) < 8 or word in shown_on_card or word.isdigit():
                continue
            others = [i for i, words in everything.items() if i != action.id and any(w.startswith(word) for w in words)]
            if not others:
                return action, word
    raise AssertionError("no word is used by one action's detail alone")


def test_a_word_only_in_one_actions_detail_finds_that_action(site_url, page):
    action, word = detail_only_word()
    page.goto(site_url + "/explorer/?q=" + word)
    assert visible_ids(page) == [action.id]
    expect(page.locator("#explorer-count")).to_have_text(f"Showing 1 of {len(GUIDE.actions)} actions.")
    assert page.watcher.errors == []


def word_index_loaded(page) -> None:
    """Wait until the word index (fetched when the words box gets focus) is in use."""
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")


def test_words_ignore_case_and_accents_and_match_word_beginnings(site_url, page):
    action, word = detail_only_word()
    accented = word[:6].upper().replace("E", "É").replace("A", "À").replace("I", "Ï").replace("O", "Ô")
    page.goto(site_url + "/explorer/")
    page.locator("#filter-q").fill(accented)
    word_index_loaded(page)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    assert action.id in visible_ids(page)
    assert visible_ids(page) == matching(word[:6])
    # "fund" finds "funding": a word beginning is enough, not any part of a word.
    page.locator("#filter-q").fill("fund")
    assert visible_ids(page) == matching("fund")
    assert len(matching("fund")) > len(matching("funding")) >= 2
    page.locator("#filter-q").fill("unding")
    assert visible_ids(page) == matching("unding") == []


def test_the_word_index_is_downloaded_only_when_someone_is_about_to_search(site_url, page):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "explorer-words" in request.url else None)
    page.goto(site_url + "/explorer/", wait_until="networkidle")
    assert fetched == [], "a first visit does not download the word index"
    assert page.locator("#explorer-results").get_attribute("data-word-index") is None
    page.locator("#filter-q").focus()
    word_index_loaded(page)
    page.locator("#filter-q").blur()
    page.locator("#filter-q").fill("funding")
    assert visible_ids(page) == matching("funding")
    assert len(fetched) == 1, "it is downloaded once"
    assert page.watcher.errors == []


def test_if_the_word_index_cannot_be_had_words_match_the_cards(site_url, page):
    page.route(re.compile(r".*/explorer-words\.js$"), lambda route: route.abort())
    action, word = detail_only_word()
    title_word = max(text_words(action.title), key=len)
    page.goto(site_url + "/explorer/?q=" + title_word)
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "failed")
    assert action.id in visible_ids(page)
    page.locator("#filter-q").fill(word)  # only in the detail, so only the index knows it
    expect(page.locator("#explorer-count")).to_contain_text("No actions")


def test_funding_finds_every_action_that_discusses_it(site_url, page):
    page.goto(site_url + "/explorer/?q=funding")
    found = visible_ids(page)
    assert found == matching("funding")
    assert len(found) >= 8, "the guidance discusses funding in many actions"
    page.goto(site_url + "/explorer/?role=implementer&stage=developing&q=funding")
    assert visible_ids(page) == matching("funding", role="implementer", stage="developing") != []


def test_every_word_must_match(site_url, page):
    page.goto(site_url + "/explorer/?q=funding%20supervision")
    both = visible_ids(page)
    assert both == matching("funding supervision")
    assert both and set(both) < set(matching("funding")) and set(both) < set(matching("supervision"))


def test_the_script_splits_words_as_the_build_does(site_url, page):
    written = [p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md")]
    links = Links(GUIDE, site_files([*written, *(p.path for p in pages(GUIDE))]), "explorer.md")
    page.goto(site_url + "/explorer/")
    texts = ["Café NAÏVE ﬁle x_y 1,554 don't Ŵales ÆSIR İstanbul ｆｕｌｌ ½"]
    texts += [
        " ".join([a.title, a.summary, markdown_text(a.detail, links), *a.signs_of_progress]) for a in GUIDE.actions
    ]
    for text in texts:
        assert page.evaluate("text => window.mbctExplorer.words(text)", text) == search_words(text), text[:40]


def test_the_count_is_announced_politely_once_typing_pauses(site_url, page):
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => { window.countChanges = [];"
        " new MutationObserver(() => window.countChanges.push(document.getElementById('explorer-count').textContent))"
        ".observe(document.getElementById('explorer-count'), {childList: true, characterData: true, subtree: true});"
        " });"
    )
    page.goto(site_url + "/explorer/")
    count = page.locator("#explorer-count")
    assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"
    page.locator("#filter-q").press_sequentially("supervision", delay=25)
    wanted = f"Showing {len(matching('supervision'))} of {len(GUIDE.actions)} actions."
    expect(count).to_have_text(wanted)
    # One announcement for the eleven key presses, not one each (two at most, on a slow machine).
    changes = page.evaluate("window.countChanges")
    assert changes[-1] == wanted and len(changes) <= 2, changes
    # A checkbox is announced at once.
    page.get_by_label("Referrer").check()
    expect(count).to_have_text(re.compile(r"^(Showing|No actions)"))
    assert count.inner_text() != wanted


def test_at_375px_the_count_shows_beside_the_filters_with_a_link_to_the_results(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(site_url + "/explorer/?q=funding")
    shown = len(matching("funding"))
    bar = page.locator("#explorer-bar")
    expect(bar).to_contain_text(f"{shown} actions match.")
    link = bar.get_by_role("link", name=f"Show {shown} actions")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 812, "the link is on the first screen"
    first = page.locator("#explorer-results .mbct-action:not([hidden])").first
    assert first.bounding_box()["y"] > 812, "the results start below the first screen"
    link.click()
    expect(first).to_be_in_viewport()
    # While the filters scroll, the bar stays in view; focus is never hidden behind it.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#filter-q").focus()
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        focus_box, bar_box = focused.bounding_box(), bar.bounding_box()
        assert focus_box["y"] + focus_box["height"] <= bar_box["y"], page.evaluate("document.activeElement.id")
    expect(bar).to_be_in_viewport()
    context.close()


def zero_result_filters() -> tuple[str, str, str]:
    """A role, stage and theme with no action together, though the role and stage have some."""
    for role in GUIDE.roles:
        for stage in GUIDE.stages:
            for theme in GUIDE.themes:
                together = expected(role=role.id, stage=stage.id, theme=theme.id)
                if not together and expected(role=role.id, stage=stage.id):
                    return role, stage, theme
    raise AssertionError("every combination has an action")


def test_with_no_results_each_filter_set_has_a_button_to_clear_it(site_url, page):
    role, stage, theme = zero_result_filters()
    page.goto(f"{site_url}/explorer/?role={role.id}&stage={stage.id}&theme={theme.id}&q=zzzqx")
    empty = page.locator("#explorer-empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text(
        f"You have chosen Role: {role.title}; Stage: {stage.title}; Theme: {theme.title}; Words: zzzqx. "
        "Remove one of these to see more actions:"
    )
    names = empty.get_by_role("button").all_inner_texts()
    assert names == [
        f"Remove role: {role.title}",
        f"Remove stage: {stage.title}",
        f"Remove theme: {theme.title}",
        "Remove the word: zzzqx",
        "Clear all filters",
    ]
    empty.get_by_role("button", name="Remove the word: zzzqx").click()
    expect(page).not_to_have_url(re.compile(r"[?&]q="))
    assert visible_ids(page) == []
    expect(empty.get_by_role("button")).to_have_count(4)
    assert page.evaluate("document.activeElement.textContent") == f"Remove role: {role.title}"
    empty.get_by_role("button", name=f"Remove theme: {theme.title}").click()
    expect(empty).to_be_hidden()
    assert visible_ids(page) == expected(role=role.id, stage=stage.id)
    assert not page.get_by_label(theme.title, exact=True).is_checked()
    assert parse_qs(urlsplit(page.url).query) == {"role": [role.id], "stage": [stage.id]}
    assert page.evaluate("document.activeElement.id") == "explorer-count"
    # Clear all, from the same message.
    page.goto(f"{site_url}/explorer/?role={role.id}&stage={stage.id}&theme={theme.id}")
    page.locator("#explorer-empty").get_by_role("button", name="Clear all filters").click()
    assert len(visible_ids(page)) == len(GUIDE.actions)
    assert urlsplit(page.url).query == ""


def test_copy_link_to_this_view(clipboard_context, site_url):
    context = clipboard_context
    page = context.new_page()
    page.goto(site_url + "/explorer/?role=teacher")
    page.locator("#filter-q").fill("supervision")
    page.get_by_label("Developing").check()
    page.bring_to_front()  # the clipboard API needs a focused page, even when other tests run alongside
    page.get_by_role("button", name="Copy link to this view").click()
    expect(page.locator("[role=status].mbct-visually-hidden")).to_have_text("Link copied")
    expect(page.locator("#explorer-copy")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site_url}/explorer/?role=teacher&stage=developing&q=supervision"
    # The copied link opens the same view.
    shown = visible_ids(page)
    other = context.new_page()
    other.goto(copied)
    assert visible_ids(other) == shown == matching("supervision", role="teacher", stage="developing")


NO_CLIPBOARD = "Object.defineProperty(navigator, 'clipboard', {value: undefined}); document.execCommand = () => false;"


def test_copy_link_to_this_view_without_a_clipboard_shows_the_link(site_url, page):
    page.add_init_script(NO_CLIPBOARD)
    page.goto(site_url + "/explorer/?stage=sustaining")
    page.get_by_role("button", name="Copy link to this view").click()
    field = page.get_by_label("Copy this link yourself")
    expect(field).to_be_visible()
    expect(field).to_have_value(f"{site_url}/explorer/?stage=sustaining")
    expect(field).to_be_focused()
    expect(page.locator("[role=status].mbct-visually-hidden")).to_contain_text("Could not copy")
    assert page.watcher.errors == []


# Records every text the explorer's status and bar ever show, from the first script on.
STATUS_RECORDER = """
window.mbctSeen = [];
new MutationObserver(() => {
  for (const id of ["explorer-bar-count", "explorer-count"]) {
    const node = document.getElementById(id);
    if (node) window.mbctSeen.push(node.textContent);
  }
  const empty = document.getElementById("explorer-empty");
  if (empty && !empty.hidden) window.mbctSeen.push("EMPTY SHOWN");
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


@pytest.mark.parametrize("width", [375, 1280])
def test_a_shared_link_with_words_waits_for_the_word_index(site_url, context, width):
    """While the word index is held back, the explorer says it is loading; it never says that
    nothing matches a query that does match."""
    held = []
    context.route("**/explorer-words.js", lambda route: held.append(route))
    context.add_init_script(STATUS_RECORDER)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 812 if width < 600 else 800})
    page.goto(site_url + "/explorer/?q=money&stage=developing", wait_until="domcontentloaded")
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loading")
    page.wait_for_timeout(800)  # longer than the index took to load locally when the issue was found
    assert held, "the word index was requested"
    expect(page.locator("#explorer-bar-count")).to_have_text("Loading the search…")
    assert page.locator("#explorer-empty").is_hidden()
    held[0].continue_()
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")
    expect(page.locator("#explorer-count")).to_have_text(re.compile(r"^Showing \d+ of \d+ actions\.$"))
    seen = page.evaluate("window.mbctSeen")
    assert not [text for text in seen if "No actions match" in text or text == "EMPTY SHOWN"], seen
    assert visible_ids(page), "money matches at the developing stage"
    page.close()


def test_money_finds_the_funding_actions(site_url, page):
    """A synonym from guidance_data/search_synonyms.yml: money finds what funding finds."""
    page.goto(site_url + "/explorer/?q=funding&stage=developing")
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")
    funding = visible_ids(page)
    page.goto(site_url + "/explorer/?q=money&stage=developing")
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")
    money = visible_ids(page)
    assert funding and set(funding) <= set(money)
    # A topic's name is one of its actions' words, so both find every action on funding.
    on_funding = {a.id for a in GUIDE.actions_where(stage="developing", topic="funding")}
    assert on_funding and on_funding <= set(funding) and on_funding <= set(money)
    synonyms = {also: s.word for s in GUIDE.search_synonyms for also in s.also}
    assert synonyms["money"] == "funding" and synonyms["boss"] == "manager"
    # Only whole words typed are read as synonyms: "constructor" is no key of the list.
    page.goto(site_url + "/explorer/?q=constructor")
    expect(page.locator("#explorer-results")).to_have_attribute("data-word-index", "loaded")
    assert page.watcher.errors == []


def test_the_topic_filter_is_in_the_address_and_shows_the_topic_actions(site_url, page):
    page.goto(site_url + "/explorer/?topic=funding,governance&stage=sustaining")
    wanted = [a.id for a in GUIDE.actions if a.stage == "sustaining" and {"funding", "governance"} & set(a.topics)]
    assert wanted and visible_ids(page) == wanted
    assert page.get_by_label("Funding").is_checked()
    page.get_by_label("Funding").uncheck()
    expect(page).to_have_url(re.compile(r"[?&]topic=governance(&|$)"))
    assert visible_ids(page) == expected(stage="sustaining", topic="governance")
    # Every topic is offered, and an action page links to the explorer filtered by its topics.
    for topic in GUIDE.topics:
        assert page.locator(f"#filter-topic-{topic.id}").count() == 1
    page.goto(site_url + "/actions/build-the-case-for-mbct/")
    page.locator(".mbct-where a", has_text="Funding").click()
    expect(page).to_have_url(re.compile(r"/explorer/\?topic=funding$"))
    expect(page.locator("#explorer-count")).to_have_text(
        f"Showing {len(expected(topic='funding'))} of {len(GUIDE.actions)} actions."
    )
    assert visible_ids(page) == expected(topic="funding")
