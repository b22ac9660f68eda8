"""WCAG 2.2 AA and best practice on every page, with axe-core in Chromium, and in the theme's
and the tools' open states. Zero violations allowed.

Every page is checked at desktop width (1280 px). At 375 px, `make test` checks every
hand-written page, two pages of each family generated from data (all pages of a family share
one template, so two catch a template's faults), and every open state; `make test-full` (run
nightly, and on pull requests that change the theme, CSS or JS) checks every page at both widths.

The same visit checks what a page does that it should not: no request leaves the site, no
script error or console error, no cookie (the profile keeps any a page sets, and every later
visit looks), no element, as the page runs, matches a theme style that the build trimmed away
(theme_css.py), and none matches a style in a stylesheet that the page does not link
(page_styles.py: the tools' and components' stylesheets are sent only where used).

No rule is switched off. If one ever must be, disable it in DISABLED_RULES with the reason.
axe runs as axe-core ships it, in the version pinned in package.json (installed by `make test`).
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import material
import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import finish_fades
from conftest import DATA_DIR, DOCS_DIR, ROOT, PageWatcher, html_pages
from project import generated_page_paths, page_paths

from mbct_guide import load_guide
from mbct_guide.answers_file import FORMAT
from mbct_guide.page_styles import CSS_FOLDER, PAGE_STYLESHEETS, parts_of
from mbct_guide.theme_css import selectors

pytestmark = pytest.mark.browser

# axe-core from npm, pinned (with its sha512) in package.json and package-lock.json, rather than
# the older copy axe-playwright-python bundles (4.12.1), which still injects and runs it: 4.14.1
# parses each colour once per run, which made our own colour memo unnecessary, and is quicker
# (README, "Keeping it fast", has the measurement).
AXE_CORE = ROOT / "node_modules" / "axe-core"
PINNED_AXE_VERSION = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]


@functools.cache
def axe() -> Axe:
    """The pinned axe-core, read once per test process (its script is 650 KB)."""
    script = AXE_CORE / "axe.min.js"
    if not script.is_file():
        raise FileNotFoundError(f"{script} is missing: `make test` installs it (npm ci), as does `make install`")
    return Axe(axe_script=script.read_text(encoding="utf-8"))


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DISABLED_RULES: dict[str, str] = {}  # rule id -> why it is off (none are)
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
PAGES = page_paths()
# `make test-full` sets this: every page at both widths.
FULL_SWEEP = os.environ.get("MBCT_TEST_FULL") == "1"


def mobile_sample(pages: list[str], generated: list[str]) -> list[str]:
    """Every hand-written page, and the first and last page of each generated family
    ('actions/', 'stories/' ...), in the order of ``pages``."""
    families: dict[str, list[str]] = {}
    for path in sorted(generated):
        families.setdefault(path.split("/", 1)[0], []).append(path)
    sampled = {path for family in families.values() for path in (family[0], family[-1])}
    return [path for path in pages if path not in generated or path in sampled]


MOBILE_PAGES = PAGES if FULL_SWEEP else mobile_sample(PAGES, generated_page_paths())
PAGE_VISITS = [("desktop", path) for path in PAGES] + [("mobile", path) for path in MOBILE_PAGES]


def violations(page) -> list[str]:
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in DISABLED_RULES},
    }
    finish_fades(page)
    result = axe().run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


THEME_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# A pseudo-class or pseudo-element, with its argument if it has one (":not(.a)", "::before").
PSEUDO = r"::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?"
MATCHING_ELEMENTS = """(selectors) => selectors.filter((selector) => {
    try { return document.querySelector(selector) !== null; } catch (error) { return false; }
})"""


def _any_state(selector: str, pseudo: str = PSEUDO) -> str:
    """The selector in any state: without the pseudo-classes and pseudo-elements ``pseudo``
    matches (all of them unless told), which makes it match more elements, never fewer
    (".md-tooltip:hover>a::after" becomes ".md-tooltip>a")."""
    selector = re.sub(r"(^|[\s>+~])" + pseudo, r"\1*", selector)
    return re.sub(pseudo, "", selector)


@pytest.fixture(scope="session")
def trimmed_theme_selectors(built_site) -> list[str]:
    """The theme's selectors that the build trimmed away (theme_css.py), each in any state."""
    (original,) = THEME_STYLESHEETS.glob("main.*.min.css")
    built = built_site / "assets" / "stylesheets" / original.name

    def selectors_in(path: Path) -> set[str]:
        return selectors(path.read_text(encoding="utf-8"))

    return sorted({_any_state(s) for s in selectors_in(original) - selectors_in(built)})


