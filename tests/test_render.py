"""Renderers on fake data: escaping, anchors, relative links, tables."""

from __future__ import annotations

import re

import markdown as md
import pytest
from fakes import HOSTILE, action, guide

from mbct_guide import render
from mbct_guide.text import attribute, markdown, markdown_references, plain, relative

EXTENSIONS = ["attr_list", "md_in_html", "tables", "def_list", "admonition"]


def to_html(text: str) -> str:
    return md.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", [HOSTILE, "a|b", "**bold**", "_x_", "[link](http://x)", "{: #id }", "`code`"])
def test_plain_text_renders_literally(text):
    html = to_html(f"<p>{plain(text)}</p>")
    shown = re.sub(r"<[^>]+>", "", html)
    import html as html_lib

    assert html_lib.unescape(shown) == text
    assert "<script" not in html and "<strong>" not in html and "<em>" not in html and "<a " not in html


def test_plain_text_leaves_no_template_braces_in_output():
    assert "{{" not in plain(HOSTILE) and "{%" not in plain("{% raw %}")


def test_plain_text_at_line_start_does_not_make_a_list():
    for text in ["- not a list", "1. not a list", "# not a heading", "> not a quote"]:
        html = to_html(plain(text))
        assert "<li>" not in html and "<h1" not in html and "<blockquote>" not in html


def test_attribute_escapes_quotes_and_braces():
    assert attribute('a"b{c}') == "a&quot;b&#123;c&#125;"


def test_relative_links_between_pages():
    assert relative("journey/developing.md#x", "roles/teacher.md") == "../journey/developing.md#x"
    assert relative("journey/developing.md", "journey/starting-out.md") == "developing.md"
    assert relative("about/references.md#s", "index.md") == "about/references.md#s"


def test_short_links_are_rewritten_relative_to_the_page():
    text = "See [this](action:fake-b) and [that](theme:make-it-fit) and [web](https://example.org)."
    out = markdown(text, "roles/teacher.md", {"fake-b": "developing"})
    assert "(../journey/developing.md#fake-b)" in out
    assert "(../themes/make-it-fit.md)" in out
    assert "(https://example.org)" in out
    assert markdown_references(text) == [("action", "fake-b"), ("theme", "make-it-fit")]


def test_action_card_has_anchor_data_attributes_and_escaped_title():
    g = guide(action("fake-action-a", title=HOSTILE), action("fake-action-b", stage="developing"))
    out = render.action_card(g, "fake-action-a", "journey/starting-out.md")
    html = to_html(out)
    assert 'id="fake-action-a"' in html
    assert 'data-stage="starting-out"' in html and 'data-roles="implementer teacher"' in html
    assert "<script" not in html and "{{" not in html
    assert "&lt;script&gt;" in html or "&#60;script&#62;" in html


def test_action_card_on_another_page_links_to_its_stage_page():
    g = guide()
    out = render.action_card(g, "fake-action-b", "roles/teacher.md", full=False)
    assert 'href="../../journey/developing/#fake-action-b"' in out
    assert "Read the full guidance" in out
    assert "Fake detail" not in out, "a compact card leaves the detail to the stage page"


def test_full_card_rewrites_links_in_detail():
    g = guide()
    out = render.action_card(g, "fake-action-a", "journey/starting-out.md")
    assert '<a href="../developing/#fake-action-b">fake link</a>' in out


def test_stage_theme_table_has_a_row_per_theme_and_marks_empty_cells():
    g = guide()
    table = render.stage_theme_table(g, "journey/index.md")
    assert table.count('<th scope="row">') == 7
    assert "None yet" in table
    assert '<a href="starting-out/#fake-action-a">Do the fake thing fake-action-a</a>' in table


def test_table_cells_escape_pipes():
    g = guide(action("fake-action-a", title="A | B"), action("fake-action-b", stage="developing"))
    html = to_html(render.stage_theme_table(g, "journey/index.md"))
    assert html.count("<tr>") == 8  # header and seven themes: the pipe did not add a column
    assert "A | B" in html.replace("&#124;", "|")


def test_role_actions_split_lead_and_help():
    g = guide(
        action("fake-action-a", lead_role="teacher", roles=[]),
        action("fake-action-b", lead_role="implementer", roles=["teacher"], stage="developing"),
    )
    out = render.role_actions(g, "teacher", "roles/teacher.md")
    assert "**You lead** (1)" in out and "**You help** (1)" in out
    assert out.count("No actions for this role at this stage yet.") == 1  # sustaining


def test_cite_shows_short_label_and_year_or_nd():
    g = guide()
    assert render.cite(g, ["fake-source"], "index.md") == "([Fake, n.d.](about/references.md#fake-source))"


def test_references_give_each_source_an_anchor():
    html = render.references(guide(), "about/references.md")
    assert '<li id="fake-source">' in html


def test_explorer_lists_every_action_once_with_hidden_form():
    g = guide()
    out = render.explorer(g, "explorer.md")
    assert out.count('<article class="mbct-action') == 2
    assert '<form class="mbct-explorer-form mbct-needs-js" id="explorer-form">' in out
    assert 'data-total="2"' in out


def test_urls_for_raw_html_follow_directory_urls():
    from mbct_guide.text import url_from

    assert url_from("journey/developing.md#x", "roles/teacher.md") == "../../journey/developing/#x"
    assert url_from("journey/developing.md#x", "journey/developing.md") == "./#x"
    assert url_from("journey/index.md", "index.md") == "journey/"
    assert url_from("index.md", "journey/index.md") == "../"
    assert url_from("journey/starting-out.md", "journey/index.md") == "starting-out/"
