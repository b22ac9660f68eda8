"""Fixes to the theme's HTML, made on each rendered page instead of in copied theme partials.

Material for MkDocs 9.8 writes a little markup that fails accessibility or validity checks,
and a few inline scripts that a strict Content Security Policy (no 'unsafe-inline') blocks;
the scripts after the content are deferred, so a phone paints the page without waiting for them.
Rather than keep copies of its templates that must be compared by hand on every upgrade,
each fix here names the exact markup it expects. If a page no longer has that markup (the
theme changed), the build stops and says which fix to look at; tests/test_theme_fixes.py
also checks each pattern against the installed theme's own templates.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import normalize_url

from .minify import replace_blocks


@dataclass(frozen=True)
class Fix:
    name: str
    why: str
    pattern: re.Pattern[str]
    replace: str | Callable[[re.Match[str]], str]
    template: str  # the theme template that writes this markup, to re-check on upgrade
    required: bool = True  # every full page has this markup, so no match means the theme changed


def _header_label_in_tab_order(toggle: str, name: str) -> dict:
    """A header <label> that opens a panel (the menu, search), reachable by keyboard and named."""
    return {
        "pattern": re.compile(rf'<label class="md-header__button md-icon" for="{toggle}">'),
        "replace": (
            f'<label class="md-header__button md-icon" for="{toggle}" tabindex="0">'
            f'<span class="mbct-visually-hidden">{name}</span>'
        ),
        "template": "partials/header.html",
    }


FIXES: tuple[Fix, ...] = (
    Fix(
        name="navigation section names",
        why=(
            "Each menu section is a <nav> named by aria-labelledby pointing at a label that is empty for "
            "sections with an overview page, which leaves several navigation landmarks with no name "
            "(axe: landmark-unique). Point it at the section's title label instead, which always has text."
        ),
        pattern=re.compile(
            r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(__nav_[\d_]+)_label'
            r'(" aria-expanded="(?:true|false)">\s*<label class="md-nav__title" for=")\2(")'
        ),
        replace=r'\1\2_title\3\2" id="\2_title\4',
        template="partials/nav-item.html",
    ),
    Fix(
        name="empty tabindex",
        why='The theme writes tabindex="" on section labels, which is not valid HTML; no tabindex means the same.',
        pattern=re.compile(
            r'(<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label") tabindex=""'
        ),
        replace=r"\1",
        template="partials/nav-item.html",
        required=False,  # only pages whose menu has a collapsed section
    ),
    Fix(
        name="menu button",
        why=(
            "On narrow screens the menu opens from a <label> that the keyboard cannot reach, so a keyboard "
            "user cannot open the menu. It joins the tab order with a name; site.js opens it with Enter or "
            "Space, and Escape closes the menu. Its name is hidden text inside it: a <label> may take neither "
            "role=button nor aria-label."
        ),
        **_header_label_in_tab_order("__drawer", "Menu"),
    ),
    Fix(
        name="search button",
        why="On narrow screens search opens from a <label> the keyboard cannot reach; the same fix as the menu.",
        **_header_label_in_tab_order("__search", "Search"),
    ),
    Fix(
        name="search dialog name",
        why="The search box is a role=dialog with no accessible name (axe: aria-dialog-name).",
        pattern=re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
        replace='<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">',
        template="partials/search.html",
    ),
)

# Inline scripts: any <script> with content and no type other than JavaScript (_replace_blocks).
INLINE_SCRIPT_FOLDER = "assets/js/theme-inline"
# How each of the theme's own inline scripts begins (partials/javascripts/*.html). The first
# defines the helpers the theme's bundle needs, so it moves into a file. The other two do
# nothing on this site, so they go: one restores a chosen colour palette (this site has one
# fixed NHS palette and no toggle), the other opens content tabs named in the address (this
# site has no content tabs). Any other inline script stops the build, so nothing that reached
# a page by accident can get past the Content Security Policy this way.
MOVED_THEME_SCRIPTS = ("__md_scope=",)
UNUSED_THEME_SCRIPTS = ('var palette=__md_get("__palette")', "var target=document.getElementById(location.hash")
THEME_SCRIPTS = MOVED_THEME_SCRIPTS + UNUSED_THEME_SCRIPTS


def _externalise_scripts(html: str, page: str, site_dir: Path, base_url: str) -> str:
    """Move the theme's inline scripts into files, so the CSP can forbid inline scripts.

    The same script (for pages at the same depth) becomes the same file, named by its hash."""

    def move(code: str) -> str:
        if code.startswith(UNUSED_THEME_SCRIPTS):
            return ""
        if not code.startswith(MOVED_THEME_SCRIPTS):
            raise PluginError(
                f"{page}: an inline script that is not one of the theme's own is in the page "
                f"({code[:60]!r}); the Content Security Policy forbids inline scripts, so put it in a file"
            )
        name = f"{INLINE_SCRIPT_FOLDER}/{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
        target = site_dir / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
        return f'<script src="{normalize_url(name, base=base_url)}"></script>'

    return replace_blocks(html, "<script>", "</script>", move, shortest=1)


# Material's settings for its scripts: every full page has them, just before those scripts.
THEME_SETTINGS = '<script id="__config" type="application/json">'
_EXTERNAL_SCRIPT = '<script src="'


def _defer_closing_scripts(html: str, page: str, is_full_page: bool) -> str:
    """The scripts after the theme's settings (its bundle, ours, the Share button's) marked
    ``defer``. They come after the page's content, so they still run once it has been read,
    before DOMContentLoaded and in the same order, but a browser no longer treats them as
    holding up the first paint:
    Lighthouse's simulated phone put the first paint 0.5 s later for waiting on them, which
    cost the key pages a point of their performance score (issue 21)."""
    settings = html.find(THEME_SETTINGS)
    if settings == -1:
        if is_full_page:
            raise PluginError(
                f"{page}: the theme's markup has changed: its settings ({THEME_SETTINGS}) are not before its "
                "scripts, so the scripts at the end of the page cannot be deferred. Look at the theme's "
                "base.html (block config) and at mbct_guide/theme_fixes.py (_defer_closing_scripts)."
            )
        return html
    return html[:settings] + html[settings:].replace(_EXTERNAL_SCRIPT, '<script defer src="')


def urgent_help_in_header(url: str) -> Fix:
    """A visible "Urgent help" link in every page's header, at every width: on a phone the menu
    hides the rest of the site, and a person in crisis should not have to open it. It goes
    before the search button, which every full page has."""
    return Fix(
        name="urgent help in the header",
        why="Every page links to urgent help from its header, so it is one tap away on a phone.",
        pattern=re.compile(r'<label class="md-header__button md-icon" for="__search" tabindex="0">'),
        replace=lambda match: f'<a class="mbct-header-urgent" href="{url}">Urgent help</a>' + match.group(0),
        template="partials/header.html",
    )


def apply(html: str, page: str, site_dir: Path, *, base_url: str, urgent_help_url: str) -> str:
    """Every fix, on one rendered page. Stops the build if the theme's markup has changed.

    ``base_url`` leads from the page to the site root, as MkDocs' own base_url does;
    ``urgent_help_url`` is the urgent help page's URL from the site root."""
    is_full_page = "md-container" in html  # redirect stubs and fragments have no theme chrome
    header_link = urgent_help_in_header(normalize_url(urgent_help_url, base=base_url))
    for fix in (*FIXES, header_link):
        html, count = fix.pattern.subn(fix.replace, html)
        if fix.required and is_full_page and count == 0:
            raise PluginError(
                f"{page}: the theme's markup has changed, so the fix '{fix.name}' found nothing to fix. "
                f"Look at the theme's {fix.template} and at mbct_guide/theme_fixes.py. Why the fix exists: {fix.why}"
            )
    html = _externalise_scripts(html, page, site_dir, base_url)
    return _defer_closing_scripts(html, page, is_full_page)
