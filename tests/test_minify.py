"""Tests for mbct_guide/minify.py: minified assets and compacted pages."""

from __future__ import annotations

import re
import time

import pytest

from mbct_guide import minify


def test_compact_html_keeps_script_style_and_textarea_content_as_typed():
    kept = [
        "<script>\n  // <!-- not a comment here -->\n  var a;\n</script>",
        '<style media="print">\n  p {\n    color: red;\n  }\n</style>',
        "<textarea>\n\n  two blank lines above\n</textarea>",
    ]
    html = "<div>\n    " + "\n    ".join(kept) + "\n</div>"
    out = minify.compact_html(html)
    for element in kept:
        assert element in out
    assert out == "<div>\n" + "\n".join(kept) + "\n</div>"


def test_compact_html_preserves_elements_whatever_the_case_of_their_tags():
    assert minify.compact_html("<PRE>\n  a\n</Pre>\n  b") == "<PRE>\n  a\n</Pre>\nb"


def test_compact_html_does_not_take_a_longer_tag_name_for_a_preserved_element():
    """``<preview>`` is not ``<pre>``: its indentation goes."""
    assert minify.compact_html("<preview>\n  a</preview>") == "<preview>\na</preview>"


def test_compact_html_compacts_between_and_after_several_preserved_elements():
    html = "<p>\n  a</p><pre>\n  1\n</pre>\n  <p>\n  b</p><pre>\n  2\n</pre><!-- end -->\n  c"
    assert minify.compact_html(html) == "<p>\na</p><pre>\n  1\n</pre>\n<p>\nb</p><pre>\n  2\n</pre>\nc"


def test_compact_html_removes_a_comment_spanning_lines_and_collapses_blank_lines():
    html = "<p>a</p>\n\n<!-- a note\n   for editors -->\n\n\n<p>b</p>"
    assert minify.compact_html(html) == "<p>a</p>\n<p>b</p>"


def test_an_unclosed_preserved_element_is_compacted_like_the_rest():
    assert minify.compact_html("<pre>\n  a\n  <!-- c -->") == "<pre>\na\n"


def test_an_unclosed_element_does_not_stop_a_later_kind_being_preserved():
    html = "<pre>\n  a<textarea>\n  t\n</textarea>\n  c"
    assert minify.compact_html(html) == "<pre>\na<textarea>\n  t\n</textarea>\nc"


def test_compact_html_leaves_indentation_within_a_line_alone():
    assert minify.compact_html("<p>a    b\t\tc</p>") == "<p>a    b\t\tc</p>"


@pytest.mark.parametrize(
    "html",
    [
        "<pre>\n<p>\n  x</p>\n" * 20_000,
        "<script>" * 100_000,
        "<!--" * 100_000,
        "<!-- -->" * 50_000 + "<!--" * 50_000,
        "<textarea>a<pre>b<style>c" * 30_000,
    ],
    ids=["unclosed pre", "unclosed script", "unclosed comment", "closed then unclosed comments", "mixed"],
)
def test_compact_html_is_linear_on_many_unclosed_elements(html):
    started = time.process_time()
    minify.compact_html(html)
    assert time.process_time() - started < 1


@pytest.mark.parametrize(
    ("html", "start", "end", "shortest"),
    [
        ("a[b]c[d]e[", "[", "]", 0),
        ("[][x]", "[", "]", 0),
        ("<><x>", "<", ">", 1),
        ("<!--a-->b<!--c", "<!--", "-->", 0),
        ("no blocks", "<!--", "-->", 0),
    ],
)
def test_replace_blocks_does_what_the_equivalent_regex_does(html, start, end, shortest):
    body = "(.*?)" if shortest == 0 else "(.+?)"
    pattern = re.compile(re.escape(start) + body + re.escape(end), re.S)
    expected = pattern.sub(lambda match: match.group(1).upper() + "|", html)
    assert minify.replace_blocks(html, start, end, lambda inner: inner.upper() + "|", shortest) == expected


def test_minify_site_minifies_only_our_own_css_and_js_and_says_what_changed(tmp_path):
    own_css = tmp_path / "assets" / "css" / "site.css"
    own_js = tmp_path / "assets" / "js" / "nested" / "app.js"
    small_js = tmp_path / "assets" / "js" / "small.js"
    theme_css = tmp_path / "assets" / "stylesheets" / "theme.css"
    other = tmp_path / "assets" / "css" / "notes.txt"
    for path in (own_css, own_js, small_js, theme_css, other):
        path.parent.mkdir(parents=True, exist_ok=True)
    spaced_css = "/* a comment */\np {\n    color: red;\n}\n"
    own_css.write_text(spaced_css, encoding="utf-8")
    own_js.write_text("// a comment\nvar  a = 1;\n", encoding="utf-8")
    small_js.write_text("var a=1;", encoding="utf-8")
    theme_css.write_text(spaced_css, encoding="utf-8")
    other.write_text(spaced_css, encoding="utf-8")

    changed = minify.minify_site(tmp_path)

    assert changed == [own_css, own_js]
    assert own_css.read_text(encoding="utf-8") == "p{color:red}"
    assert "comment" not in own_js.read_text(encoding="utf-8")
    assert small_js.read_text(encoding="utf-8") == "var a=1;"
    assert theme_css.read_text(encoding="utf-8") == spaced_css
    assert other.read_text(encoding="utf-8") == spaced_css


def test_minify_site_with_no_asset_folders_changes_nothing(tmp_path):
    assert minify.minify_site(tmp_path) == []
