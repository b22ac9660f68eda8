"""Actions: cards, the stage and role lists, the stage-by-theme table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlencode

from markupsafe import Markup

from .. import models as m
from ..guide import Guide
from ..routes import TOOL_PAGES, Links
from ..sanitise import safe_markdown_html
from ..text import markdown_references, plain
from .common import KEY_ACTIVITY_LABELS, heading, link, ready_html, safe, sentence_list, sources_list, widget


def first_sentence(text: str) -> str:
    """The first sentence of a summary, for cards and lists that must stay short."""
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def action_meta(guide: Guide, action: m.Action, links: Links) -> str:
    """Stage, theme, roles and framework elements of an action, as linked HTML."""
    lead = link(links, plain(guide.role(action.lead_role).title), "role", action.lead_role)
    others = [link(links, plain(guide.role(r).title), "role", r) for r in action.roles if r != action.lead_role]
    who = f"Led by {lead}" + (f", with {sentence_list(others)}" if others else "")
    stage = link(links, plain(guide.stage(action.stage).title), "stage", action.stage)
    theme = link(links, plain(guide.theme(action.theme).title), "theme", action.theme)
    elements = ", ".join(link(links, plain(guide.element(e).title), "element", e) for e in action.elements)
    return f"{stage} · {theme} · {who} · Framework: {elements}"


def _links_to(guide: Guide, links: Links, kind: str, ids: Iterable[str], title_of) -> str:
    return ", ".join(link(links, plain(title_of(i).title), kind, i) for i in ids)


def tool_link(links: Links, tool: str, *, lower: bool = False) -> str:
    """A link to a tool's page, named as the menu names it."""
    name = links.menu_title(TOOL_PAGES[tool])
    return link(links, plain(name.lower() if lower else name), "page", TOOL_PAGES[tool])


class _FilterIds(NamedTuple):
    """The ids the explorer filters an action's card on; lists of ids are space-separated."""

    stage: str
    theme: str
    roles: str
    elements: str
    topics: str


class _Card(NamedTuple):
    """What a short card shows of an action, in the order templates/action_cards.html unpacks it."""

    anchor: str  # the action's id, or "" on a page that has its anchor elsewhere
    href: str
    title: str
    summary: str
    lead: str
    key_activity: str
    where: tuple[str, ...]  # its stage and theme titles, or nothing
    ids: _FilterIds | None


def _card(guide: Guide, action: m.Action, links: Links, *, where: bool, anchor: bool, filters: bool) -> _Card:
    ids = None
    if filters:
        elements = " ".join(dict.fromkeys([*action.top_elements, *action.elements]))
        ids = _FilterIds(action.stage, action.theme, " ".join(action.all_roles), elements, " ".join(action.topics))
    return _Card(
        action.id if anchor else "",
        links.url("action", action.id),
        action.title,
        first_sentence(action.summary),
        guide.role(action.lead_role).title,
        KEY_ACTIVITY_LABELS[action.key_activity] if action.key_activity else "",
        (guide.stage(action.stage).title, guide.theme(action.theme).title) if where else (),
        ids,
    )


def short_cards(
    guide: Guide,
    actions: Iterable[m.Action],
    links: Links,
    *,
    level: int = 3,
    where: bool = False,
    anchor: bool = True,
    filters: bool = False,
    first_steps: bool = False,
) -> str:
    """Short cards (see ``action_card``), rendered together: a template per card would cost more
    than the cards. ``first_steps`` makes them the items of a "Do these first" numbered list."""
    cards = [_card(guide, x, links, where=where, anchor=anchor, filters=filters) for x in actions]
    return widget("action_cards.html", cards=cards, level=level, first_steps=first_steps).removesuffix("\n")


def action_card(
    guide: Guide,
    action_id: str,
    links: Links,
    *,
    level: int = 3,
    full: bool = False,
    where: bool = False,
    anchor: bool = True,
    filters: bool = False,
) -> str:
    """One action as a card that keeps the action's anchor (#<id>) on the page it is on.

    The usual card is short: the title, linked to the action's own page, its summary and
    who leads it (``where`` adds its stage and theme, for lists that mix them). Cards repeat
    guidance that lives in full on the action's page, so site search skips them. ``full``
    prints the whole action instead, for the print packs. A page holds each anchor once, so a
    second card for the same action (as in "Start here") has ``anchor=False``. ``filters`` adds
    the ids the explorer filters on, which only the explorer needs.

    Cards are plain HTML rather than Markdown: pages hold many of them, and HTML passes
    through Markdown untouched, which keeps builds fast as the guidance grows."""
    action = guide.action(action_id)
    if full:
        return full_cards(guide, [action], links, level=level)
    return short_cards(guide, [action], links, level=level, where=where, anchor=anchor, filters=filters)


