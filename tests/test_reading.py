"""A guide people can act on: a page per action, short stage and role pages that start with
what to do first, handouts that print on two pages, and search that lands on actions."""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import re

import pytest
from browser import finish_fades
from conftest import DATA_DIR, DOCS_DIR, ROOT, html_pages
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from project import NEW_ACTION

from mbct_guide import load_guide, models
from mbct_guide.render.pages import CHARACTERS_PER_PAGE, PAGES_AROUND, pack_length, printed_characters

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
PHONE = {"width": 375, "height": 812}
# Stage and role pages on a phone, in px. 12,000 until issue 21 added a 44 px Share button under
# every title and, on role pages, the choice of stage for "Start here" (about 60 px more).
HEIGHT_BUDGET = 12_100


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return html_lib.unescape(found.group(1)) if found else None


def test_every_action_has_its_own_page_with_its_own_link_preview(built_site):
    for action in GUIDE.actions:
        html = (built_site / "actions" / action.id / "index.html").read_text(encoding="utf-8")
        title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html).group(1))
        assert title.startswith(action.title), action.id
        assert meta(html, "og:title") == action.title, action.id
        assert meta(html, "description") and meta(html, "og:description"), action.id
        assert meta(html, "og:url").endswith(f"/actions/{action.id}/"), action.id
        assert re.search(rf'<link rel="canonical" href="[^"]+/actions/{action.id}/"', html), action.id
        assert meta(html, "twitter:title"), action.id
        assert f'data-share-url="{meta(html, "og:url")}"' in html, action.id


def test_an_action_page_says_where_it_sits_and_what_relates_to_it(built_site):
    action = GUIDE.action("keep-leaders-informed")
    html = (built_site / "actions" / action.id / "index.html").read_text(encoding="utf-8")
    where = re.search(r'<dl class="mbct-where".*?</dl>', html, re.S).group(0)
    assert 'href="../../journey/developing/"' in where and 'href="../../themes/top-down-buy-in/"' in where
    assert 'href="../../roles/implementer/"' in where and 'href="../../roles/manager/"' in where
    assert 'href="../../framework/#context-leadership"' in where
    related = re.search(r'<ul class="mbct-related"[^>]*>(.*?)</ul>', html, re.S).group(1)
    earlier = [a.id for a in GUIDE.actions_where(stage="starting-out", theme=action.theme)]
    assert all(f'href="../{x}/"' in related for x in earlier)
    assert 'href="../report-outcomes-every-year/"' in related, "actions its guidance links to"
    assert all(GUIDE.source(s).citation.split(".")[0] in html for s in action.sources)


def test_old_stage_anchors_still_land_on_the_action_card(built_site):
    for action in GUIDE.actions:
        stage_page = (built_site / "journey" / action.stage / "index.html").read_text(encoding="utf-8")
        card = re.search(rf'<h\d id="{action.id}"><a href="([^"]+)">', stage_page)
        assert card, action.id
        assert card.group(1) == f"../../actions/{action.id}/", action.id


def test_adding_an_action_file_adds_its_page_with_no_other_edit(changed_site):
    site, record = changed_site.site, changed_site.new_action
    assert NEW_ACTION["title"] in (site / "actions" / NEW_ACTION["id"] / "index.html").read_text()
    assert f'id="{NEW_ACTION["id"]}"' in (site / "journey" / record["stage"] / "index.html").read_text()


def _first_steps(html: str) -> list[str]:
    return re.findall(r'<h\d><a href="\.\./\.\./actions/([a-z0-9-]+)/">', html)


def test_every_stage_page_starts_with_its_three_first_actions_from_data(built_site):
    for stage in GUIDE.stages:
        html = (built_site / "journey" / stage.id / "index.html").read_text(encoding="utf-8")
        first = re.search(r'<ol class="mbct-first-steps">(.*?)</ol>', html, re.S)
        assert first, stage.id
        assert _first_steps(first.group(1)) == list(stage.first_actions), stage.id
        assert html.index("mbct-first-steps") < html.index('id="actions"'), "first steps come first"


