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
   ``routes.SHORT_LINKS``) written inline, which is the form the renderer rewrites
   into page links. Allowed images: from this site only (a path with no scheme that does
   not start with ``//``).

   Links must also say where they go (``link_rule``):

   * ``tel:`` dials only a number from guidance_data/urgent_help.yml (its ``tel`` digits),
     and the link's words show that same number, so "Call Samaritans on 116 123" cannot
     dial another number. The urgent-help numbers live in one place; pages show them with
     the urgent_help macro, not with phone links written by hand.
   * ``mailto:`` carries one address and at most a ``subject``: no ``cc``, ``bcc`` or
     ``body``, and no line break (``%0A``, ``%0D``), which could add hidden headers.
   * A web address has no user part: ``https://doi.org@evil.example/`` reads as doi.org
     but goes to evil.example. Each stage of decoding is checked, so ``%40`` and
     ``doi.org%2F@evil.example`` are caught too.

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
from urllib.parse import unquote, urlsplit

import nh3

from .routes import EXTERNAL_SCHEMES
from .text import PLACEHOLDER, TooDeeplyNested, html_with_placeholders, markdown_html

if TYPE_CHECKING:
    from .routes import Links

# Linear even when searched from every position: a scheme starts only where a run of scheme
# characters starts (the look-behind), and the run is read once (possessive).
_SCHEME = re.compile(r"(?<![a-z0-9+.\-])([a-z][a-z0-9+.\-]*+):")
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


def decodings(url: str) -> list[str]:
    """The address as written, then after each round of decoding character references
    (``&#64;``) and percent-escapes (``%40``), until nothing changes: every way a reader
    might take it."""
    stages = [url]
    for _ in range(20):  # each round only shortens the text; real addresses settle in one or two
        before = len(stages)
        for decode in (html.unescape, unquote):
            decoded = decode(stages[-1])
            if decoded != stages[-1]:
                stages.append(decoded)
        if len(stages) == before:
            break
    return stages


def _squeezed(url: str) -> str:
    return "".join(ch for ch in url if not _invisible(ch)).replace("\\", "/").lower()


def normalise_url(url: str) -> str:
    """The address as the most lenient reader could take it: decoded, squeezed, lower-cased."""
    return _squeezed(decodings(url)[-1])


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
    return scheme is None or scheme in EXTERNAL_SCHEMES


def _shown(url: str) -> str:
    printable = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in url.strip())
    return printable if len(printable) <= 60 else printable[:60] + "…"


# --- validation ---------------------------------------------------------------------------------


