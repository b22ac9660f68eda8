"""Tests for mbct_guide/text.py: escaping plain text and reading short links in Markdown fields."""

from __future__ import annotations

import html as html_lib
import re

import markdown as md
import pytest
from fakes import HOSTILE, guide, links

from mbct_guide import text

MARKDOWN_SYNTAX = [
    HOSTILE,
    "- a *b* <i>x</i> & ~x^ | c",
    "[x](javascript:alert(1))",
    "![i](x.png)",
    "`code` _u_ #h",
    "<img src=x onerror=alert(1)>",
    "a \\*b\\* c",
    "+ plus",
    "# heading",
]


def shown_text(markdown_text: str) -> str:
    """What a reader sees of Markdown rendered by Python-Markdown: its text, without tags."""
    rendered = md.markdown(markdown_text, extensions=["tables"])
    return html_lib.unescape(re.sub(r"<[^>]+>", "", rendered))


# --- plain ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "number", "mark"), [("1. x", "1", "."), ("12) x", "12", ")"), ("3.x", "3", ".")])
def test_plain_escapes_the_mark_after_a_leading_number_and_keeps_the_number(typed, number, mark):
    escaped = text.plain(typed)
    assert escaped.startswith(f"{number}&#{ord(mark)};")
    assert html_lib.unescape(escaped) == typed


def test_plain_escapes_a_leading_hyphen_only_at_the_start():
    assert text.plain("-a-b") == "&#45;a-b"


def test_plain_leaves_ordinary_words_and_digits_alone():
    assert text.plain("Fake words 2026") == "Fake words 2026"


# --- markdown_literal -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", MARKDOWN_SYNTAX)
def test_markdown_literal_renders_as_exactly_what_was_typed(typed):
    rendered = md.markdown(text.markdown_literal(typed), extensions=["tables"])
    assert shown_text(text.markdown_literal(typed)) == typed
    assert not re.search(r"<(?!/?p>)", rendered), rendered


@pytest.mark.parametrize("typed", ["- item", "1. item", "7) item"])
def test_markdown_literal_does_not_start_a_list(typed):
    assert "<li>" not in md.markdown(text.markdown_literal(typed))


def test_markdown_literal_keeps_a_pipe_inside_its_table_cell():
    table = f"| A | B |\n|---|---|\n| {text.markdown_literal('x | y')} | z |\n"
    rendered = md.markdown(table, extensions=["tables"])
    assert rendered.count("<td>") == 2
    assert "<td>x | y</td>" in rendered


def test_markdown_literal_joins_lines_and_spaces_into_single_spaces():
    assert text.markdown_literal("  line\nbreak \t here\r\n") == "line break here"


def test_markdown_literal_drops_invisible_and_bidi_characters():
    assert text.markdown_literal("a\u200bb\u202ec\ufeffd\x07e") == "abcde"


# --- attribute ------------------------------------------------------------------------------


def test_attribute_escapes_markup_and_single_quotes_too():
    escaped = text.attribute("<a href='x'>&</a>")
    assert "<" not in escaped and ">" not in escaped and "'" not in escaped
    assert html_lib.unescape(escaped) == "<a href='x'>&</a>"


# --- short links ----------------------------------------------------------------------------


def test_markdown_references_leave_out_mail_and_phone_links_and_anchors():
    typed = "[a](mailto:x@example.org) [b](tel:0123) [c](action:fake-action-b#why) [d](story:fake-story)"
    assert text.markdown_references(typed) == [("action", "fake-action-b"), ("story", "fake-story")]


@pytest.mark.parametrize(
    "typed",
    ["[a](Action:fake)", "[a](action: fake)", "[a](action:)", "[a](1action:fake)", "action:fake", "[a](action:fa ke)"],
)
def test_markdown_references_ignore_what_is_not_a_short_link(typed):
    assert text.markdown_references(typed) == []


def test_markdown_references_keep_every_link_in_order_with_repeats():
    typed = "[a](theme:fake-b) then [b](action:fake-a) and [c](theme:fake-b)"
    assert text.markdown_references(typed) == [("theme", "fake-b"), ("action", "fake-a"), ("theme", "fake-b")]


def test_html_with_placeholders_marks_short_links_and_leaves_web_links():
    rendered = text.html_with_placeholders("[a](action:fake-x#why) [w](https://example.org/a)")
    assert f'href="{text.PLACEHOLDER}action:fake-x#why"' in rendered
    assert 'href="https://example.org/a"' in rendered
    assert [match.groups() for match in text.PLACEHOLDER_HREF.finditer(rendered)] == [("action", "fake-x", "#why")]


def test_markdown_html_keeps_a_short_link_s_anchor_on_the_page_link():
    g = guide()
    page = "roles/teacher.md"
    rendered = text.markdown_html("[a](action:fake-action-b#why)", links(g, page))
    expected = links(g, page).url("action", "fake-action-b", "why")
    assert expected.endswith("#why")
    assert f'href="{html_lib.escape(expected, quote=True)}"' in rendered
    assert text.PLACEHOLDER not in rendered


def test_the_same_markdown_gets_each_page_s_own_links():
    g = guide()
    typed = "[a](action:fake-action-b)"
    from_role = text.markdown_html(typed, links(g, "roles/teacher.md"))
    from_home = text.markdown_html(typed, links(g, "index.md"))
    assert from_role != from_home
    assert links(g, "index.md").url("action", "fake-action-b", None) in from_home
