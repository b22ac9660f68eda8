"""The fixes made to the theme's HTML (mbct_guide/theme_fixes.py) instead of copied partials.

Each fix is checked three ways: it applies to every built page; the theme's own template
still writes the markup the fix expects (so a theme upgrade that changes it fails here,
naming the template to look at); and a page without that markup stops the build."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import html_pages
from mkdocs.exceptions import PluginError

from mbct_guide import minify, theme_fixes

THEME_TEMPLATES = Path(material.__file__).parent / "templates"

# What each fix expects the theme's template to write, in the template's own words.
TEMPLATE_MARKUP = {
    "navigation section names": [
        '<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label" '
        'aria-expanded="{{ nav_item.active | tojson }}">',
        '<label class="md-nav__title" for="{{ path }}">',
    ],
    "empty tabindex": ['id="{{ path }}_label" tabindex="{{ tabindex }}"'],
    "search dialog name": ['<div class="md-search" data-md-component="search" role="dialog">'],
    "menu button": ['<label class="md-header__button md-icon" for="__drawer">'],
    "search button": ['<label class="md-header__button md-icon" for="__search">'],
}


@pytest.mark.parametrize("fix", theme_fixes.FIXES, ids=[f.name for f in theme_fixes.FIXES])
def test_the_theme_still_writes_the_markup_each_fix_expects(fix):
    source = (THEME_TEMPLATES / fix.template).read_text(encoding="utf-8")
    for fragment in TEMPLATE_MARKUP[fix.name]:
        assert fragment in source, f"the theme's {fix.template} changed: re-check the fix '{fix.name}'"


def test_every_fix_has_a_template_check():
    assert {f.name for f in theme_fixes.FIXES} == set(TEMPLATE_MARKUP)


def test_built_pages_carry_every_fix_and_no_inline_script(built_site):
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site).as_posix()
        assert not re.search(r'aria-labelledby="__nav_[\d_]+_label"', html), name
        assert 'tabindex=""' not in html, name
        assert 'role="dialog" aria-label="Search this site"' in html, name
        assert not re.search(r"<script>", html), name
        head, settings, closing = html.partition(theme_fixes.THEME_SETTINGS)
        assert settings, f"{name}: no theme settings"
        assert re.findall(r"<script (?:defer )?src=", closing) == re.findall(r"<script defer src=", closing), name
        assert re.search(r'<script src="[^"]*assets/js/early\.js">', head), (
            f"{name}: early.js must run before the page shows"
        )


def test_each_nav_section_is_named_by_its_visible_title(built_site):
    html = (built_site / "journey" / "index.html").read_text(encoding="utf-8")
    named = re.findall(r'aria-labelledby="(__nav_[\d_]+_title)"', html)
    assert named
    for label_id in named:
        label = re.search(rf'<label class="md-nav__title" for="__nav_[\d_]+" id="{label_id}">(.*?)</label>', html, re.S)
        assert label and re.sub(r"<[^>]+>", "", label.group(1)).strip(), label_id


THEME_SCRIPTS_AT_THE_END = (
    '<script id="__config" type="application/json">{}</script>'
    '<script src="../assets/javascripts/bundle.js"></script><script src="../assets/js/site.js"></script>'
)


def theme_page(*, search_role: str = "dialog", extra: str = "", closing: str = THEME_SCRIPTS_AT_THE_END) -> str:
    """A page with the theme markup every fix expects (as the theme writes it), plus ``extra``,
    ending with ``closing``: the theme's settings and scripts unless told."""
    return (
        '<div class="md-container"><label class="md-header__button md-icon" for="__drawer"></label>'
        '<label class="md-header__button md-icon" for="__search"></label>'
        f'<div class="md-search" data-md-component="search" role="{search_role}"></div>'
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="false">'
        f'<label class="md-nav__title" for="__nav_2">Journey</label></nav>{extra}</div>{closing}'
    )


def test_a_page_whose_theme_markup_changed_stops_the_build(tmp_path):
    with pytest.raises(PluginError, match=r"fix 'search dialog name'.*partials/search\.html"):
        theme_fixes.apply(
            theme_page(search_role="search"),
            "journey/index.md",
            tmp_path,
            base_url="..",
            urgent_help_url="urgent-help/",
        )