# A state a reader puts an element in (hover, focus...) or a part of it (::before): left out,
# so that the selector matches the element in any such state. Structure (:has, :not) stays.
USER_STATE = r"::?(?:hover|focus|focus-visible|focus-within|active|visited|target|checked|before|after|placeholder)\b"
# The addresses of the stylesheets a page links (ours: extra.css, or extra+forms.css and the like).
STYLESHEETS_LINKED = "() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname)"


def styles_of_stylesheets_not_linked(page) -> list[str]:
    """The selectors of page stylesheets (page_styles.py) that match an element on the page
    although the page's stylesheet (extra.css, or extra.css combined with some) leaves them out."""
    linked = {part for href in page.evaluate(STYLESHEETS_LINKED) for part in parts_of(href.rpartition(CSS_FOLDER)[2])}
    unlinked = {path: found for path, found in page.page_stylesheets.items() if path not in linked}
    matching = set(page.evaluate(MATCHING_ELEMENTS, sorted({s for found in unlinked.values() for s in found})))
    return [f"{path}: {selector}" for path, found in unlinked.items() for selector in found if selector in matching]


@pytest.fixture(scope="session")
def page_stylesheet_selectors() -> dict[str, list[str]]:
    """Each stylesheet sent only to some pages (page_styles.py), with its selectors."""
    return {
        f"{CSS_FOLDER}/{name}": sorted(
            {_any_state(s, USER_STATE) for s in selectors((DOCS_DIR / CSS_FOLDER / name).read_text(encoding="utf-8"))}
        )
        for name in PAGE_STYLESHEETS
    }


def watched_page(context, site_url, trimmed_selectors, page_stylesheets):
    tab = context.new_page()
    tab.watcher = PageWatcher(tab, site_url)
    tab.trimmed_selectors = trimmed_selectors
    tab.page_stylesheets = page_stylesheets
    return tab


@pytest.fixture(scope="session")
def reader_tabs(browser, site_url, trimmed_theme_selectors, page_stylesheet_selectors):
    """One tab per width for each worker, going from page to page as a reader does, for visits
    that store nothing. A new tab starts a new renderer process, which cost as much as the
    checks themselves; the same tab keeps its process, and the theme's files come from the
    cache after the first visit, as they do for a reader. A cookie set by any page still
    shows: the profile keeps it, and every later visit checks."""
    contexts = {name: browser.new_context(viewport=size) for name, size in VIEWPORTS.items()}
    yield {
        name: watched_page(context, site_url, trimmed_theme_selectors, page_stylesheet_selectors)
        for name, context in contexts.items()
    }
    for context in contexts.values():
        context.close()


