"""Stylesheets that only some pages use, sent only to those pages (mbct_guide/page_styles.py).

What a selector needs, and which stylesheets a page gets, are checked here on small examples;
the real stylesheets are checked for rules that would tie them to every page; the built site
for the pages that link them. The browser sweep (test_accessibility.py) checks that no page,
as it runs, has an element that a stylesheet it did not link would style.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from conftest import DOCS_DIR, html_pages
from project import ROOT, an_action

from mbct_guide.page_styles import (
    PAGE_STYLESHEETS,
    combined_path,
    link_stylesheets,
    names_needed,
    page_stylesheet,
    parts_of,
    script_names,
    stylesheets_for,
    write_combined,
)
from mbct_guide.theme_css import style_rule_selectors

CSS_DIR = DOCS_DIR / "assets" / "css"
# Loaded by every page (mkdocs.yml extra_css), and by the self-assessment's script when first used.
SHARED, LOADED_BY_A_SCRIPT = "extra.css", "self-assessment-team.css"


def needed(selector: str) -> set[str]:
    (tokens,) = style_rule_selectors(selector + "{}")
    return set(names_needed(tokens))


def test_a_selector_needs_its_classes_and_ids_and_those_of_a_has_it_needs():
    assert needed(".md-typeset .mbct-field input[type=text]") == {".md-typeset", ".mbct-field"}
    assert needed("#sa-share-note") == {"#sa-share-note"}
    assert needed("html:has(.mbct-explorer-bar) p") == {".mbct-explorer-bar"}
    assert needed("html.mbct-js .x:has(#results) > :not(h1)") == {".mbct-js", ".x", "#results"}


def test_classes_inside_not_is_where_or_a_has_with_a_choice_are_not_needed():
    assert needed("a:not(.unused)") == set()
    assert needed(":is(.a, .b) p") == set()
    assert needed(":where(.a) p") == set()
    assert needed("html:has(.a, .b) p") == set()
    assert needed("[data-stage=developing]") == set()


def test_a_page_gets_a_stylesheet_when_one_of_its_selectors_can_match_there():
    forms = page_stylesheet("assets/css/forms.css", ".md-typeset .mbct-field{margin:0}")
    explorer = page_stylesheet("assets/css/explorer.css", ".mbct-filter{gap:0}#results a{color:red}")

    def no_scripts(name: str) -> frozenset[str]:
        return frozenset()

    html = '<article class="md-typeset"><div class="mbct-field"></div></article>'
    assert stylesheets_for(html, no_scripts, [forms, explorer]) == ["assets/css/forms.css"]
    assert stylesheets_for('<p class="md-typeset">Hi</p>', no_scripts, [forms, explorer]) == []
    # An id counts, with the classes its selector needs (none here).
    assert stylesheets_for('<ol id="results"></ol>', no_scripts, [forms, explorer]) == ["assets/css/explorer.css"]


def test_a_class_that_a_script_adds_counts_whether_the_page_loads_the_script_or_names_it_for_later():
    forms = page_stylesheet("assets/css/forms.css", ".md-typeset .mbct-tag--done{color:green}")
    texts = {"tool.js": 'el.className = "mbct-tag--done";', "site.js": "// nothing of the form"}
    scripts = {name: script_names(text) for name, text in texts.items()}
    loads = '<main class="md-typeset"><script src="../assets/js/tool.js"></script></main>'
    names = '<main class="md-typeset" data-more-script="../assets/js/tool.js"></main>'
    neither = '<main class="md-typeset"><script src="../assets/js/site.js"></script></main>'
    assert stylesheets_for(loads, scripts.get, [forms]) == ["assets/css/forms.css"]
    assert stylesheets_for(names, scripts.get, [forms]) == ["assets/css/forms.css"]
    assert stylesheets_for(neither, scripts.get, [forms]) == []


def test_a_page_links_one_file_the_shared_stylesheet_with_its_own_after_it():
    head = '<link rel="stylesheet" href="../../assets/css/extra.css"><script src="x.js"></script>'
    linked = link_stylesheets(head, ["assets/css/forms.css", "assets/css/urgent-help.css"])
    assert linked == (
        '<link rel="stylesheet" href="../../assets/css/extra+forms+urgent-help.css"><script src="x.js"></script>'
    )
    assert parts_of("assets/css/extra+forms+urgent-help.css") == [
        "assets/css/extra.css",
        "assets/css/forms.css",
        "assets/css/urgent-help.css",
    ]
    assert link_stylesheets(head, []) == head
    assert link_stylesheets("<p>No stylesheet</p>", ["assets/css/forms.css"]) == "<p>No stylesheet</p>"


def test_a_combined_stylesheet_is_the_shared_one_then_each_part_in_order_and_replaces_them(tmp_path):
    css = tmp_path / "assets" / "css"
    css.mkdir(parents=True)
    for name, rule in [("extra", ".a{}"), ("forms", ".b{}"), ("urgent-help", ".c{}")]:
        (css / f"{name}.css").write_text(rule, encoding="utf-8")
    written = write_combined(tmp_path, [combined_path(["assets/css/forms.css", "assets/css/urgent-help.css"])])
    assert written == [css / "extra+forms+urgent-help.css"]
    assert written[0].read_text(encoding="utf-8") == ".a{}\n.b{}\n.c{}"
    # The parts on their own are linked from no page, so they are not published.
    assert sorted(path.name for path in css.iterdir()) == ["extra+forms+urgent-help.css", "extra.css"]


def test_every_stylesheet_of_ours_is_shared_loaded_by_a_script_or_linked_by_page():
    on_disk = {path.name for path in CSS_DIR.glob("*.css")}
    assert on_disk == {SHARED, LOADED_BY_A_SCRIPT, *PAGE_STYLESHEETS}


def _at_rules(nodes) -> list[str]:
    found = []
    for node in nodes:
        if node.type == "at-rule":
            found.append(node.lower_at_keyword)
            if node.content is not None:
                found += _at_rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
    return found


def test_no_rule_in_a_page_stylesheet_would_tie_it_to_every_page():
    """A selector that needs no class or id, or an at-rule such as @page, applies to every page:
    it belongs in extra.css, or every page would load the file."""
    for name in PAGE_STYLESHEETS:
        css = (CSS_DIR / name).read_text(encoding="utf-8")
        for selector in style_rule_selectors(css):
            assert names_needed(selector), f"{name}: {tinycss2.serialize(selector).strip()} needs no class or id"
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        assert set(_at_rules(rules)) <= {"media", "supports"}, name


def _linked(built_site, path: str) -> list[str]:
    """The page stylesheets a built page links, in the combined file it links."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    (stylesheet,) = re.findall(r'href="[^"]*(assets/css/extra[\w+-]*\.css)"', html)
    return [Path(part).name for part in parts_of(stylesheet) if Path(part).name != SHARED]


def test_each_page_links_only_the_stylesheets_its_parts_use(built_site):
    assert _linked(built_site, f"actions/{an_action(ROOT)[1]['id']}") == []
    assert _linked(built_site, "explorer") == ["explorer.css"]
    assert _linked(built_site, "tools/calculator") == ["forms.css"]
    assert _linked(built_site, "tools/self-assessment") == ["forms.css"]
    assert "journey-map.css" in _linked(built_site, ".")
    assert _linked(built_site, "urgent-help") == ["urgent-help.css"]


def test_every_combined_stylesheet_a_page_links_is_in_the_built_site(built_site):
    linked = {
        match
        for page in html_pages(built_site)
        for match in re.findall(r'href="[^"]*(assets/css/[\w+-]+\.css)"', page.read_text(encoding="utf-8"))
    }
    assert any("+" in path for path in linked)
    for path in linked:
        assert (built_site / path).is_file(), path


def test_every_page_with_the_urgent_help_box_links_its_styles(built_site):
    with_box = [p for p in html_pages(built_site) if 'class="mbct-urgent"' in p.read_text(encoding="utf-8")]
    assert len(with_box) >= 3  # the urgent help page, the public pages, the handouts for the public
    for page in with_box:
        assert "urgent-help.css" in _linked(built_site, page.parent.relative_to(built_site).as_posix()), page
