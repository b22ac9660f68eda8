"""Escaping and link handling for text that comes from the data files.

Two kinds of field (see models.py):

* plain text is escaped so every character shows literally: HTML (``<``, ``&``),
  Markdown (``*``, ``_``, ``|``, ``[``...) and template braces (``{``) all become
  numeric character references, which Markdown leaves alone and browsers display as
  the original character;
* Markdown fields keep their formatting, and their short links (``action:<id>``) are
  rewritten to relative links to the right page, so MkDocs can check them.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re

# Characters that Markdown, its extensions, HTML or Jinja could read as syntax.
_SPECIAL = set("\\`*_{}[]()#+!|~^=<>&\"':$")
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_LEADING_LIST = re.compile(r"^(\d+)([.)])")


def plain(text: str) -> str:
    """Escape plain text for use inline in Markdown or inside an HTML element."""
    escaped = text.translate(_ESCAPES)
    # A leading "-" or "1." would start a list when the text begins a line.
    if escaped.startswith("-"):
        escaped = "&#45;" + escaped[1:]
    return _LEADING_LIST.sub(lambda match: match.group(1) + f"&#{ord(match.group(2))};", escaped)


def attribute(text: str) -> str:
    """Escape text for an HTML attribute value in double quotes."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


# --- links -------------------------------------------------------------------------------

# [words](kind:id) or [words](kind:id#anchor); kind is a lower-case word.
_SHORT_LINK = re.compile(r"\]\(([a-z][a-z-]*):([^)\s#]+)(#[^)\s]*)?\)")
_EXTERNAL = {"http", "https", "mailto", "tel"}


def markdown_references(text: str) -> list[tuple[str, str]]:
    """The (kind, id) pairs of every short link in a Markdown field."""
    return [(kind, ref) for kind, ref, _ in _SHORT_LINK.findall(text) if kind not in _EXTERNAL]


def relative(target: str, from_page: str) -> str:
    """A link from one docs/ page to another, as MkDocs expects (relative, to the .md file)."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def page_of(kind: str, ref: str, stage_of_action: dict[str, str]) -> str:
    """The docs/ page (and anchor) a short link points at."""
    if kind == "action":
        return f"journey/{stage_of_action[ref]}.md#{ref}"
    return {
        "pivot-point": f"pivot-points.md#{ref}",
        "story": f"stories/{ref}.md",
        "template": f"tools/templates/{ref}.md",
        "source": f"about/references.md#{ref}",
        "stage": f"journey/{ref}.md",
        "theme": f"themes/{ref}.md",
        "role": f"roles/{ref}.md",
        "page": ref,
    }[kind]


def markdown(text: str, from_page: str, stage_of_action: dict[str, str]) -> str:
    """Markdown from data, with short links rewritten relative to ``from_page``."""

    def rewrite(match: re.Match[str]) -> str:
        kind, ref, anchor = match.group(1), match.group(2), match.group(3) or ""
        if kind in _EXTERNAL:
            return match.group(0)
        target = page_of(kind, ref, stage_of_action)
        if anchor:
            target = target.partition("#")[0] + anchor
        return f"]({relative(target, from_page)})"

    return _SHORT_LINK.sub(rewrite, text)


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a docs/ page: journey/index.md -> journey/, a/b.md -> a/b/."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@functools.lru_cache(maxsize=65536)
def url_from(target: str, from_page: str) -> str:
    """A relative URL for raw HTML (which MkDocs does not rewrite), from one page to another.

    Cached: the same few hundred links repeat on every card of every page."""
    path, _, anchor = target.partition("#")
    here = page_url(from_page).rstrip("/") or "."
    there = page_url(path).rstrip("/") or "."
    link = posixpath.relpath(there, here)
    link = "./" if link == "." else link + "/"
    return f"{link}#{anchor}" if anchor else link


def file_url(path: str, from_page: str) -> str:
    """A relative URL from a page to a file in the built site (such as a download)."""
    here = page_url(from_page).rstrip("/") or "."
    return posixpath.relpath(path, here)


# --- Markdown from data, rendered once to HTML -----------------------------------------------
#
# Action details appear on several pages (stage page, print packs). Converting them with
# Python-Markdown once, and only swapping in each page's relative links, keeps the build fast
# as the guidance grows. Short links become placeholder hrefs in the cached HTML.

_PLACEHOLDER = "mbct-link:"
_PLACEHOLDER_HREF = re.compile(r'href="mbct-link:([a-z-]+):([^"#]+)(#[^"]*)?"')


@functools.cache
def _converter():
    import markdown as markdown_lib

    return markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")


@functools.lru_cache(maxsize=8192)
def _html_with_placeholders(text: str) -> str:
    def mark(match: re.Match[str]) -> str:
        kind, ref, anchor = match.group(1), match.group(2), match.group(3) or ""
        if kind in _EXTERNAL:
            return match.group(0)
        return f"]({_PLACEHOLDER}{kind}:{ref}{anchor})"

    return _converter().reset().convert(_SHORT_LINK.sub(mark, text))


def markdown_html(text: str, from_page: str, stage_of_action: dict[str, str]) -> str:
    """Markdown from data as HTML, with short links made relative to ``from_page``."""

    def link(match: re.Match[str]) -> str:
        kind, ref, anchor = match.group(1), match.group(2), match.group(3) or ""
        target = page_of(kind, ref, stage_of_action)
        if anchor:
            target = target.partition("#")[0] + anchor
        return f'href="{html.escape(url_from(target, from_page), quote=True)}"'

    return _PLACEHOLDER_HREF.sub(link, _html_with_placeholders(text))
