"""Share where you read (issue 21): a Share button under the title of action, role, stage and
story pages, sharing the page's published address; published addresses from any build."""

from __future__ import annotations

import html as html_lib
import re

from conftest import DATA_DIR, DOCS_DIR, html_pages

from mbct_guide import load_guide
from mbct_guide.routes import live_address, live_path
from mbct_guide.share import SHARED_KINDS, add_share_control, share_control, shared_pages

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
SITE = "https://example.org/mbct/"


def test_live_addresses_are_directory_urls_whatever_the_build_uses():
    assert live_path("actions/find-a-buddy.md") == "actions/find-a-buddy/"
    assert live_address(SITE, "actions/find-a-buddy.md") == "https://example.org/mbct/actions/find-a-buddy/"
    assert live_address("https://example.org/mbct", "roles/index.md") == "https://example.org/mbct/roles/"
    assert live_address(SITE, "index.md") == SITE
    download = "downloads/templates/business-case.docx"
    assert live_address(SITE, download) == SITE + download


def test_the_share_button_goes_right_after_the_title_once():
    page = '<article><h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Text</p><h1>Other</h1></article>'
    out = add_share_control(page, "https://example.org/mbct/actions/a/")
    assert out.count("mbct-share__button") == 1
    assert out.index("</h1>") < out.index("mbct-share__button") < out.index("<p>Text</p>")
    assert add_share_control("<p>No title</p>", SITE) == "<p>No title</p>"


def test_the_share_button_is_hidden_without_javascript_and_in_print_and_escapes_its_address():
    out = share_control('https://example.org/"><script>alert(1)</script>')
    assert 'class="mbct-share mbct-no-print mbct-needs-js"' in out
    assert "<script>" not in out
    assert '<button type="button" class="mbct-share__button"' in out
    assert re.search(r'<p class="mbct-print-only[^"]*">Online: ', out), "printed, the page gives its address"


def test_every_action_role_stage_and_story_page_and_no_other_has_share_under_its_title(built_site):
    wanted = {f"{live_path(p)}index.html" for p in shared_pages(GUIDE.record_ids)}
    assert len(wanted) == sum(len(GUIDE.record_ids(c)) for c in SHARED_KINDS.values())
    found = set()
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        buttons = re.findall(r'class="mbct-share__button" data-share-url="([^"]+)"', text)
        name = path.relative_to(built_site).as_posix()
        if not buttons:
            continue
        found.add(name)
        assert len(buttons) == 1, name
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        assert html_lib.unescape(buttons[0]) == canonical, name
        assert canonical.startswith("https://"), name
        assert re.search(r"</h1>\s*<div class=\"mbct-share ", text), f"{name}: Share is right under the title"
    assert found == wanted
