"""Small pieces every renderer uses: links, citations, lists and the widget templates.

Renderers are pure functions. Each takes the Guide, its arguments and a ``Links`` for the
page being built (routes.py), and returns Markdown or HTML. Plain-text fields go through
``text.plain``; Markdown fields through ``safety.safe_markdown_html`` (sanitised). Nothing here reads files
or keeps state, except the compiled widget templates.

New and changed HTML goes into a widget template (mbct_guide/templates/, rendered by ``widget``):
data goes in as plain strings, for the template to escape (``{{ title|plain }}`` where Markdown
may read it, ``{{ value }}`` otherwise, attributes included); HTML a renderer made, such as a
``link``, goes in marked with ``safe``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import attribute, plain

# Labels in the order of models.PivotKind (challenge, opportunity, either); zip(strict) stops a
# kind added there without a label here.
KIND_LABELS = dict(zip(m.PIVOT_KINDS, ("Challenge", "Opportunity", "Challenge or opportunity"), strict=True))
KEY_ACTIVITY_LABELS = {
    "make-the-case": "Make the case",
    "network-of-support": "Set up a network of support",
    "trained-teachers": "Get trained teachers",
}


def link(
    links: Links, label_html: str, kind: str, target_id: str = "", *, anchor: str | None = None, css: str = ""
) -> str:
    """A link as HTML. The URL comes from the route table, so a wrong target fails the build."""
    class_attribute = f' class="{css}"' if css else ""
    return f'<a href="{attribute(links.url(kind, target_id, anchor))}"{class_attribute}>{label_html}</a>'


# What a downloadable file is, by its ending, in the GOV.UK way: "Word document, 18 KB".
FILE_TYPES = {"docx": "Word document", "md": "Markdown file", "json": "JSON file", "csv": "CSV file", "zip": "ZIP file"}


def file_size(size: int) -> str:
    """A file's size as people read it: '18 KB' (rounded up, at least 1 KB), or '1.2 MB'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, -(-size // 1024))} KB"


def download_link(links: Links, label_html: str, kind: str, target_id: str) -> str:
    """A link to a file to download, followed by its type and size, worked out from the file
    the build publishes: 'Word version (Word document, 18 KB)'."""
    target = links.file(kind, target_id)
    ending = target.src_uri.rsplit(".", 1)[-1]
    if ending not in FILE_TYPES:
        raise ValueError(f"{target.src_uri}: say what kind of file a .{ending} is in FILE_TYPES (render/common.py)")
    about = f"{FILE_TYPES[ending]}, {file_size(len(target.content_bytes))}"
    return (
        f'<a href="{attribute(links.url(kind, target_id))}" download>{label_html}</a> '
        f'<span class="mbct-file-about">({about})</span>'
    )


def title_link(guide: Guide, links: Links, kind: str, target_id: str) -> str:
    """A link labelled with the record's title: an action, pivot point, stage, theme, role..."""
    record = {
        "action": guide.action,
        "pivot-point": guide.pivot_point,
        "stage": guide.stage,
        "theme": guide.theme,
        "role": guide.role,
        "story": guide.story,
        "template": guide.template,
        "element": guide.element,
    }[kind](target_id)
    return link(links, plain(record.title), kind, target_id)


def sentence_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def heading(level: int, text_html: str, anchor: str) -> str:
    """A Markdown heading with a fixed anchor (attr_list), so its link never changes."""
    return f"{'#' * level} {text_html} {{: #{anchor} }}"


def source_label(guide: Guide, source_id: str) -> str:
    """'NICE NG222, 2022' (or 'n.d.' with no year), escaped."""
    source = guide.source(source_id)
    return f"{plain(source.short)}, {source.year or 'n.d.'}"


def cite(guide: Guide, source_ids: Iterable[str], links: Links) -> str:
    """A citation marker that reads '(NICE NG222, 2022; Crane and Kuyken, 2013)', linked to the
    references. The build turns markers into numbers with a sources list per section
    (citations.py); the marker stays readable if that step does not run."""
    ids = list(source_ids)
    if not ids:
        return ""
    parts = [link(links, source_label(guide, s), "source", s) for s in ids]
    return f'<sup class="mbct-cite" data-sources="{" ".join(ids)}">({"; ".join(parts)})</sup>'


def sources_list(guide: Guide, source_ids: Iterable[str], links: Links) -> str:
    """The sources of a record (an action, pivot point, story...), listed at the end of its
    section in the same style as the sources of numbered citations (citations.py)."""
    items = "".join(f"<li>{link(links, source_label(guide, s), 'source', s)}</li>" for s in source_ids)
    if not items:
        return ""
    return (
        '<div class="mbct-section-sources" data-search-exclude>'
        f'<p class="mbct-section-sources__title">Sources</p><ul>{items}</ul></div>'
    )


