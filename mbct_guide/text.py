"""Escaping and link handling for text that comes from the data files.

Two kinds of field (see models.py):

* plain text is escaped so every character shows literally: HTML (``<``, ``&``),
  Markdown (``*``, ``_``, ``|``, ``[``...) and template braces (``{``) all become
  numeric character references, which Markdown leaves alone and browsers display as
  the original character;
* Markdown fields keep their formatting and become HTML; their short links
  (``action:<id>``) become links to the right page, resolved by routes.Links.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

import markdown as markdown_lib

from .routes import EXTERNAL_SCHEMES

if TYPE_CHECKING:
    from .routes import Links

# Characters that Markdown, its extensions, HTML or Jinja could read as syntax.
_SPECIAL = "\\`*_{}[]()#+!|~^=<>&\"':$"
_REFERENCES = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
_SPECIAL_CHARACTER = re.compile(f"[{re.escape(_SPECIAL)}]")
_LEADING_LIST = re.compile(r"^(\d+)([.)])")


def _reference(match: re.Match[str]) -> str:
    return _REFERENCES[match.group()]


def plain(text: str) -> str:
    """Escape plain text for use inline in Markdown or inside an HTML element."""
    # A regex finds the few special characters; str.translate with a dict looked up every
    # character, which made this a large part of rendering an action card.
    escaped = _SPECIAL_CHARACTER.sub(_reference, text)
    # A leading "-" or "1." would start a list when the text begins a line.
    if escaped.startswith("-"):
        return "&#45;" + escaped[1:]
    if escaped[:1].isdigit():  # every character \d matches is a digit, so the regex can be skipped
        return _LEADING_LIST.sub(lambda match: match.group(1) + f"&#{ord(match.group(2))};", escaped)
    return escaped


# Markdown documents for download (the templates), read by other people's Markdown tools:
# backslash escapes where both CommonMark and Python-Markdown take them, character
# references for the rest (&, <, > and ~, ^ for strikethrough and superscript). Brackets are
# escaped, so "(" cannot complete a link and stays as typed, for readability.
_MARKDOWN_REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>~^"}
_MARKDOWN_BACKSLASHED = re.compile(r"([\\`*_{}\[\]#+!|])")
# Invisible characters that can hide or reverse text: control characters other than tab and
# newline, zero-width characters, bidi controls and U+FEFF (the data refuses them as well).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def markdown_literal(text: str) -> str:
    """Plain text for a Markdown document, shown exactly as typed: every character Markdown
    or HTML could read as syntax is escaped with a backslash (so a title holding
    ``](javascript:...)``, ``<img onerror=...>`` or ``|`` stays text, in a table cell too),
    a leading "-" or "1." cannot start a list, line breaks become spaces, and invisible
    characters are dropped."""
    text = " ".join(_INVISIBLE.sub("", text).split())
    escaped = _MARKDOWN_BACKSLASHED.sub(r"\\\1", text).translate(_MARKDOWN_REFERENCES)
    if escaped.startswith("-"):
        return "\\" + escaped
    return _LEADING_LIST.sub(r"\1\\\2", escaped)


def attribute(text: str) -> str:
    """Escape text for an HTML attribute value in double quotes."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


# --- links -------------------------------------------------------------------------------

# [words](kind:id) or [words](kind:id#anchor); kind is a lower-case word. An id or anchor
# never holds a bracket, so the match from one "](" stops at the next one, and the possessive
# quantifiers (*+, ++) never give back what they matched: the time is proportional to the
# text, even for "](a:" repeated a million times.
_SHORT_LINK = re.compile(r"\]\(([a-z][a-z-]*+):([^)\s#\[\]()]++)(#[^)\s\[\]()]*+)?\)")


def markdown_references(text: str) -> list[tuple[str, str]]:
    """The (kind, id) pairs of every short link in a Markdown field."""
    return [(kind, ref) for kind, ref, _ in _SHORT_LINK.findall(text) if kind not in EXTERNAL_SCHEMES]


# --- Markdown from data, rendered once to HTML -----------------------------------------------
#
# Action details appear on several pages (stage page, print packs). Converting them with
# Python-Markdown once, and only swapping in each page's links, keeps the build fast as the
# guidance grows. Short links become placeholder hrefs in the cached HTML; each page then
# asks its Links (routes.py) for the real, relative URL.

PLACEHOLDER = "mbct-link:"
PLACEHOLDER_HREF = re.compile(r'href="mbct-link:([a-z-]++):([^"#]++)(#[^"]*+)?"')


class TooDeeplyNested(ValueError):
    """Markdown nested so deeply (lists in lists...) that Python-Markdown would recurse past Python's limit."""

    RULE = "is nested too deeply (lists or quotes inside each other) to be read; guidance needs only a few levels"


@functools.cache
def _converter():
    return markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")


@functools.lru_cache(maxsize=8192)
def html_with_placeholders(text: str) -> str:
    def mark(match: re.Match[str]) -> str:
        kind, ref, anchor = match.group(1), match.group(2), match.group(3) or ""
        if kind in EXTERNAL_SCHEMES:
            return match.group(0)
        return f"]({PLACEHOLDER}{kind}:{ref}{anchor})"

    try:
        return _converter().reset().convert(_SHORT_LINK.sub(mark, text))
    except RecursionError:
        # A second line of defence: the model refuses deep nesting before this (models.nesting_depth).
        # The converter is left half-way through a document, so a new one is made for the next field.
        _converter.cache_clear()
        raise TooDeeplyNested(TooDeeplyNested.RULE) from None


def markdown_html(text: str, links: Links) -> str:
    """Markdown from data as HTML, with short links resolved for the page ``links`` serves."""

    def link(match: re.Match[str]) -> str:
        kind, ref, anchor = match.group(1), match.group(2), match.group(3)
        url = links.url(kind, ref, anchor.lstrip("#") if anchor else None)
        return f'href="{html.escape(url, quote=True)}"'

    return PLACEHOLDER_HREF.sub(link, html_with_placeholders(text))