@pytest.fixture
def visit_page(reader_tabs):
    """The tab at the given width, having forgotten what the pages before did."""

    def tab_at(viewport: str):
        tab = reader_tabs[viewport]
        tab.watcher.forget()
        return tab

    return tab_at


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def sized_page(request, browser, site_url, trimmed_theme_selectors, page_stylesheet_selectors):
    """A fresh profile at each width, for the tools' states: they store answers in the browser."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    yield watched_page(context, site_url, trimmed_theme_selectors, page_stylesheet_selectors)
    context.close()


def well_behaved(page) -> dict[str, list[str]]:
    """What the page did that it should not; all empty for a well-behaved page."""
    return {
        "requests to other hosts": page.watcher.outside_requests,
        "script or console errors": page.watcher.errors,
        "cookies": [cookie["name"] for cookie in page.context.cookies()],
        # As the page is now, with what the theme's scripts have added (search results, focus).
        "elements whose theme styles were trimmed": page.evaluate(MATCHING_ELEMENTS, page.trimmed_selectors),
        # Styles in a stylesheet sent only to the pages that use it (page_styles.py).
        "elements styled by a stylesheet the page does not link": styles_of_stylesheets_not_linked(page),
    }


NOTHING = {
    "requests to other hosts": [],
    "script or console errors": [],
    "cookies": [],
    "elements whose theme styles were trimmed": [],
    "elements styled by a stylesheet the page does not link": [],
}


def test_axe_is_the_pinned_version_and_reports_what_it_finds(page):
    """The sweep's check can fail: on a page with faults, `violations` names each rule broken
    (too little contrast, an image without a text alternative, a button without a name), and
    the axe that ran is the version package.json pins."""
    page.set_content(
        '<main><p style="color:#777;background:#fff">a shade too light</p>'
        '<img src="missing.png"><button></button></main>'
    )
    found = {violation.split(" ")[0] for violation in violations(page)}
    assert {"color-contrast", "image-alt", "button-name"} <= found
    assert page.evaluate("axe.version") == PINNED_AXE_VERSION


def test_every_built_page_is_visited(built_site):
    """The pages visited below are every page the build wrote (and the 404 page)."""
    built = {p.relative_to(built_site).as_posix().removesuffix("index.html") or "./" for p in html_pages(built_site)}
    assert built == {*PAGES, "404.html"}


def test_the_mobile_sample_keeps_hand_written_pages_and_two_of_each_family():
    pages = ["a/", "actions/x/", "actions/y/", "actions/z/", "b/", "print/p/"]
    generated = ["actions/x/", "actions/y/", "actions/z/", "print/p/"]
    assert mobile_sample(pages, generated) == ["a/", "actions/x/", "actions/z/", "b/", "print/p/"]


def test_every_page_is_checked_at_desktop_width_and_the_sample_at_375_px():
    assert sorted(path for viewport, path in PAGE_VISITS if viewport == "desktop") == sorted(PAGES)
    mobile = {path for viewport, path in PAGE_VISITS if viewport == "mobile"}
    assert set(PAGES) - set(generated_page_paths()) <= mobile


@pytest.mark.parametrize(("viewport", "path"), PAGE_VISITS, ids=[f"{v}-{p}" for v, p in PAGE_VISITS])
def test_page_is_accessible_stays_on_the_site_and_has_no_errors(visit_page, site_url, viewport, path):
    page = visit_page(viewport)
    # "load", not "networkidle": waiting for half a second of quiet on every visit cost more
    # than a minute a run. A request made after load still shows: axe takes longer than that.
    page.goto(f"{site_url}/{path}", wait_until="load")
    assert violations(page) == []
    assert well_behaved(page) == NOTHING


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_404_page(visit_page, site_url, viewport):
    # Hosts such as GitHub Pages serve this file for any unknown address.
    page = visit_page(viewport)
    page.goto(f"{site_url}/404.html", wait_until="load")
    assert violations(page) == []
    assert well_behaved(page) == NOTHING


def test_search_open(sized_page, site_url):
    sized_page.goto(f"{site_url}/journey/", wait_until="load")
    sized_page.keyboard.press("/")  # the theme's shortcut opens search at any width
    sized_page.keyboard.type("supervision")
    sized_page.locator(".md-search-result__item").first.wait_for()
    assert violations(sized_page) == []
    assert well_behaved(sized_page) == NOTHING


def test_mobile_menu_open(browser, site_url, trimmed_theme_selectors, page_stylesheet_selectors):
    context = browser.new_context(viewport=VIEWPORTS["mobile"])
    page = watched_page(context, site_url, trimmed_theme_selectors, page_stylesheet_selectors)
    page.goto(f"{site_url}/roles/teacher/", wait_until="networkidle")
    page.locator(".md-header label[for='__drawer']").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    page.keyboard.press("Tab")  # focus inside the menu: the theme marks it focus-visible
    assert violations(page) == []
    assert well_behaved(page) == NOTHING
    context.close()


# Each state, and what shows it: the tools set themselves up before "load"; words in the
# explorer's address also fetch its word index, which the state shown waits for.
TOOL_STATES = {
    "tools/calculator/?courses=abc&group_size=-1&completion_rate=500": "load",
    "tools/self-assessment/#answers=broken": "load",
    "explorer/?q=no-such-words-anywhere": "networkidle",
    "explorer/?role=teacher&stage=developing": "load",
}


@pytest.mark.parametrize(("path", "shown_after"), TOOL_STATES.items(), ids=list(TOOL_STATES))
def test_tool_states(sized_page, site_url, path, shown_after):
    sized_page.goto(f"{site_url}/{path}", wait_until=shown_after)
    assert violations(sized_page) == []
    assert well_behaved(sized_page) == NOTHING


def test_self_assessment_with_results(sized_page, site_url):
    sized_page.goto(f"{site_url}/tools/self-assessment/", wait_until="load")
    for radio in sized_page.locator("input[value='in-place']").all()[:10]:
        radio.check()
    sized_page.get_by_role("button", name="Clear my answers").click()  # the confirmation open
    sized_page.get_by_role("button", name="Copy a link to these answers").click()
    assert violations(sized_page) == []
    assert well_behaved(sized_page) == NOTHING


def _answers_file(answers: dict[str, str], name: str) -> dict:
    content = {"format": FORMAT, "version": 1, "saved": "2027-01-15T10:00:00Z", "name": name, "answers": answers}
    return {"name": f"{name}.json", "mimeType": "application/json", "buffer": json.dumps(content).encode()}


def _open_files(page, *files) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open answers files", exact=True).click()
    chooser.value.set_files(list(files))


def test_self_assessment_review_states(sized_page, site_url):
    """The team review's states (issue 22), each checked by axe at both widths. A person goes
    from one to the next, as in a review meeting: snapshots listed, comparing, the team view,
    a file that cannot be read."""
    statements = [s.id for s in load_guide(DATA_DIR).assessment]
    found = {}

    def check(state: str) -> None:
        found[state] = {"axe": violations(sized_page), **well_behaved(sized_page)}
        sized_page.watcher.forget()

    sized_page.goto(f"{site_url}/tools/self-assessment/", wait_until="load")
    for statement_id in statements[:6]:
        sized_page.locator(f"input[name='sa-{statement_id}'][value='partly']").check()
    sized_page.locator("#sa-snapshot-name").fill("Q1 2027 team review")
    sized_page.get_by_role("button", name="Save snapshot", exact=True).click()
    sized_page.locator("#sa-snapshots li").first.wait_for()
    check("snapshots listed")
    sized_page.locator(f"input[name='sa-{statements[0]}'][value='in-place']").check()
    sized_page.get_by_role("button", name="Compare", exact=True).click()
    sized_page.locator("#sa-comparison-summary").wait_for()
    check("comparing")
    first = dict.fromkeys(statements, "partly")
    second = {**first, statements[0]: "not-yet", statements[1]: "dont-know"}
    _open_files(sized_page, _answers_file(first, "AB"), _answers_file(second, "CD"))
    sized_page.locator("#sa-team li.mbct-discuss").first.wait_for()
    check("team view")
    _open_files(sized_page, {"name": "notes.json", "mimeType": "application/json", "buffer": b"not json"})
    sized_page.locator("#sa-review-problem li").wait_for()
    check("error shown")
    assert found == dict.fromkeys(found, {"axe": [], **NOTHING})