def _details(guide: Guide, action: m.Action, links: Links) -> str:
    """The detail, signs of progress, pivot points, templates and tools, as HTML lines."""
    html = widget(
        "action_details.html",
        detail=safe(safe_markdown_html(action.detail, links)),
        signs=action.signs_of_progress,
        pivot_points=safe(_links_to(guide, links, "pivot-point", action.pivot_points, guide.pivot_point)),
        templates=safe(_links_to(guide, links, "template", action.templates, guide.template)),
        tools=safe(", ".join(tool_link(links, t) for t in action.tools)),
    )
    return html.removesuffix("\n")  # lines joined, with none after the last


class _FullCard(NamedTuple):
    """What a print-pack card shows of an action (templates/action_full_cards.html)."""

    id: str
    title: str
    meta: Markup
    key_activity: str
    summary: str
    details: Markup
    sources: Markup
    address: str


def full_cards(guide: Guide, actions: Iterable[m.Action], links: Links, *, level: int = 3) -> str:
    """Actions in full, for the print packs (see ``action_card``)."""
    cards = [
        _FullCard(
            action.id,
            action.title,
            safe(action_meta(guide, action, links)),
            KEY_ACTIVITY_LABELS[action.key_activity] if action.key_activity else "",
            action.summary,
            safe(_details(guide, action, links)),
            safe(sources_list(guide, action.sources, links)),
            # Printed, a relative link says nothing, so the pack gives the published address.
            links.address("action", action.id) if links.site_url else links.url("action", action.id),
        )
        for action in actions
    ]
    return widget("action_full_cards.html", cards=cards, level=level).removesuffix("\n")


# An action page names at most this many of its theme's actions at the stage before, and at
# the stage after; when there are more, it links to the theme page's list for that stage.
# When it was set (December 2026) no theme had more than 4 at a stage. Without a limit, a
# page's list (and the build's time) would grow with the square of the actions: 10 times the
# actions, 40 links a page.
RELATED_AT_A_STAGE = 5


class MoreAtStage(NamedTuple):
    """All of a theme's actions at a stage, shown as one link when they are too many to name."""

    stage: str
    theme: str
    count: int


def related_actions(guide: Guide, action: m.Action) -> list[tuple[str, m.Action | MoreAtStage]]:
    """(how it relates, action): the same theme at the stages before and after (at most
    RELATED_AT_A_STAGE of each, then all of them as one entry), then the actions its guidance
    links to."""
    stage_ids = [s.id for s in guide.stages]
    position = stage_ids.index(action.stage)
    related: list[tuple[str, m.Action | MoreAtStage]] = []
    for offset, label in ((-1, "Earlier"), (1, "Next")):
        if 0 <= position + offset < len(stage_ids):
            neighbour = stage_ids[position + offset]
            how = f"{label}, {guide.stage(neighbour).title.lower()}"
            same_theme = guide.actions_where(stage=neighbour, theme=action.theme)
            related += [(how, x) for x in same_theme[:RELATED_AT_A_STAGE]]
            if len(same_theme) > RELATED_AT_A_STAGE:
                related.append((how, MoreAtStage(neighbour, action.theme, len(same_theme))))
    seen = {x.id for _, x in related if isinstance(x, m.Action)} | {action.id}
    for kind, ref in markdown_references(action.detail):
        if kind == "action" and ref not in seen:
            related.append(("Linked in this guidance", guide.action(ref)))
            seen.add(ref)
    return related


def _related_link(guide: Guide, links: Links, related: m.Action | MoreAtStage) -> str:
    if isinstance(related, MoreAtStage):
        stage = plain(guide.stage(related.stage).title.lower())
        label = f"all {related.count} {stage} actions in this theme"
        return link(links, label, "theme", related.theme, anchor=stage_anchor(related.stage))
    return link(links, plain(related.title), "action", related.id)


def action_page(guide: Guide, action_id: str, links: Links) -> str:
    """Everything about one action, on its own page at /actions/<id>/."""
    action = guide.action(action_id)
    others = [link(links, plain(guide.role(r).title), "role", r) for r in action.roles if r != action.lead_role]
    # Each topic opens the explorer filtered by it, with the other actions on that topic.
    explorer = links.url("page", "explorer.md")
    where = widget(
        "action_page_where.html",
        summary=action.summary,
        stage=safe(link(links, plain(guide.stage(action.stage).title), "stage", action.stage)),
        theme=safe(link(links, plain(guide.theme(action.theme).title), "theme", action.theme)),
        lead=safe(link(links, plain(guide.role(action.lead_role).title), "role", action.lead_role)),
        others=safe(sentence_list(others)),
        elements=safe(", ".join(link(links, plain(guide.element(e).title), "element", e) for e in action.elements)),
        key_activity=KEY_ACTIVITY_LABELS[action.key_activity] if action.key_activity else "",
        topics=[(f"{explorer}?{urlencode({'topic': t})}", guide.topic(t).title) for t in action.topics],
    )
    parts = [
        ready_html(where),
        "",
        heading(2, "Why and how", "why-and-how"),
        "",
        ready_html(_details(guide, action, links)),
        "",
    ]
    related = related_actions(guide, action)
    if related:
        related_list = widget(
            "action_page_related.html",
            related=[(how, safe(_related_link(guide, links, x))) for how, x in related],
        )
        parts += [heading(2, "Related actions", "related"), "", ready_html(related_list), ""]
    card = link(links, f"all {plain(guide.stage(action.stage).title.lower())} actions", "action-card", action.id)
    sources = widget(
        "action_page_sources.html",
        sources=[safe(link(links, plain(guide.source(s).citation), "source", s)) for s in action.sources],
        card=safe(card),
    )
    parts += [heading(2, "Sources", "sources"), "", ready_html(sources), ""]
    return "\n".join(parts)


