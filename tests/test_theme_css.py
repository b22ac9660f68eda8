"""The theme's stylesheet, trimmed to the rules this site can use (mbct_guide/theme_css.py).

What each rule keeps or drops is checked here on small stylesheets; the built stylesheet is
checked against every class the built pages use. The browser tests (test_accessibility.py)
check that no page, as it runs, carries a class whose theme styles were dropped.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import material
from conftest import html_pages

from mbct_guide.theme_css import names_in_use, trim_stylesheet

THEME_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def test_a_rule_stays_when_a_page_uses_its_classes_and_goes_when_none_does():
    css = ".md-nav{color:red}.md-annotation{color:blue}.md-nav .md-tooltip{color:green}"
    assert trim_stylesheet(css, {"md-nav"}) == ".md-nav{color:red}"


def test_only_the_selectors_that_can_match_stay_in_a_list():
    css = ".used,.unused>a,p{margin:0}"
    assert trim_stylesheet(css, {"used"}) == ".used,p{margin:0}"


def test_selectors_without_classes_or_with_classes_only_inside_not_are_kept():
    css = "a:hover{color:red}#top{top:0}[data-md-state=lock]{overflow:hidden}button:not(.unused){cursor:pointer}"
    assert trim_stylesheet(css, set()) == css


def test_right_to_left_selectors_go_because_every_page_is_left_to_right():
    css = '[dir=ltr] .used{left:0}[dir=rtl] .used{right:0}[dir="rtl"] p{right:0}'
    assert trim_stylesheet(css, {"used"}) == "[dir=ltr] .used{left:0}"


def test_media_blocks_are_trimmed_inside_and_go_when_empty():
    css = "@media screen{.used{a:1}.unused{b:2}}@media print{.unused{c:3}}@keyframes pulse{0%{opacity:0}}"
    assert trim_stylesheet(css, {"used"}) == "@media screen{.used{a:1}}@keyframes pulse{0%{opacity:0}}"


def test_custom_properties_go_when_nothing_reads_them_any_more():
    css = (
        ":root{--kept:red;--read-by-script:blue;--icon:url(\"data:image/svg+xml;utf8,<svg viewBox='0 0 1 1'/>\");"
        "--chain:var(--icon)}.used{color:var(--kept)}.unused{background:var(--chain)}"
    )
    trimmed = trim_stylesheet(css, {"used", "--read-by-script"})
    assert trimmed == ":root{--kept:red;--read-by-script:blue}.used{color:var(--kept)}"


def test_a_rule_left_with_no_declarations_goes():
    assert trim_stylesheet(":root{--unread:1}.used{a:b}", {"used"}) == ".used{a:b}"


def test_names_in_use_come_from_class_attributes_and_script_words():
    pages = ['<div class="md-nav  md-nav--primary"><p class=lone>', "<a style='--md-tooltip-x:1'>"]
    scripts = ['el.classList.add("focus-visible"); h("div", {class: "md-search-result__meta"})']
    names = names_in_use(pages, scripts)
    assert {"md-nav", "md-nav--primary", "lone", "--md-tooltip-x", "focus-visible", "md-search-result__meta"} <= names


def test_theme_features_the_site_does_not_use_count_only_when_a_page_has_them():
    scripts = ['x.classList.add("md-annotation__index"); q(".highlight"); "tabbed-labels"']
    assert names_in_use([], scripts).isdisjoint({"md-annotation__index", "highlight", "tabbed-labels"})
    assert "highlight" in names_in_use(['<div class="highlight">'], scripts)


def test_admonition_types_and_keys_count_only_when_a_page_has_them():
    scripts = ['console.warn("warning"); var info = {}; x.end(); "keys"']
    assert names_in_use([], scripts).isdisjoint({"warning", "info", "end", "keys"})
    css = ".md-typeset .admonition.warning{--x:1}.md-typeset .admonition.note{color:blue}"
    used = names_in_use(['<div class="md-typeset"><div class="admonition note">'], scripts)
    assert trim_stylesheet(css, used) == ".md-typeset .admonition.note{color:blue}"


def _classes(css: str) -> set[str]:
    return set(CSS_CLASS.findall(css))


def test_the_built_stylesheet_styles_every_class_the_pages_use_and_is_much_smaller(built_site):
    (original_path,) = THEME_STYLESHEETS.glob("main.*.min.css")
    original = original_path.read_text(encoding="utf-8")
    built = (built_site / "assets" / "stylesheets" / original_path.name).read_text(encoding="utf-8")
    page_classes = names_in_use((p.read_text(encoding="utf-8") for p in html_pages(built_site)), [])
    # Every class a page has that the theme styles is still styled.
    assert sorted((_classes(original) & page_classes) - _classes(built)) == []
    # Trimming is worth its place: at least a third less to download on every first visit.
    assert len(gzip.compress(built.encode())) < len(gzip.compress(original.encode())) * 2 / 3
    assert not (built_site / "assets" / "stylesheets" / f"{original_path.name}.map").exists()
