"""Pivot points and illustrative stories."""

from __future__ import annotations

from ..guide import Guide
from ..routes import Links
from ..sanitise import markdown_block
from ..text import plain
from .common import KIND_LABELS, bullets, heading, link, safe, sources_list, title_link, widget


def pivot_point(guide: Guide, pivot_id: str, links: Links, *, level: int = 2) -> str:
    pivot = guide.pivot_point(pivot_id)
    stages = ", ".join(title_link(guide, links, "stage", s) for s in pivot.stages)
    roles = ", ".join(title_link(guide, links, "role", r) for r in pivot.roles)
    helps = bullets(title_link(guide, links, "action", x) for x in pivot.what_helps)
    return "\n".join(
        [
            f'<section class="mbct-pivot mbct-pivot--{pivot.kind}" markdown>',
            "",
            heading(level, plain(pivot.title), pivot.id),
            "",
            f'<p class="mbct-kind"><strong>{KIND_LABELS[pivot.kind]}</strong></p>',
            "",
            plain(pivot.summary),
            "",
            markdown_block(pivot.description, links),
            "",
            "**Early signs**",
            "",
            bullets(plain(s) for s in pivot.early_signs),
            "",
            "**What helps**",
            "",
            # Links to other pages, which search finds in their own right.
            f"<div data-search-exclude markdown>\n\n{helps}\n\n"
            f"<p>Typical stages: {stages}. Roles most affected: {roles}.</p>\n\n</div>",
            "",
            sources_list(guide, pivot.sources, links),
            "",
            "</section>",
            "",
        ]
    )


def pivot_points(
    guide: Guide,
    links: Links,
    *,
    kind: str | None = None,
    stage: str | None = None,
    role: str | None = None,
    level: int = 2,
) -> str:
    chosen = [p for p in guide.pivot_points_where(stage=stage, role=role) if kind is None or p.kind == kind]
    return "\n".join(pivot_point(guide, p.id, links, level=level) for p in chosen)


def pivot_point_list(
    guide: Guide, links: Links, *, stage: str | None = None, role: str | None = None, level: int = 2
) -> str:
    """A section with a short linked list, for stage and role pages; nothing at all when no
    pivot point applies (an empty heading, or "none", tells the reader nothing)."""
    chosen = guide.pivot_points_where(stage=stage, role=role)
    if not chosen:
        return ""
    title = "Pivot points that affect you" if role is not None else "Pivot points common at this stage"
    section = [heading(level, title, "pivot-points"), ""]
    if role is not None and guide.role(role).start_here:
        # For people who use services rather than run them, the term needs a word of explanation.
        section += [
            "A pivot point is a change that can help or harm a service. These are the ones most likely to affect you.",
            "",
        ]
    pivots = [
        (safe(title_link(guide, links, "pivot-point", p.id)), KIND_LABELS[p.kind].lower(), p.summary) for p in chosen
    ]
    return "\n".join(section) + "\n" + widget("pivot_point_list.html", pivot_points=pivots) + "\n"


ILLUSTRATIVE_NOTE = (
    '!!! note "An illustrative story"\n'
    "    This is a composite, illustrative story. It is not a real service and the people in it "
    "are not real. It draws on patterns that the sources describe, which are cited below.\n"
)

# How each nation is named beside the "made up" label (NationId -> words).
NATION_NAMES = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
}


def story_label(nation: str) -> str:
    """The box at the top of a story: made up, and which nation's NHS structures it uses."""
    name = NATION_NAMES[nation]
    return (
        ILLUSTRATIVE_NOTE
        + f"\n    **Set in {name}.** The organisations in it are the kind found in the health service "
        f"in {name}, but none of them is real.\n"
    )


def story(guide: Guide, story_id: str, links: Links, *, level: int = 2) -> str:
    s = guide.story(story_id)
    parts = [story_label(s.nation), f"**Setting:** {plain(s.setting)}", "", plain(s.summary), ""]
    for index, chapter in enumerate(s.chapters, 1):
        parts += [
            heading(level, plain(chapter.heading), f"chapter-{index}"),
            "",
            f'<p class="mbct-meta">Stage: {title_link(guide, links, "stage", chapter.stage)}</p>',
            "",
            markdown_block(chapter.text, links),
            "",
        ]
        if chapter.pivot_points:
            pivots = ", ".join(title_link(guide, links, "pivot-point", p) for p in chapter.pivot_points)
            parts += [f"Pivot points: {pivots}", ""]
        if chapter.actions:
            actions = ", ".join(title_link(guide, links, "action", x) for x in chapter.actions)
            parts += [f"Actions this shows: {actions}", ""]
    parts += [heading(level, "Lessons", "lessons"), "", bullets(plain(x) for x in s.lessons), ""]
    parts += [sources_list(guide, s.sources, links), ""]
    return "\n".join(parts)


def story_list(
    guide: Guide, links: Links, *, stage: str | None = None, role: str | None = None, summaries: bool = True
) -> str:
    """A linked list of stories; without ``summaries``, only their titles (for pages that must stay short)."""
    chosen = guide.stories_showing(stage=stage, role=role)
    if not chosen:
        return "None yet.\n"
    if not summaries:
        return bullets(link(links, plain(s.title), "story", s.id) for s in chosen) + "\n"
    return bullets(f"{link(links, plain(s.title), 'story', s.id)}: {plain(s.summary)}" for s in chosen) + "\n"