def test_every_role_page_starts_with_its_first_actions_at_each_stage_from_data(built_site):
    """Issue 21: 'Start here' follows the stage. Each stage has its own short section (all three
    are readable without JavaScript), with the role's first actions at that stage, in order."""
    for role in GUIDE.roles:
        if role.start_here:
            continue  # starts with sections of its own page (the next test)
        html = (built_site / "roles" / role.id / "index.html").read_text(encoding="utf-8")
        start = html[html.index('id="start-here"') : html.index('id="actions"')]
        sections = re.findall(
            r'<section class="mbct-start-list" data-stage="([a-z-]+)"[^>]*>(.*?)</section>', start, re.S
        )
        assert [stage for stage, _ in sections] == [s.id for s in GUIDE.stages], role.id
        for stage, section in sections:
            assert _first_steps(section) == role.first_actions[stage], (role.id, stage)
            assert all(GUIDE.action(i).stage == stage for i in _first_steps(section))
        choice = re.search(r'<fieldset class="mbct-stage-choice mbct-needs-js[^"]*"><legend>(.*?)</legend>', start)
        assert choice and choice.group(1) == "Where is your service now?", role.id
        values = re.findall(r'<input type="radio" name="mbct-start-stage" value="([a-z-]+)"', start)
        assert values == [s.id for s in GUIDE.stages], role.id


def test_every_handout_lists_the_role_page_first_actions_at_each_stage(built_site):
    for role in GUIDE.roles:
        if role.start_here:
            continue
        html = (built_site / "handouts" / role.id / "index.html").read_text(encoding="utf-8")
        for stage in GUIDE.stages:
            steps = re.search(rf'id="stage-{stage.id}".*?<ol class="mbct-handout-steps">(.*?)</ol>', html, re.S)
            shown = re.findall(r'href="\.\./\.\./actions/([a-z0-9-]+)/"', steps.group(1))
            assert shown == role.first_actions[stage.id], (role.id, stage.id)


def test_the_stage_ids_start_stage_js_accepts_are_the_stages():
    """start-stage.js picks the stage before the page is drawn, so it holds the ids itself."""
    early = (ROOT / "docs" / "assets" / "js" / "start-stage.js").read_text(encoding="utf-8")
    listed = re.search(r"var STAGES = \[([^\]]*)\]", early).group(1)
    assert re.findall(r'"([a-z-]+)"', listed) == list(models.STAGE_IDS)
    css = (ROOT / "docs" / "assets" / "css" / "start-here.css").read_text(encoding="utf-8")
    for stage in models.STAGE_IDS:
        assert f'.mbct-start-list[data-stage="{stage}"]' in css, stage


def test_a_role_for_people_who_use_services_starts_with_sections_of_its_own_page(built_site):
    """People with lived experience start with "Is it for me?", "How to ask for it" and "If things
    get worse", not with staff tasks; the links land on those sections."""
    role = GUIDE.role("lived-experience")
    assert [s.anchor for s in role.start_here] == ["is-it-for-me", "how-to-ask", "if-things-get-worse"]
    html = (built_site / "roles" / role.id / "index.html").read_text(encoding="utf-8")
    start = html[html.index('id="start-here"') :]
    first = re.search(r'<ol class="mbct-first-steps mbct-first-steps--sections">(.*?)</ol>', start, re.S).group(1)
    assert re.findall(r'href="\./#([a-z0-9-]+)"', first) == [s.anchor for s in role.start_here]
    assert "actions/" not in first, "no staff tasks in Start here"
    for step in role.start_here:
        assert f'id="{step.anchor}"' in html
    handout = (built_site / "handouts" / role.id / "index.html").read_text(encoding="utf-8")
    steps = re.search(r'id="first-steps".*?<ol class="mbct-handout-steps">(.*?)</ol>', handout, re.S).group(1)
    assert [t for t in re.findall(r">([^<]+)</a></strong>", steps)] == [s.title for s in role.start_here]


