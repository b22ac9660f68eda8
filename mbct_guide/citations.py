"""Numbered citations: a small number in the text, and the sources listed at the end of each section.

The cite() macro writes a marker that already reads as a citation, such as
"(NICE NG222, 2022)" linked to the references page, so a page is cited even if this step
never runs. After MkDocs has turned a page into HTML, ``number_citations`` replaces each
marker with a superscript number that links to a "Sources" list at the end of the section
it is in (each section ends before the next level-2 heading). A source keeps one number
across the whole page, so the same number always means the same source; each section lists
the sources cited in it, and its numbers link there. Sentences stay whole, and each list
names the source and links to its full reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# <sup class="mbct-cite" data-sources="id-a id-b">(…)</sup>, as render.common.cite writes it.
# Spaces before a marker go too, so the number sits against the word it follows.
# Linear in the page's length: the spaces are taken from the first of a run only (the
# look-behind), and a marker's text stops at the next marker (the markers never nest).
_MARKER = re.compile(
    r'(?<![ \t])[ \t]*+<sup class="mbct-cite" data-sources="([a-z0-9 -]++)">(?:(?!</sup>|<sup\b).)*+</sup>', re.S
)
_SECTION_START = re.compile(r"<h2[\s>]")


@dataclass(frozen=True)
class CitedSource:
    label: str  # escaped HTML, such as "NICE NG222, 2022"
    href: str  # the source's entry on the references page, relative to this page


def _anchor(section: int, number: int) -> str:
    return f"source-{section}-{number}"


class _Numberer:
    """Numbers sources in order of first citation on the page, one section at a time."""

    def __init__(self, describe: Callable[[str], CitedSource]):
        self.describe = describe
        self.numbers: dict[str, int] = {}

    def section(self, html: str, index: int) -> str:
        """One section with its markers numbered and, if it cites anything, its sources list."""
        cited: list[str] = []

        def replace(match: re.Match[str]) -> str:
            links = []
            for source_id in match.group(1).split():
                number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
                if source_id not in cited:
                    cited.append(source_id)
                label = self.describe(source_id).label
                links.append(f'<a href="#{_anchor(index, number)}" aria-label="Source {number}: {label}">{number}</a>')
            return f'<sup class="mbct-cite">{",".join(links)}</sup>'

        html = _MARKER.sub(replace, html)
        if not cited:
            return html
        items = []
        for source_id in cited:
            number, source = self.numbers[source_id], self.describe(source_id)
            anchor = _anchor(index, number)
            items.append(f'<li value="{number}" id="{anchor}"><a href="{source.href}">{source.label}</a></li>')
        return html + (
            '<div class="mbct-section-sources" data-search-exclude>'
            f'<p class="mbct-section-sources__title">Sources</p><ol>{"".join(items)}</ol></div>\n'
        )


def _section_start(html: str, heading_at: int) -> int:
    """Where a section begins: at its <h2>, or before the opening <div> tags that wrap it (a
    box such as "If you need help now"), so the previous section's sources list closes before
    the box instead of opening it."""
    start = heading_at
    while True:
        end = start
        while end > 0 and html[end - 1].isspace():
            end -= 1
        if end == 0 or html[end - 1] != ">":
            return start
        tag_open = html.rfind("<", 0, end)
        if tag_open < 0 or not html.startswith("<div", tag_open):
            return start
        start = tag_open


def number_citations(html: str, describe: Callable[[str], CitedSource]) -> str:
    """The page's HTML with numbered citations and a sources list closing each cited section.

    ``describe`` gives the label and reference link of a source id."""
    if "mbct-cite" not in html:
        return html
    starts = [_section_start(html, match.start()) for match in _SECTION_START.finditer(html)]
    bounds = zip([0, *starts], [*starts, len(html)], strict=True)
    numberer = _Numberer(describe)
    return "".join(numberer.section(html[start:end], index) for index, (start, end) in enumerate(bounds))
