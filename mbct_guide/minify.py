"""Smaller files for readers: our own stylesheet and scripts minified in the built site (the
sources in docs/ stay readable), and every page without the templates' indentation and comments.

Every page loads them, so their comments and spaces cost every reader on every first visit.
rcssmin and rjsmin are small, well-kept minifiers that only remove what does not change meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import rcssmin
import rjsmin

# Folders under the built site that hold our own files (the theme's are minified already).
OWN_ASSETS = ("assets/css", "assets/js")


def minify_site(site_dir: Path) -> list[Path]:
    """Minify every .css and .js file in our asset folders, in place; returns what it changed."""
    changed = []
    for folder in OWN_ASSETS:
        for path in sorted((site_dir / folder).rglob("*")):
            if path.suffix not in {".css", ".js"} or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            small = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
            if small != text:
                path.write_text(small, encoding="utf-8")
                changed.append(path)
    return changed


# --- pages: the templates' indentation and comments, removed ------------------------------------


def replace_blocks(html: str, start: str, end: str, replace: Callable[[str], str], shortest: int = 0) -> str:
    """Each ``start``...``end`` block (the first ``end`` after at least ``shortest`` characters)
    replaced by ``replace(its content)``: what ``re.sub(start + "(.*?)" + end, ..., re.S)`` does
    (``.+?`` for shortest=1), but linear: a block with no end means no later block has one
    either, where the regex would look again from every later start."""
    out, position = [], 0
    while (opened := html.find(start, position)) != -1:
        closed = html.find(end, opened + len(start) + shortest)
        if closed == -1:
            break
        out += [html[position:opened], replace(html[opened + len(start) : closed])]
        position = closed + len(end)
    out.append(html[position:])
    return "".join(out)


# Whitespace and comments matter inside these elements, so compact_html leaves them as they are.
_PRESERVED_START = re.compile(r"<(pre|textarea|script|style)\b", re.I)
_PRESERVED_END = {name: re.compile(f"</{name}>", re.I) for name in ("pre", "textarea", "script", "style")}
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def compact_html(html: str) -> str:
    """The page without the templates' indentation and HTML comments (notes for editors, such
    as where a macro's data lives). Browsers show the same page; readers download less."""
    out, position = [], 0
    for start, end in _preserved(html):
        out.append(_compact(html[position:start]))
        out.append(html[start:end])
        position = end
    out.append(_compact(html[position:]))
    return "".join(out)


def _preserved(html: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each <pre>, <textarea>, <script> and <style> element, as the regex
    ``<(pre|textarea|script|style)\\b.*?</\\1>`` (case-insensitive) finds them, but in linear
    time: once an element has no end tag, later ones of its kind are not searched again."""
    unclosed: set[str] = set()
    position = 0
    while opened := _PRESERVED_START.search(html, position):
        name = opened.group(1).lower()
        closed = None if name in unclosed else _PRESERVED_END[name].search(html, opened.end())
        if closed is None:
            unclosed.add(name)
            position = opened.start() + 1
            continue
        yield opened.start(), closed.end()
        position = closed.end()


def _without_comments(fragment: str) -> str:
    """``fragment`` without its HTML comments (``<!--.*?-->``, in linear time)."""
    return replace_blocks(fragment, "<!--", "-->", lambda _: "")


def _compact(fragment: str) -> str:
    return _BLANK_LINES.sub("\n", _INDENT.sub("\n", _without_comments(fragment)))