def test_inline_scripts_become_files_the_page_links_to(tmp_path):
    scripts = '<script>__md_scope=new URL("..",location)</script><script>var palette=__md_get("__palette");</script>'
    out = theme_fixes.apply(
        theme_page(extra=scripts), "journey/index.md", tmp_path, base_url="..", urgent_help_url="urgent-help/"
    )
    src = re.search(r'<script src="\.\./(assets/js/theme-inline/[0-9a-f]+\.js)"></script>', out).group(1)
    assert (tmp_path / src).read_text() == '__md_scope=new URL("..",location)'
    assert '<script id="__config" type="application/json">{}</script>' in out, "data scripts stay as they are"
    assert "__palette" not in out, "the palette script does nothing here, so it goes"
    assert 'aria-labelledby="__nav_2_title"' in out and 'id="__nav_2_title"' in out
    assert 'for="__drawer" tabindex="0"><span class="mbct-visually-hidden">Menu</span>' in out


def test_the_scripts_after_the_theme_settings_are_deferred_and_those_before_are_not(tmp_path):
    head_script = '<script src="../assets/js/early.js"></script>'
    out = theme_fixes.apply(
        theme_page(extra=head_script), "journey/index.md", tmp_path, base_url="..", urgent_help_url="urgent-help/"
    )
    assert head_script in out, "a script before the content must still run before the page shows"
    assert out.endswith(
        '<script id="__config" type="application/json">{}</script>'
        '<script defer src="../assets/javascripts/bundle.js"></script>'
        '<script defer src="../assets/js/site.js"></script>'
    ), "the theme's bundle and ours run after the page is read, in the same order"


def test_a_full_page_without_the_theme_settings_stops_the_build_and_a_fragment_does_not(tmp_path):
    scripts = '<script src="../assets/javascripts/bundle.js"></script>'
    with pytest.raises(PluginError, match=r"journey/index\.md: .*settings.*base\.html"):
        theme_fixes.apply(
            theme_page(closing=scripts), "journey/index.md", tmp_path, base_url="..", urgent_help_url="urgent-help/"
        )
    stub = f"<p>Moved</p>{scripts}"  # a redirect stub or fragment has no theme chrome
    assert theme_fixes.apply(stub, "old.md", tmp_path, base_url="..", urgent_help_url="urgent-help/") == stub


def test_the_theme_writes_its_settings_just_before_its_scripts():
    base = (THEME_TEMPLATES / "base.html").read_text(encoding="utf-8")
    settings = base.index(theme_fixes.THEME_SETTINGS)
    scripts = base.index("{% block scripts %}", settings)
    between = base[settings:scripts]
    assert between.count("<script") == 1, "a script now sits between the theme's settings and its scripts block"


def test_an_inline_script_that_is_not_the_themes_stops_the_build(tmp_path):
    page = theme_page(extra="<script>alert(1)</script>")
    with pytest.raises(PluginError, match="not one of the theme's own"):
        theme_fixes.apply(page, "journey/index.md", tmp_path, base_url="..", urgent_help_url="urgent-help/")
    assert not (tmp_path / theme_fixes.INLINE_SCRIPT_FOLDER).exists()


def test_the_theme_scripts_the_fix_moves_are_the_themes_own():
    partials = THEME_TEMPLATES / "partials" / "javascripts"
    sources = " ".join(p.read_text(encoding="utf-8") for p in partials.glob("*.html"))
    for start in theme_fixes.THEME_SCRIPTS:
        assert f"<script>{start}" in sources, f"the theme no longer has a script starting {start!r}"


def test_compact_html_keeps_preformatted_text_and_drops_comments_and_indentation():
    html = (
        "<div>\n    <p>a</p>\n\n\n    <!-- Data: guidance_data/x.yml -->\n"
        "<pre>  keep\n    this  </pre>\n  <p>b</p></div>"
    )
    assert minify.compact_html(html) == "<div>\n<p>a</p>\n<pre>  keep\n    this  </pre>\n<p>b</p></div>"


def test_our_breadcrumbs_still_use_the_themes_path_item_macro():
    """overrides/partials/path.html builds each crumb with the theme's macro and classes."""
    source = (THEME_TEMPLATES / "partials" / "path-item.html").read_text(encoding="utf-8")
    assert "{% macro render(nav_item, ref) %}" in source and 'class="md-path__link"' in source
    assert 'class="md-path__item"' in source
