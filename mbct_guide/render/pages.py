"""Sections of the stage, role, theme and home pages; references, glossary, contents lists and print packs."""

from __future__ import annotations

from ..guide import Guide
from ..routes import Links
from ..text import plain
from .actions import action_cards, stage_actions
from .common import a, bullets, cite, heading, title_link
from .stories import pivot_points, story_list


def references(guide: Guide, links: Links) -> str:
    items = []
    for source in guide.sources:
        citation = plain(source.citation)
        if source.url:
            url = str(source.url)
            citation += f' <a href="{url_attribute(url)}">{plain(url)}</a>'
        note = f' <span class="mbct-note">{plain(source.note)}</span>' if source.note else ""
        items.append(f'<li id="{source.id}">{citation}{note}</li>')
    return '<ol class="mbct-references">\n' + "\n".join(items) + "\n</ol>\n"


def url_attribute(url: str) -> str:
    from ..text import attribute

    return attribute(url)


def glossary(guide: Guide, links: Links) -> str:
    rows = []
    for term in guide.glossary:
        name = plain(term.term) + (f" ({plain(term.abbreviation)})" if term.abbreviation else "")
        definition = plain(term.definition)
        if term.sources:
            definition += " " + cite(guide, term.sources, links)
        rows.append(f'<dt id="{term.id}">{name}</dt>\n<dd>{definition}</dd>')
    return '<dl class="mbct-glossary">\n' + "\n".join(rows) + "\n</dl>\n"


def _pack_link(links: Links, kind: str, target_id: str, what: str) -> str:
    link = a(links, f"Print or save {what} on one page", kind, target_id)
    return f'<p class="mbct-pack-link mbct-no-print">{link}</p>'


def stage_overview(guide: Guide, stage_id: str, links: Links, *, level: int = 2, pack_link: bool = True) -> str:
    """What a stage looks like and the signs that you are ready for the next."""
    stage = guide.stage(stage_id)
    parts = [
        f'<p class="mbct-lead">{plain(stage.summary)}</p>',
        "",
        heading(level, "What this stage looks like", "what-it-looks-like"),
        "",
        bullets(plain(item) for item in stage.looks_like),
        "",
    ]
    position = [s.id for s in guide.stages].index(stage_id)
    if stage.ready_for_next and position + 1 < len(guide.stages):
        following = guide.stages[position + 1]
        parts += [
            heading(level, f"Signs you are ready for {plain(following.title.lower())}", "ready-for-next"),
            "",
            bullets(plain(item) for item in stage.ready_for_next),
            "",
            f"Then read {title_link(guide, links, 'stage', following.id)}.",
            "",
        ]
    if pack_link:
        parts += [_pack_link(links, "stage-pack", stage_id, "everything for this stage"), ""]
    return "\n".join(parts)


def role_overview(guide: Guide, role_id: str, links: Links, *, level: int = 2) -> str:
    """Who a role covers and what matters to them."""
    role = guide.role(role_id)
    return "\n".join(
        [
            f'<p class="mbct-lead">{plain(role.who)}</p>',
            "",
            heading(level, "What matters to you", "what-matters"),
            "",
            bullets(plain(item) for item in role.what_matters),
            "",
        ]
    )


def theme_summary(guide: Guide, theme_id: str) -> str:
    """A theme's one-sentence summary, as the lead paragraph of its page."""
    return f'<p class="mbct-lead">{plain(guide.theme(theme_id).summary)}</p>\n'


def _cards(links: Links, items: list[tuple[str, str, str, str]], css: str = "") -> str:
    """Linked cards: (title, kind, id, text) each."""
    cards = "".join(
        f'<li class="mbct-card"><p class="mbct-card__title">{a(links, plain(title), kind, target)}</p>'
        f"<p>{plain(text)}</p></li>"
        for title, kind, target, text in items
    )
    return f'<ul class="mbct-cards{css}">{cards}</ul>\n'


def role_cards(guide: Guide, links: Links) -> str:
    """A card per role, linking to its page: 'start by role' on the home page."""
    return _cards(links, [(r.title, "role", r.id, r.who) for r in guide.roles])


def stage_cards(guide: Guide, links: Links) -> str:
    return _cards(links, [(s.title, "stage", s.id, s.summary) for s in guide.stages], " mbct-cards--stages")


def theme_list(guide: Guide, links: Links) -> str:
    return bullets(f"{title_link(guide, links, 'theme', t.id)}: {plain(t.summary)}" for t in guide.themes) + "\n"


# --- mini-hub contents -------------------------------------------------------------------


def _nav_entries(items: list) -> list[tuple[str, str | list]]:
    """Normalise mkdocs nav items to (title, target) pairs; bare paths are section overviews."""
    entries = []
    for item in items:
        if isinstance(item, str):
            entries.append(("Overview", item))
        elif isinstance(item, dict):
            entries.extend(item.items())
    return entries


def find_section(nav: list, page: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The nav section (its name and its pages) that directly holds ``page``."""
    for title, target in _nav_entries(nav):
        if isinstance(target, list):
            pages = [(t, p) for t, p in _nav_entries(target) if isinstance(p, str)]
            if any(p == page for _, p in pages):
                return title, pages
            found = find_section(target, page)
            if found:
                return found
    return None


def hub_contents(nav: list, links: Links) -> str:
    """An NHS-style contents list of the pages in this guide, with the current page marked."""
    section = find_section(nav, links.page)
    if section is None:
        return ""
    name, pages = section
    items = []
    for title, target in pages:
        if target == links.page:
            items.append(f'<li><strong aria-current="page">{plain(title)}</strong></li>')
        else:
            items.append(f"<li>{a(links, plain(title), 'page', target)}</li>")
    return (
        f'<nav class="mbct-hub" aria-label="{url_attribute(name)}: pages in this guide">'
        f'<p class="mbct-hub__title">{plain(name)}: contents</p><ol>{"".join(items)}</ol></nav>\n'
    )


# --- print packs -------------------------------------------------------------------------


def role_pack(guide: Guide, role_id: str, links: Links) -> str:
    """Everything for one role on one page, with every action in full, for printing."""
    role = guide.role(role_id)
    parts = [
        f'<p class="mbct-lead">{plain(role.who)}</p>',
        "",
        heading(2, "What matters to you", "what-matters"),
        "",
        bullets(plain(item) for item in role.what_matters),
        "",
    ]
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, role=role_id)
        parts += [heading(2, plain(stage.title), f"stage-{stage.id}"), "", plain(stage.summary), ""]
        parts += [action_cards(guide, actions, links, level=3, full=True) if actions else "No actions yet.", ""]
    parts += [
        heading(2, "Pivot points that affect you", "pivot-points"),
        "",
        pivot_points(guide, links, role=role_id, level=3),
        "",
        heading(2, "Stories", "stories"),
        "",
        story_list(guide, links, role=role_id),
    ]
    return "\n".join(parts)


def stage_pack(guide: Guide, stage_id: str, links: Links) -> str:
    """Everything for one stage on one page, for printing."""
    parts = [
        stage_overview(guide, stage_id, links, pack_link=False),
        "",
        heading(2, "Actions for each theme", "actions"),
        "",
        stage_actions(guide, stage_id, links, level=3),
        "",
        heading(2, "Pivot points common at this stage", "pivot-points"),
        "",
        pivot_points(guide, links, stage=stage_id, level=3),
        "",
        heading(2, "Stories", "stories"),
        "",
        story_list(guide, links, stage=stage_id),
    ]
    return "\n".join(parts)
