"""Tests for mbct_guide/macro_errors.py: a macro's error as "page, line, macro: problem"."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs_macros.errors import format_error

from mbct_guide import macro_errors


class FakeUsageError(Exception):
    """Stands in for page_macros.MacroUsageError: it carries .problem and .macro."""

    def __init__(self, problem: str, macro: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.macro = macro


macro_errors.install(FakeUsageError)
ENV = jinja2.Environment(undefined=jinja2.StrictUndefined)


def raised_by(markdown: str, **names) -> BaseException:
    """The error rendering ``markdown`` raises, with Jinja's traceback."""
    with pytest.raises(Exception) as caught:
        ENV.from_string(markdown).render(**names)
    return caught.value


def fails(problem: str, macro: str | None = "fake_macro"):
    def call():
        raise FakeUsageError(problem, macro)

    return call


def fake_page(tmp_path=None, source: str | None = None, src_uri: str = "fake/page.md"):
    path = "/no/such/file.md"
    if tmp_path is not None and source is not None:
        path = tmp_path / "page.md"
        path.write_text(source, encoding="utf-8")
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, src_path=src_uri, abs_src_path=str(path)))


# --- the line in the page's Markdown -------------------------------------------------------------


def test_template_line_is_the_line_of_the_failing_call():
    error = raised_by("one\ntwo\n\n{{ broken() }}\n", broken=fails("x"))
    assert macro_errors.template_line(error) == 4


def test_template_line_of_a_syntax_error_is_jinja_s_line():
    error = raised_by("one\n\n{{ not closed\n")
    assert isinstance(error, jinja2.TemplateSyntaxError)
    assert macro_errors.template_line(error) == 3


def test_an_error_raised_outside_a_template_has_no_line():
    try:
        raise FakeUsageError("x")
    except FakeUsageError as error:
        assert macro_errors.template_line(error) is None


def test_page_line_counts_the_front_matter_above_the_markdown(tmp_path):
    markdown = "# Title\n\n{{ broken() }}\n"
    page = fake_page(tmp_path, "---\ntitle: Fake\nsearch:\n  exclude: true\n---\n" + markdown)
    assert macro_errors.page_line(markdown, page, 3) == 8


def test_page_line_is_the_markdown_line_when_the_source_cannot_be_read_or_differs(tmp_path):
    assert macro_errors.page_line("a\nb", fake_page(), 2) == 2
    assert macro_errors.page_line("a\nb", SimpleNamespace(), 2) == 2
    assert macro_errors.page_line("a\nb", fake_page(tmp_path, "---\nx: 1\n---\nsomething else\n"), 2) == 2
    assert macro_errors.page_line("a", fake_page(), None) is None


# --- the one-line report -------------------------------------------------------------------------


def test_a_usage_error_reads_page_line_macro_and_problem(tmp_path):
    markdown = "Intro.\n\n{{ broken() }}\n"
    page = fake_page(tmp_path, "---\ntitle: Fake\n---\n" + markdown)
    error = raised_by(markdown, broken=fails("'fake-x' is not a known fake"))
    assert (
        format_error(error, markdown, page)
        == "docs/fake/page.md, line 6: macro fake_macro(): 'fake-x' is not a known fake"
    )


def test_a_usage_error_without_a_macro_name_leaves_it_out():
    error = raised_by("{{ broken() }}", broken=fails("no macro here", macro=None))
    assert format_error(error, "{{ broken() }}", fake_page()) == "docs/fake/page.md, line 1: no macro here"


def test_an_unknown_name_says_where_to_check_macro_names():
    error = raised_by("a\n{{ no_such_macro() }}")
    report = format_error(error, "a\n{{ no_such_macro() }}", fake_page())
    assert report.startswith("docs/fake/page.md, line 2: 'no_such_macro' is undefined; ")
    assert "docs/maintainers/macros.md" in report
    assert "Traceback" not in report


def test_broken_braces_say_how_to_write_them_as_text():
    error = raised_by("a\n{{ x \n")
    report = format_error(error, "a\n{{ x \n", fake_page())
    assert report.startswith("docs/fake/page.md, line 2: the {{ }} or {% %} syntax is broken (")
    assert "render_macros: false" in report


def test_other_errors_keep_the_default_report():
    error = raised_by("{{ broken() }}", broken=lambda: 1 / 0)
    report = format_error(error, "{{ broken() }}", fake_page())
    assert "ZeroDivisionError" in report
    assert not report.startswith("docs/fake/page.md")
