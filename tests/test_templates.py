"""The widget templates (mbct_guide/templates/) and their environment: what data comes out as,
in text and in attributes, and that every template is in use."""

from __future__ import annotations

import jinja2
import pytest
from fakes import HOSTILE
from markupsafe import Markup

from mbct_guide.render import common
from mbct_guide.text import attribute, plain


def render_string(source: str, **context: object) -> str:
    """A template made in the widgets' environment, as the files in mbct_guide/templates/ are."""
    return common._environment().from_string(source).render(**context)


def test_values_are_escaped_for_attributes_braces_included():
    value = HOSTILE + " \" ' &"
    out = render_string('<a title="{{ value }}">{{ value }}</a>', value=value)
    assert out == f'<a title="{attribute(value)}">{attribute(value)}</a>'
    assert "<script" not in out and "{{" not in out and "&quot; &#x27; &amp;" in out


def test_values_with_nothing_to_escape_and_numbers_come_out_as_they_are():
    assert render_string("{{ a }} {{ b }}", a="../../actions/a-b/", b=3) == "../../actions/a-b/ 3"


def test_the_plain_filter_escapes_as_plain_does():
    assert render_string("<p>{{ value|plain }}</p>", value=HOSTILE) == f"<p>{plain(HOSTILE)}</p>"
    assert "&#42;x&#42;" in render_string("{{ value|plain }}", value=HOSTILE), "Markdown syntax shows literally"


def test_html_from_renderers_passes_as_it_is_and_the_plain_filter_refuses_it():
    assert render_string("{{ html }}", html=common.safe('<a href="x">y</a>')) == '<a href="x">y</a>'
    with pytest.raises(TypeError, match="not HTML"):
        render_string("{{ html|plain }}", html=Markup("<b>x</b>"))


def test_widgets_see_only_what_their_renderer_passes():
    with pytest.raises(jinja2.UndefinedError):
        render_string("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        render_string("{% for i in range(2) %}{{ i }}{% endfor %}")
