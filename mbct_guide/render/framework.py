"""The framework page: PARIHS elements, i-PARIHS and the study's explanatory framework."""

from __future__ import annotations

from ..guide import Guide
from ..routes import Links
from ..text import plain
from .common import bullets, cite, heading, link, title_link


def framework_elements(guide: Guide, links: Links, *, level: int = 3) -> str:
    """PARIHS elements and sub-elements, each with an anchor and the actions that apply it."""
    parts = []
    for element in guide.framework_elements:
        parts += [
            heading(level, plain(element.title), element.id),
            "",
            plain(element.summary),
            "",
            f"**In the ASPIRE study:** {plain(element.in_mbct)} {cite(guide, element.sources, links)}",
            "",
        ]
        for sub in element.sub_elements:
            actions = guide.actions_where(element=sub.id)
            applied = ", ".join(link(links, plain(x.title), "action", x.id) for x in actions)
            parts += [
                heading(level + 1, plain(sub.title), sub.id),
                "",
                plain(sub.summary),
                "",
                f"<p data-search-exclude>Actions that work on this: {applied or 'none yet'}.</p>",
                "",
            ]
    return "\n".join(parts)


def framework_concepts(guide: Guide, group: str, links: Links, *, level: int = 3) -> str:
    parts = []
    for concept in (c for c in guide.framework_concepts if c.group == group):
        parts += [
            heading(level, plain(concept.title), concept.id),
            "",
            f"{plain(concept.summary)} {cite(guide, concept.sources, links)}",
            "",
            "<div data-search-exclude markdown>",
            "",
            "Actions that apply it:",
            "",
            bullets(title_link(guide, links, "action", x) for x in concept.actions),
            "",
            "</div>",
            "",
        ]
    return "\n".join(parts)