def test_role_pages_have_no_contents_box_and_a_stage_picker(built_site):
    for role in GUIDE.roles:
        html = (built_site / "roles" / role.id / "index.html").read_text(encoding="utf-8")
        assert "mbct-hub" not in html, role.id
        picker = re.search(r'<nav class="mbct-stage-picker".*?</nav>', html, re.S).group(0)
        assert all(f'href="./#stage-{s.id}"' in picker for s in GUIDE.stages), role.id
        assert all(f'id="stage-{s.id}"' in html for s in GUIDE.stages), role.id
        assert f'href="../../handouts/{role.id}/"' in html, role.id


def test_search_leaves_out_print_packs_handouts_and_repeated_cards(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [x for x in locations if x.startswith(("print/", "handouts/"))]
    assert {f"actions/{a.id}/" for a in GUIDE.actions} <= locations
    stage_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("journey/developing/"))
    assert GUIDE.actions_where(stage="developing")[0].summary not in stage_text, "cards repeat the action pages"


def test_every_page_below_the_home_page_has_breadcrumbs_from_the_navigation(built_site):
    for path in html_pages(built_site):
        name = path.relative_to(built_site).as_posix()
        html = path.read_text(encoding="utf-8")
        trail = re.search(r'<nav class="md-path" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
        if name == "index.html":
            assert trail is None
            continue
        assert trail, name
        crumbs = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', trail.group(1))
        assert crumbs and crumbs[0] == "Home", name
    action = (built_site / "actions" / "keep-leaders-informed" / "index.html").read_text(encoding="utf-8")
    trail = re.search(r'<nav class="md-path".*?</nav>', action, re.S).group(0)
    assert re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', trail) == ["Home", "The journey", "Developing"]


def test_print_pack_length_follows_how_much_text_the_pack_prints():
    words = "<p>" + "x" * (CHARACTERS_PER_PAGE * 10) + "</p>"
    assert pack_length(words) == f"about {10 + PAGES_AROUND} A4 pages"
    assert pack_length("") == f"about {PAGES_AROUND} A4 pages"
    assert printed_characters("<p>a &amp; <b>b</b></p>") == len("a & b")
    # A web link prints its address after its words, unless its words are the address.
    assert printed_characters('<a href="https://example.org/">x</a>') == 1 + len(" (https://example.org/)")
    assert printed_characters('<a class="mbct-url" href="https://example.org/">x</a>') == 1


# --- in the browser ----------------------------------------------------------------------------


@pytest.mark.browser
def test_stage_and_role_pages_fit_the_phone_height_budget(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    heights = {}
    for folder, records in (("journey", GUIDE.stages), ("roles", GUIDE.roles)):
        for record in records:
            page.goto(f"{site_url}/{folder}/{record.id}/", wait_until="load")
            heights[f"{folder}/{record.id}"] = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    too_tall = {name: h for name, h in heights.items() if h > HEIGHT_BUDGET}
    assert too_tall == {}, f"over {HEIGHT_BUDGET} px at 375 px wide: {too_tall}"


def pdf_pages(page, url: str) -> int:
    page.goto(url, wait_until="load")
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4", print_background=True)))


@pytest.mark.browser
def test_every_handout_prints_on_at_most_two_a4_pages(browser, site_url):
    page = browser.new_page()
    printed = {role.id: pdf_pages(page, f"{site_url}/handouts/{role.id}/") for role in GUIDE.roles}
    page.close()
    assert all(1 <= pages <= 2 for pages in printed.values()), printed


PACK_LINKS = {
    "roles": "print every action for your role in full",
    "journey": "Print every action for this stage in full",
}


@pytest.mark.browser
def test_print_pack_labels_are_within_15_percent_of_their_printed_length(browser, site_url):
    """Issue 21: each role and stage page says how many A4 pages its pack prints on; printing
    every pack (Chromium, A4) gives a count within 15% of the label."""
    page = browser.new_page()
    wrong = {}
    for folder, records, pack in (("roles", GUIDE.roles, "roles"), ("journey", GUIDE.stages, "stages")):
        for record in records:
            page.goto(f"{site_url}/{folder}/{record.id}/", wait_until="load")
            link = page.get_by_role("link", name=PACK_LINKS[folder])
            label = link.locator("xpath=..").inner_text()
            claimed = int(re.search(r"about (\d+) A4 pages", label).group(1))
            assert link.get_attribute("href") == f"../../print/{pack}/{record.id}/"
            real = pdf_pages(page, f"{site_url}/print/{pack}/{record.id}/")
            if abs(claimed - real) > 0.15 * real:
                wrong[f"{pack}/{record.id}"] = (claimed, real)
    page.close()
    assert wrong == {}, "label, printed"


@pytest.mark.browser
def test_an_action_reached_by_its_old_anchor_is_highlighted(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{site_url}/journey/developing/#keep-leaders-informed", wait_until="load")
    card = page.locator("article.mbct-action:has(#keep-leaders-informed)")
    other = page.locator("article.mbct-action:has(#secure-protected-time)").last
    highlighted = card.evaluate("e => getComputedStyle(e).borderLeftWidth")
    plain = other.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert highlighted != plain
    page.close()


VISIBLE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  const shown = e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const name = (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40);
  return {ok: inView && shown, what: e.tagName + ' ' + name,
          box: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]};
}"""
# True once the focused element can be seen, or focus has left it.
FOCUS_SETTLED = f"() => {{ const focused = ({VISIBLE_FOCUS})(); return focused === null || focused.ok; }}"


def settled_focus(page) -> dict | None:
    """The focused element as it is once the page settles, within a second. The theme shows and
    hides its back-to-top button a quarter of a second after scrolling stops, and takes focus off
    it as it hides: a Tab can land on it mid-change. A stop still hidden after a second is one
    a reader cannot see."""
    finish_fades(page)  # it may be fading in as it takes focus (the skip link, "¶" links)
    with contextlib.suppress(PlaywrightTimeoutError):  # still hidden: the caller reports it
        page.wait_for_function(FOCUS_SETTLED, timeout=1000)
    return page.evaluate(VISIBLE_FOCUS)


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/", "/explorer/", "/roles/manager/", "/actions/find-a-buddy/"])
def test_every_tab_stop_is_visible(browser, site_url, path, width):
    """Tab through the whole page: every stop has a visible box of some size (issue 21: the
    closed search's results area was a 688 x 0 px stop on every desktop page)."""
    page = browser.new_page(viewport={"width": width, "height": 812 if width < 600 else 800})
    page.goto(site_url + path, wait_until="load")
    hidden, stops, first = [], 0, None
    for stops in range(1, 400):
        page.keyboard.press("Tab")
        focused = page.evaluate(VISIBLE_FOCUS)
        if focused is None or focused == first:
            break  # back at the start of the page
        first = first or focused
        if not focused["ok"]:
            focused = settled_focus(page)
        if focused is not None and not focused["ok"]:
            hidden.append((stops, focused["what"], focused["box"]))
    page.close()
    assert stops > 20, "the page has its links and controls"
    assert hidden == []


@pytest.mark.browser
def test_the_menu_opens_and_closes_from_the_keyboard_on_a_phone(browser, site_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "/roles/manager/", wait_until="load")
    menu = page.locator('label.md-header__button[for="__drawer"]')
    menu.focus()
    page.keyboard.press("Enter")
    first_link = page.locator(".md-sidebar--primary .md-nav__link[href]").first
    first_link.focus()
    assert page.evaluate(VISIBLE_FOCUS)["ok"], "a link in the open menu is visible when focused"
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__drawer').checked") is False
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.close()


@pytest.mark.browser
def test_the_menu_title_does_not_cover_menu_items_on_a_wide_screen(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(site_url + "/journey/developing/", wait_until="load")
    page.locator(".md-sidebar--primary .md-sidebar__scrollwrap").evaluate("e => e.scrollBy(0, 300)")
    overlaps = page.evaluate(
        """() => {
          const title = document.querySelector('.md-nav--primary > .md-nav__title');
          if (!title || !title.checkVisibility()) return [];
          const t = title.getBoundingClientRect();
          return [...document.querySelectorAll('.md-nav--primary .md-nav__link')]
            .filter(a => a.checkVisibility()).map(a => a.getBoundingClientRect())
            .filter(r => r.bottom > t.top && r.top < t.bottom && r.right > t.left && r.left < t.right).length;
        }"""
    )
    page.close()
    assert overlaps == [] or overlaps == 0
