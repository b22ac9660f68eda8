"""The "If you need help now" box and the urgent help page, from guidance_data/urgent_help.yml.

The numbers are written only in the data file, so the box on each public page and the full
page can never disagree.
"""

from __future__ import annotations

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import attribute, plain
from .common import a, cite, heading

URGENT_HELP_PAGE = "urgent-help.md"

NATION_NAMES = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
}


def where_label(record: m.UrgentHelp) -> str:
    """'Anywhere in the UK', or the nations it covers, in the usual order."""
    if set(record.where) == set(m.NATION_IDS):
        return "Anywhere in the UK"
    names = [NATION_NAMES[nation] for nation in m.NATION_IDS if nation in record.where]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def call_link(record: m.UrgentHelp) -> str:
    """A tappable link such as 'Call 116 123' (tel:116123), or nothing if there is no number."""
    if record.number is None or record.tel is None:
        return ""
    return f'<a href="tel:{attribute(record.tel)}">Call {plain(record.number)}</a>'


def source_links(guide: Guide, record: m.UrgentHelp, links: Links) -> str:
    """'Lifeline, n.d.; nidirect, n.d.', each linked to the references, without brackets."""
    return "; ".join(
        a(links, f"{plain(guide.source(s).short)}, {guide.source(s).year or 'n.d.'}", "source", s)
        for s in record.sources
    )


def urgent_help_box(guide: Guide, links: Links, *, level: int = 2) -> str:
    """The short box for public pages: one line per service, each with its number and source."""
    items = []
    for record in guide.urgent_help:
        link = call_link(record)
        line = f"- {plain(record.when)}"
        if link:
            line += f" <strong>{link}</strong>"
        # Sources in smaller type, so the box stays calm to read; the link text is unchanged.
        items.append(f'{line} <span class="mbct-urgent__source">{cite(guide, record.sources, links)}</span>')
    more = a(links, "More about getting help now", "page", URGENT_HELP_PAGE)
    return "\n".join(
        [
            '<div class="mbct-urgent" markdown>',
            "",
            heading(level, "If you need help now", "help-now"),
            "",
            "Get help now if you are in crisis, or you are worried about someone who is.",
            "",
            *items,
            "",
            f"{more}: who each service is for, and where these numbers come from.",
            "",
            "</div>",
            "",
        ]
    )


def urgent_help_page(guide: Guide, links: Links, *, level: int = 2) -> str:
    """The full list for the urgent help page: a section per service, with its notes and sources."""
    parts = []
    for record in guide.urgent_help:
        title = plain(record.name) + (f": {plain(record.number)}" if record.number else "")
        lines = [
            '<div class="mbct-urgent mbct-urgent--full" markdown>',
            "",
            heading(level, title, record.id),
            "",
            f"**Where:** {where_label(record)}",
            "",
            plain(record.when),
        ]
        if record.notes:
            lines += ["", plain(record.notes)]
        link = call_link(record)
        if link:
            lines += ["", f"<strong>{link}</strong>"]
        label = "Source" if len(record.sources) == 1 else "Sources"
        lines += ["", f'<span class="mbct-urgent__source">{label}: {source_links(guide, record, links)}</span>']
        lines += ["", "</div>", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)
