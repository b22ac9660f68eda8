"""Stylesheets that only some pages use, sent only to those pages, in one file with the shared one.

Every page needs extra.css. The styles of one tool or component (the explorer, the forms of
the calculator and the self-assessment, the journey map, the urgent help box...) are in files
of their own, PAGE_STYLESHEETS, and a page gets the ones that can style it: a file's
selector can match there, judged by the classes and ids in the page's HTML and every word in
the scripts it loads or names (a script may add a class as the page runs:
theme_css.names_in_use). So an action page carries none of the calculator's styles, and
nobody lists a page's stylesheets by hand.

A page that needs some of them links one file instead of extra.css: extra.css with those
files after it, written once per build (``assets/css/extra+forms.css``). One request, not
one per file: each stylesheet in the head holds up the first paint, and the request for
the one after the sixth waits for a connection on a host without HTTP/2.

A selector can match a page when the page has every class and id the selector needs: those
in the selector itself and inside a ``:has()`` it needs. Classes inside ``:not()``, ``:is()``
or ``:where()`` are not needed, so they never keep a file away. A selector that needs no
class or id at all would match every page, so these files hold none (a test checks), and no
at-rule but @media and @supports (``@page`` applies to every printed page: extra.css).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tinycss2 import ast

from .theme_css import names_in_use, style_rule_selectors

__all__ = [
    "CSS_FOLDER",
    "PAGE_STYLESHEETS",
    "SHARED_STYLESHEET",
    "PageStylesheet",
    "combined_path",
    "link_stylesheets",
    "names_needed",
    "page_names",
    "page_stylesheet",
    "parts_of",
    "read_page_stylesheets",
    "script_names",
    "scripts_named",
    "stylesheets_for",
    "write_combined",
]

CSS_FOLDER = "assets/css"
# In the order they follow extra.css in a combined file (their rules never compete with each other).
PAGE_STYLESHEETS = (
    "explorer.css",
    "forms.css",
    "journey-map.css",
    "start-here.css",
    "templates.css",
    "handouts.css",
    "urgent-help.css",
)
# Our scripts a page loads (<script src>) or names for later (data-more-script).
_SCRIPT_PATH = re.compile(r"assets/js/([\w.-]+\.js)")
_ID_ATTRIBUTE = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
SHARED_STYLESHEET = f"{CSS_FOLDER}/extra.css"
# The link every page has (mkdocs.yml extra_css), and the address in it.
_SHARED_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*)assets/css/extra\.css">')


def names_needed(selector: list[ast.Node]) -> frozenset[str]:
    """The classes (".name") and ids ("#name") a selector needs, with those of a ``:has()``
    it needs; those inside other functional pseudo-classes are left out."""
    needed: set[str] = set()
    for position, token in enumerate(selector):
        follows_dot = position > 0 and selector[position - 1].type == "literal" and selector[position - 1].value == "."
        if follows_dot and token.type == "ident":
            needed.add("." + token.value)
        elif token.type == "hash" and token.is_identifier:
            needed.add("#" + token.value)
        elif token.type == "function" and token.lower_name == "has" and not _has_comma(token.arguments):
            needed |= names_needed(token.arguments)
    return frozenset(needed)


def _has_comma(tokens: list[ast.Node]) -> bool:
    return any(token.type == "literal" and token.value == "," for token in tokens)


@dataclass(frozen=True)
class PageStylesheet:
    path: str  # from the site root, such as assets/css/forms.css
    selectors: tuple[frozenset[str], ...]  # what each selector needs (names_needed)

    def can_style(self, names: set[str]) -> bool:
        """True if any selector can match a page with these classes (".x") and ids ("#x")."""
        return any(needed <= names for needed in self.selectors)


def page_stylesheet(path: str, css: str) -> PageStylesheet:
    return PageStylesheet(path, tuple(names_needed(selector) for selector in style_rule_selectors(css)))


def read_page_stylesheets(docs_dir: Path) -> tuple[PageStylesheet, ...]:
    """PAGE_STYLESHEETS, read from docs/ (once per build: build_context.py)."""
    return tuple(
        page_stylesheet(f"{CSS_FOLDER}/{name}", (docs_dir / CSS_FOLDER / name).read_text(encoding="utf-8"))
        for name in PAGE_STYLESHEETS
    )


def script_names(script: str) -> frozenset[str]:
    """Every word in a script that could be a class it adds, as ".name" (the same script is on
    many pages: build_context.py works this out once per script and build)."""
    return frozenset("." + name for name in names_in_use([], [script]))


def page_names(html: str, scripts: Iterable[frozenset[str]]) -> set[str]:
    """The page's classes as ".name" and ids as "#name", with the names of its scripts
    (``script_names`` of each)."""
    names = {"." + name for name in names_in_use([html], [])}
    names.update("#" + "".join(value) for value in _ID_ATTRIBUTE.findall(html))
    for script in scripts:
        names |= script
    return names


def scripts_named(html: str) -> list[str]:
    """The file names of our scripts that the page loads or names, in order, each once."""
    return list(dict.fromkeys(_SCRIPT_PATH.findall(html)))


def stylesheets_for(
    html: str, names_in_script: Callable[[str], frozenset[str]], sheets: Iterable[PageStylesheet]
) -> list[str]:
    """The paths of the stylesheets in ``sheets`` that can style this page; ``names_in_script``
    gives ``script_names`` of one of our scripts by its file name."""
    names = page_names(html, (names_in_script(name) for name in scripts_named(html)))
    return [sheet.path for sheet in sheets if sheet.can_style(names)]


def combined_path(paths: Iterable[str]) -> str:
    """Where extra.css with these page stylesheets after it is written, such as
    assets/css/extra+forms+urgent-help.css; extra.css itself for none."""
    names = [Path(path).stem for path in paths]
    return f"{CSS_FOLDER}/{'+'.join(['extra', *names])}.css"


def parts_of(combined: str) -> list[str]:
    """The stylesheets a combined one is made of, shared first (the opposite of combined_path)."""
    return [f"{CSS_FOLDER}/{name}.css" for name in Path(combined).stem.split("+")]


def link_stylesheets(html: str, paths: Iterable[str]) -> str:
    """``html`` linking extra.css with ``paths`` after it (combined_path) instead of extra.css
    alone; unchanged for no paths, or if the page does not link extra.css (no page of ours)."""
    combined = combined_path(paths)
    if combined == SHARED_STYLESHEET:
        return html
    return _SHARED_LINK.sub(lambda link: f'<link rel="stylesheet" href="{link.group(1)}{combined}">', html, count=1)


def write_combined(site_dir: Path, combined: Iterable[str]) -> list[Path]:
    """Write the combined stylesheets from the copies of their parts in the built site, then
    remove those copies of PAGE_STYLESHEETS: pages link only combined files, so they would be
    sent nowhere."""
    written = []
    for path in sorted(set(combined)):
        parts = [(site_dir / part).read_text(encoding="utf-8") for part in parts_of(path)]
        (site_dir / path).write_text("\n".join(parts), encoding="utf-8")
        written.append(site_dir / path)
    for name in PAGE_STYLESHEETS:
        (site_dir / CSS_FOLDER / name).unlink(missing_ok=True)
    return written