class _Addresses(HTMLParser):
    """Every (attribute, value, words) of every element that can carry an address; the words
    are a link's text (an image's alt text counts as words of the link around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = []
        self.open_links: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name in _RESOURCE_ATTRIBUTES or name in _LINK_ATTRIBUTES):
                entry = [name, value, ""]
                self.found.append(entry)
                if tag == "a" and name == "href":
                    self.open_links.append(entry)
        if tag == "img":
            self.handle_data(dict(attrs).get("alt") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a" and self.open_links:
            self.open_links.pop()

    def handle_data(self, data: str) -> None:
        for entry in self.open_links:
            entry[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.open_links:
            self.open_links.pop()


def addresses(text: str) -> list[tuple[str, str, str]]:
    """(attribute, address, words) for every link and image Markdown makes from ``text``.

    It reads the same HTML the renderer makes (text.py, cached), so a field is converted once
    for both checking and showing it; inline short links appear there as placeholders."""
    parser = _Addresses()
    parser.feed(html_with_placeholders(text))
    parser.close()
    return [(name, value, words) for name, value, words in parser.found]


def _unknown_kind(url: str, scheme: str) -> str:
    return (
        f"has a link to '{_shown(url)}', but '{scheme}:' is not a known link type; links must start "
        "with https:, http:, mailto: or tel:, be a path on this site, or be a short link such as action:<id>"
    )


# Spaces and the separators RFC 3966 allows in a phone number (tel:0808-808-8000).
_PHONE_SEPARATORS = str.maketrans("", "", "-.()")
_MAIL_FIELD_SEPARATORS = re.compile(r"[&;]")


def _phone_rule(url: str, words: str, phone_numbers: Collection[str]) -> str | None:
    number = normalise_url(url).partition(":")[2].translate(_PHONE_SEPARATORS)
    listed = ", ".join(sorted(phone_numbers)) or "none"
    if number not in phone_numbers:
        return (
            f"has a phone link to '{_shown(url)}', which is not a number in guidance_data/urgent_help.yml "
            f"(its tel digits: {listed}). Do not write phone links by hand: urgent-help numbers live in "
            "urgent_help.yml, and pages show them with the urgent_help macro"
        )
    shown_digits = "".join(ch for ch in words if ch.isdigit())
    if shown_digits != number:
        return (
            f"has a phone link whose words, '{_shown(words)}', do not show the number it dials ({number}); "
            "the words must show that number and no other, such as [call 116 123](tel:116123). Better "
            "still, leave phone numbers to the urgent_help macro"
        )
    return None


def _mail_rule(url: str) -> str | None:
    if any("\r" in stage or "\n" in stage for stage in decodings(url)):
        return (
            f"has an email link with a line break in it ('{_shown(url)}'; %0A or %0D), which can add hidden "
            "recipients or text; write mailto:name@example.org, with at most ?subject=Words"
        )
    address, _, query = normalise_url(url).partition(":")[2].partition("?")
    if "," in address:
        return f"has an email link to more than one address ('{_shown(url)}'); link to one address"
    for part in _MAIL_FIELD_SEPARATORS.split(query) if query else ():
        name = part.partition("=")[0]
        if name != "subject":
            return (
                f"has an email link that sets '{_shown(name)}' ('{_shown(url)}'); email links may set only a "
                "subject, as mailto:name@example.org?subject=Words, so they send only where they say"
            )
    return None


def _user_part_rule(url: str) -> str | None:
    for stage in decodings(url):
        squeezed = _squeezed(stage)
        if not (squeezed.startswith("//") or _SCHEME.match(squeezed)):
            continue
        authority = urlsplit(squeezed).netloc
        if "@" in authority:
            user, _, host = authority.rpartition("@")
            return (
                f"has a link to '{_shown(url)}', which puts '{_shown(user)}@' before the site's name, so it "
                f"goes to '{_shown(host)}', not to '{_shown(user)}'; write the address without the part before '@'"
            )
    return None


def link_rule(url: str, words: str, phone_numbers: Collection[str] | None) -> str | None:
    """The rule an allowed kind of link breaks by not saying where it goes, or None.

    ``phone_numbers`` are the tel digits of urgent_help.yml, or None when that file could not
    be read (then phone links are not checked, rather than all reported)."""
    scheme = scheme_of(url)
    if scheme == "tel":
        return None if phone_numbers is None else _phone_rule(url, words, phone_numbers)
    if scheme == "mailto":
        return _mail_rule(url)
    if scheme in ("http", "https") or normalise_url(url).startswith("//"):
        return _user_part_rule(url)
    return None


def link_problems(
    text: str, short_link_kinds: Collection[str], phone_numbers: Collection[str] | None = ()
) -> list[str]:
    """One rule, in editors' words, for each link or image in a Markdown field that is not allowed.

    ``phone_numbers``: the numbers a tel: link may dial (the tel digits of urgent_help.yml);
    none by default, or None to leave phone links unchecked."""
    try:
        found = addresses(text)
    except TooDeeplyNested as error:
        return [str(error)]
    problems = []
    for attribute, url, words in found:
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
        elif scheme is None or scheme in EXTERNAL_SCHEMES:
            rule = link_rule(url, words, phone_numbers) if attribute in _LINK_ATTRIBUTES else None
            if rule:
                problems.append(rule)
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
        url_schemes=set(EXTERNAL_SCHEMES),
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
