"""Where to get help now, from guidance_data/urgent_help.yml: the box on public pages, the
urgent help page, and that page's sources.

The numbers are written only in the data file, so the box on each public page and the full
page can never disagree. The layout follows the NHS care-card pattern: the emergency card
first, then one full-width call link per number, with no citation numbers beside them (a
person in crisis needs the number, not the reference); the sources are listed together at
the foot of the urgent help page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import plain
from .common import heading, link, ready_html, safe, widget

URGENT_HELP_PAGE = "urgent-help.md"
SOURCES_ANCHOR = "where-these-numbers-come-from"

NATION_NAMES = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
}


def where_label(nations: list[str] | tuple[str, ...]) -> str:
    """'Anywhere in the UK', or the nations, in the usual order: 'England, Scotland and Wales'."""
    if set(nations) == set(m.NATION_IDS):
        return "Anywhere in the UK"
    names = [NATION_NAMES[nation] for nation in m.NATION_IDS if nation in nations]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class ContactLink:
    href: str
    label: str


def contact_links(record: m.UrgentHelp) -> list[ContactLink]:
    """'Call 116 123' (tel:116123) and 'Text SHOUT to 85258' (sms:85258), as the record has them."""
    found = []
    if record.number is not None and record.tel is not None:
        found.append(ContactLink(f"tel:{record.tel}", f"Call {record.number}"))
    if record.text is not None:
        word = f"{record.text.word} " if record.text.word else ""
        found.append(ContactLink(f"sms:{record.text.number}", f"Text {word}to {record.text.number}"))
    return found


@dataclass(frozen=True)
class CallRow:
    title: str
    where: str
    options: tuple[str, ...]
    links: tuple[ContactLink, ...]


def call_rows(guide: Guide) -> list[CallRow]:
    """One row per way to get in touch, in the file's order (most urgent first). Services that
    share a number in different nations (111 in England, Scotland and Wales) share one row,
    which says what to ask for in each nation. Records with no number (your GP) are left to
    the details below."""
    groups: dict[tuple[ContactLink, ...], list[m.UrgentHelp]] = {}
    for record in guide.urgent_help:
        links = tuple(contact_links(record))
        if record.emergency or not links:
            continue
        groups.setdefault(links, []).append(record)
    rows = []
    for links, records in groups.items():
        nations = [nation for record in records for nation in record.where]
        if len(records) == 1:
            rows.append(CallRow(records[0].name, where_label(nations), (), links))
        else:
            options = tuple(f"{where_label(r.where)}: {r.name}" for r in records)
            rows.append(CallRow(links[0].label.removeprefix("Call "), where_label(nations), options, links))
    return rows


def emergency_record(guide: Guide) -> m.UrgentHelp:
    """The emergency card's record (the loader checks there is exactly one, listed first)."""
    return next(record for record in guide.urgent_help if record.emergency)


def _cards(guide: Guide, links: Links, *, box_heading: str | None, level: int, more: str | None) -> str:
    emergency = emergency_record(guide)
    html = widget(
        "urgent_help.html",
        box_heading=box_heading,
        level=level,
        card_level=level + 1 if box_heading else level,
        emergency={
            "anchor": "in-an-emergency" if not box_heading else "help-now-emergency",
            "heading": "In an emergency",
            "when": emergency.when,
            "links": contact_links(emergency),
        },
        rows_anchor="urgent-mental-health" if not box_heading else "help-now-urgent",
        rows=call_rows(guide),
        more=safe(more) if more else None,
    )
    return ready_html(html)


def urgent_help_box(guide: Guide, links: Links, *, level: int = 2) -> str:
    """The box for public pages: the emergency card and a call link per number."""
    more = (
        link(links, "More about getting help now", "page", URGENT_HELP_PAGE)
        + ": who each service is for, other ways to get in touch, and where these numbers come from."
    )
    return _cards(guide, links, box_heading="If you need help now", level=level, more=more) + "\n"


def urgent_help_page(guide: Guide, links: Links, *, level: int = 2) -> str:
    """The urgent help page: the cards first, then a section per service with its details."""
    parts = [_cards(guide, links, box_heading=None, level=level, more=None), ""]
    parts += [heading(level, "Who each service is for", "each-service"), ""]
    for record in guide.urgent_help:
        lines = [heading(level + 1, plain(record.name), record.id), "", f"**Where:** {where_label(record.where)}", ""]
        lines.append(plain(record.when))
        if record.notes:
            lines += ["", plain(record.notes)]
        contact = [
            f'<a class="mbct-call mbct-call--inline" href="{c.href}">{plain(c.label)}</a>'
            for c in contact_links(record)
        ]
        if record.online is not None:
            contact.append(
                f'<a href="{html.escape(str(record.online.url), quote=True)}">{plain(record.online.label)}</a>'
            )
        if contact:
            lines += ["", " ".join(contact)]
        parts += [*lines, ""]
    return "\n".join(parts)


def urgent_help_sources(guide: Guide, links: Links, *, level: int = 2) -> str:
    """Where each service's details come from, together at the foot of the urgent help page."""
    lines = [heading(level, "Where these numbers come from", SOURCES_ANCHOR), ""]
    lines.append("We check each number and link against these sources at every review of this page.")
    lines.append("")
    for record in guide.urgent_help:
        sources = "; ".join(
            link(links, f"{plain(guide.source(s).short)}, {guide.source(s).year or 'n.d.'}", "source", s)
            for s in record.sources
        )
        lines.append(f"- {plain(record.name)}: {sources}")
    return "\n".join(lines) + "\n"
