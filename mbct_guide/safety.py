"""Links and images in Markdown fields: checked when the data is validated, and the HTML
sanitised again when pages are rendered.

Markdown fields (action details, pivot-point descriptions, story chapters) may hold links.
Two independent layers keep them from running script or loading anything from another
host, so one slip in either still cannot put ``javascript:`` or an off-site image on a page,
including in the offline copy, which has no Content Security Policy to fall back on.

1. ``link_problems`` (validation) renders the field with Python-Markdown, the library that
   renders it on the site, and reads the ``href`` and ``src`` of every element in the
   result with the standard library's HTML parser. Reading what Markdown produced, rather
   than matching the Markdown source with regular expressions, covers every form Markdown
   has for a link or image (inline, reference-style, collapsed and shortcut references,
   angle-bracket destinations, titles) without a second parser that could disagree with
   the real one. Raw HTML and ``<...>`` links are refused earlier, by the field's model.

   Each address is then normalised more aggressively than a browser would read it
   (``normalise_url``): character references (``&#106;``) and percent-escapes (``%73``)
   are decoded repeatedly until nothing changes; every control, space, separator and
   invisible format character is removed (browsers drop tabs and newlines inside a scheme);
   backslashes are read as slashes (browsers read ``/\\host`` as ``//host``); letters are
   lower-cased. Only then is the scheme read, so ``JaVa&#x09;Script:``, ``java%73cript:``
   and ``\\x01javascript:`` all read as ``javascript:``. Being stricter than a browser can
   only refuse an odd but harmless address, never let a harmful one through.

   Allowed links: no scheme (a path on this site, or an anchor), ``https:``, ``http:``,
   ``mailto:`` or ``tel:``, and the site's short links (``action:<id>`` and the others in
   ``loader._REFERENCE_TARGETS``) written inline, which is the form the renderer rewrites
   into page links. Allowed images: from this site only (a path with no scheme that does
   not start with ``//``).

2. ``clean_html`` (rendering) passes the HTML made from a Markdown field through nh3, the
   Python binding of the Ammonia sanitiser, with an allow-list: only the tags Markdown
   makes, only the attributes they need, only https/http/mailto/tel or relative URLs, and
   images only from relative URLs, checked again with ``normalise_url``. No script, event
   handler, style, ``javascript:``, ``data:`` or ``vbscript:`` URL can survive it.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Collection
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote

import nh3

from .text import PLACEHOLDER, html_with_placeholders, markdown_html

if TYPE_CHECKING:
    from .routes import Links

LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Attributes whose value a browser fetches without a click: they must stay on this site.
_RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc"})
_LINK_ATTRIBUTES = frozenset({"href", "xlink:href", "action", "formaction", "cite"})

# What Markdown makes from a field (Python-Markdown with sane_lists), and nothing more.
ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img"}
    | {f"h{level}" for level in range(1, 7)}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


# --- addresses ----------------------------------------------------------------------------------


def _invisible(character: str) -> bool:
    # Cc controls, Cf format (zero-width and bidi marks), Z* spaces and separators.
    return unicodedata.category(character)[0] in "CZ"


def normalise_url(url: str) -> str:
    """The address as the most lenient reader could take it: decoded, squeezed, lower-cased."""
    for _ in range(20):  # each round only shortens the text; real addresses settle in one or two
        decoded = unquote(html.unescape(url))
        if decoded == url:
            break
        url = decoded
    return "".join(ch for ch in url if not _invisible(ch)).replace("\\", "/").lower()


def scheme_of(url: str) -> str | None:
    """The scheme of an address after ``normalise_url`` (``javascript``), or None for a path."""
    match = _SCHEME.match(normalise_url(url))
    return match.group(1) if match else None


def is_site_resource(url: str) -> bool:
    """True for an address on this site: a path with no scheme that is not ``//other-host``."""
    return scheme_of(url) is None and not normalise_url(url).startswith("//")


def is_allowed_link(url: str) -> bool:
    """True for a path on this site, an anchor, or an https/http/mailto/tel address."""
    scheme = scheme_of(url)
    return scheme is None or scheme in LINK_SCHEMES


def _shown(url: str) -> str:
    printable = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in url.strip())
    return printable if len(printable) <= 60 else printable[:60] + "…"


# --- validation ---------------------------------------------------------------------------------


class _Addresses(HTMLParser):
    """Every (attribute, value) of every element that can carry an address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name in _RESOURCE_ATTRIBUTES or name in _LINK_ATTRIBUTES):
                self.found.append((name, value))

    handle_startendtag = handle_starttag


def addresses(text: str) -> list[tuple[str, str]]:
    """(attribute, address) for every link and image Markdown makes from ``text``.

    It reads the same HTML the renderer makes (text.py, cached), so a field is converted once
    for both checking and showing it; inline short links appear there as placeholders."""
    parser = _Addresses()
    parser.feed(html_with_placeholders(text))
    parser.close()
    return parser.found


def _unknown_kind(url: str, scheme: str) -> str:
    return (
        f"has a link to '{_shown(url)}', but '{scheme}:' is not a known link type; links must start "
        "with https:, http:, mailto: or tel:, be a path on this site, or be a short link such as action:<id>"
    )


def link_problems(text: str, short_link_kinds: Collection[str]) -> list[str]:
    """One rule, in editors' words, for each link or image in a Markdown field that is not allowed."""
    problems = []
    for attribute, url in addresses(text):
        if attribute in _LINK_ATTRIBUTES and url.startswith(PLACEHOLDER):
            # An inline short link, such as [words](action:<id>), which the renderer turns into a page link.
            written = url[len(PLACEHOLDER) :]
            kind = written.partition(":")[0]
            if kind not in short_link_kinds:
                problems.append(_unknown_kind(written, kind))
            continue
        scheme = scheme_of(url)
        if attribute in _RESOURCE_ATTRIBUTES:
            if not is_site_resource(url):
                shown = url[len(PLACEHOLDER) :] if url.startswith(PLACEHOLDER) else url
                problems.append(
                    f"has an image from '{_shown(shown)}'; images must be files on this site "
                    "(a path such as ../assets/images/map.png), not from another address"
                )
        elif scheme is None or scheme in LINK_SCHEMES:
            continue
        elif scheme in short_link_kinds:
            problems.append(
                f"has a link to '{_shown(url)}' that the site cannot turn into a page link; "
                f"write short links inline and in lower case, as [words]({scheme}:<id>)"
            )
        else:
            problems.append(_unknown_kind(url, scheme))
    return problems


# --- rendering ----------------------------------------------------------------------------------


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in _RESOURCE_ATTRIBUTES:
        return value if is_site_resource(value) else None
    if attribute in _LINK_ATTRIBUTES:
        return value if is_allowed_link(value) else None
    return value


@functools.lru_cache(maxsize=8192)
def clean_html(fragment: str) -> str:
    """HTML made from a Markdown field, with everything outside the allow-list removed."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def safe_markdown_html(text: str, links: Links) -> str:
    """A Markdown field as sanitised HTML, its short links resolved for the page ``links`` serves."""
    return clean_html(markdown_html(text, links))


def markdown_block(text: str, links: Links) -> str:
    """``safe_markdown_html`` as one block wrapped in a ``div``, to place in a page's Markdown:
    MkDocs passes an HTML block through untouched, so nothing in it is read as Markdown again."""
    return f'<div class="mbct-prose">\n{safe_markdown_html(text, links)}\n</div>'