def action_cards(
    guide: Guide,
    actions: Iterable[m.Action],
    links: Links,
    *,
    level: int = 3,
    full: bool = False,
    where: bool = False,
    filters: bool = False,
) -> str:
    if full:
        return ready_html(full_cards(guide, actions, links, level=level))
    return ready_html(short_cards(guide, actions, links, level=level, where=where, filters=filters))


def stage_actions(guide: Guide, stage_id: str, links: Links, *, level: int = 2, full: bool = False) -> str:
    """A stage's actions grouped by theme, as cards that keep each action's anchor (#<id>)."""
    parts = []
    for theme in guide.themes:
        actions = guide.actions_where(stage=stage_id, theme=theme.id)
        if not actions:
            continue
        develops = link(links, f"how {plain(theme.title.lower())} develops across the stages", "theme", theme.id)
        parts += [
            heading(level, plain(theme.title), f"theme-{theme.id}"),
            "",
            f'<p class="mbct-meta mbct-no-print">See {develops}.</p>' if not full else plain(theme.summary),
            "",
            action_cards(guide, actions, links, level=level + 1, full=full),
        ]
    return "\n".join(parts)


def stage_anchor(stage_id: str) -> str:
    """The anchor of a stage's part of a page that goes stage by stage (a theme page, a role
    page, a role's handout and print pack), for the heading and for the links to it."""
    return f"stage-{stage_id}"


def theme_across_stages(guide: Guide, theme_id: str, links: Links, *, level: int = 2) -> str:
    """How one theme develops: its actions at each stage, in summary, linking to the detail."""
    parts = []
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, theme=theme_id)
        parts += [
            heading(level, plain(stage.title), stage_anchor(stage.id)),
            "",
            plain(stage.summary),
            "",
            action_cards(guide, actions, links, level=level + 1) if actions else "No actions yet.",
            "",
        ]
    return "\n".join(parts)


def role_actions(guide: Guide, role_id: str, links: Links, *, level: int = 2) -> str:
    """A role's actions, stage by stage, lead actions first."""
    parts = []
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, role=role_id)
        leading = [a for a in actions if a.lead_role == role_id]
        helping = [a for a in actions if a.lead_role != role_id]
        parts += [heading(level, plain(stage.title), stage_anchor(stage.id)), ""]
        if leading:
            parts += [
                f"**You lead** ({len(leading)})",
                "",
                action_cards(guide, leading, links, level=level + 1),
            ]
        if helping:
            # Actions others lead: a short list of links, so the page stays quick to scan.
            items = "".join(
                f"<li>{link(links, plain(x.title), 'action', x.id)} "
                f'<span class="mbct-meta">(led by {plain(guide.role(x.lead_role).title)})</span></li>'
                for x in helping
            )
            parts += [
                f"**You help** ({len(helping)})",
                "",
                f'<ul class="mbct-help-list" data-search-exclude>{items}</ul>',
                "",
            ]
        if not actions:
            parts += ["No actions for this role at this stage yet.", ""]
    return "\n".join(parts)


def stage_theme_table(guide: Guide, links: Links) -> str:
    """The spine of the site: themes down the side, stages across, actions in each cell.

    HTML rather than a Markdown table: every action is linked here, so it grows with them."""
    head = "".join(f'<th scope="col">{plain(s.title)}</th>' for s in guide.stages)
    rows = []
    for theme in guide.themes:
        cells = []
        for stage in guide.stages:
            actions = guide.actions_where(stage=stage.id, theme=theme.id)
            cell = "<br>".join(link(links, plain(action.title), "action", action.id) for action in actions)
            cells.append(f"<td>{cell or 'None yet'}</td>")
        theme_cell = link(links, plain(theme.title), "theme", theme.id)
        rows.append(f'<tr><th scope="row">{theme_cell}</th>{"".join(cells)}</tr>')
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<caption>Every action, by theme and stage</caption>"
        f'<thead><tr><th scope="col">Theme</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>\n'
    )