def json_script(element_id: str, value: object) -> str:
    """Data for a script, in <script type="application/json"> (not executed, so CSP-safe).

    Inside JSON strings, '<', '>', '&' and braces become \\u escapes, so data can neither
    close the script element nor leave template syntax in the page."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    out = []
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            elif ch in "<>&{}":
                out.append(f"\\u{ord(ch):04x}")
                continue
        elif ch == '"':
            in_string = True
        out.append(ch)
    return f'<script type="application/json" id="{element_id}">{"".join(out)}</script>'


# --- widget templates --------------------------------------------------------------------------


# Characters attribute() changes; most values (ids, addresses, numbers) have none of them.
_NEEDS_ESCAPING = re.compile(r"[&<>\"'{}]")


def _escape_everything(value: object) -> object:
    """Jinja finalize: anything not already marked safe is escaped, braces included, so data
    can never open a template or an element. Markup (from renderers) passes as it is."""
    # str.__new__(Markup, ...) is Markup(...) without its Python-level checks, and text (the
    # usual value) is tested for first: every value in every widget passes here, hundreds of
    # times on a page of cards.
    if type(value) is str:
        return str.__new__(Markup, attribute(value) if _NEEDS_ESCAPING.search(value) else value)
    if value is None or isinstance(value, Markup):
        return value
    text = str(value)
    return str.__new__(Markup, attribute(text) if _NEEDS_ESCAPING.search(text) else text)


def _plain_filter(value: str) -> Markup:
    """The ``plain`` filter: text escaped as ``text.plain`` escapes it, for text that Markdown
    may read (in a page's Markdown, or a print pack's ``markdown`` div): Markdown syntax such
    as ``*`` and ``|`` shows literally, as well as HTML and template braces."""
    if isinstance(value, Markup):
        # HTML already: escaping it again would show its tags as text.
        raise TypeError(f"the plain filter escapes text, not HTML: {value[:60]!r}")
    return str.__new__(Markup, plain(value))  # Markup(...), quicker (see _escape_everything)


@functools.cache
def _environment():
    # Each template is read once per build, not checked against its file on every widget
    # (two file stats each, thousands of times a build); see reload_widget_templates.
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mbct_guide", "templates"),
        auto_reload=False,
        autoescape=True,
        finalize=_escape_everything,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["plain"] = _plain_filter
    # Widgets use only what their renderer passes. Jinja's own globals (range, dict, lipsum...)
    # were copied into every render, most of the time a small widget took.
    environment.globals.clear()
    return environment


def reload_widget_templates() -> None:
    """Read the widget templates afresh from the next widget on. Called as each build starts:
    `mkdocs serve` rebuilds without importing this package again, so this is how a template
    edited while serving shows in the next rebuild."""
    _environment.cache_clear()


def widget(name: str, **context: object) -> str:
    """Render an HTML widget template from mbct_guide/templates/ (autoescaped)."""
    return _environment().get_template(name).render(**context)


def safe(html: str) -> Markup:
    """Mark HTML a renderer made (already escaped) as safe to put in a widget template."""
    return Markup(html)


# --- finished HTML, held out of Markdown while a page is built ------------------------------------

_HELD: ContextVar[dict[str, str] | None] = ContextVar("mbct_held_html", default=None)
_HELD_MARK = re.compile(r'<div data-mbct-held="(\d+)"></div>')


@contextlib.contextmanager
def holding_html(store: dict[str, str]) -> Iterator[dict[str, str]]:
    """While active (a macro building a page), ready_html keeps its HTML in ``store``."""
    token = _HELD.set(store)
    try:
        yield store
    finally:
        _HELD.reset(token)


def ready_html(html: str) -> str:
    """A block of finished HTML (such as a list of action cards). While a page is built it is
    held aside and a one-line marker goes into the page instead, to be put back after Markdown
    has run (``put_back_html``): Python-Markdown reading thousands of lines of finished HTML
    was most of the build time once the guidance grew. Outside a build it is returned as is."""
    store = _HELD.get()
    if store is None:
        return html
    return f"\n{_hold(store, html)}\n"


def _hold(store: dict[str, str], html: str) -> str:
    """``html`` kept in ``store``, and the one-line marker that stands for it."""
    key = str(len(store))
    store[key] = html
    return f'<div data-mbct-held="{key}"></div>'


@dataclass(frozen=True)
class HeldRender:
    """Markdown from a renderer, with its finished HTML held aside: rendered once, then
    measured (``full_text``) and put in a page (``hold_again``) without rendering it again."""

    text: str
    held: dict[str, str]

    def full_text(self) -> str:
        return put_back_html(self.text, self.held)


def render_held(render: Callable[[], str]) -> HeldRender:
    """``render()`` with the HTML it makes ready held in a store of its own, not the page's."""
    store: dict[str, str] = {}
    with holding_html(store):
        return HeldRender(render(), store)


def hold_again(rendered: HeldRender) -> str:
    """The rendering's Markdown for the page being built, each of its HTML blocks held again by
    that page under a marker of the page's own; in full outside a build."""
    store = _HELD.get()
    if store is None:
        return rendered.full_text()
    return _HELD_MARK.sub(lambda match: _hold(store, rendered.held[match.group(1)]), rendered.text)


def put_back_html(html: str, store: dict[str, str]) -> str:
    """The page's HTML with every held block back in place of its marker."""
    return _HELD_MARK.sub(lambda match: store[match.group(1)], html)
