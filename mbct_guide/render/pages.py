"""Sections of the stage, role, theme and home pages; references, glossary, contents lists and print packs."""

from __future__ import annotations

import html as html_lib
import re
from typing import NamedTuple
from urllib.parse import urlencode

from markupsafe import Markup

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import attribute, plain
from .actions import action_cards, first_sentence, short_cards, stage_actions, stage_anchor
from .common import (
    KIND_LABELS,
    bullets,
    cite,
    heading,
    link,
    safe,
    sentence_list,
    sources_list,
    title_link,
    widget,
)
from .stories import pivot_points, story_list


def references(guide: Guide, links: Links) -> str:
    items = []
    for source in guide.sources:
        citation = plain(source.citation)
        if source.url:
            url = str(source.url)
            citation += f' <a href="{attribute(url)}">{plain(url)}</a>'
        note = f' <span class="mbct-note">{plain(source.note)}</span>' if source.note else ""
        items.append(f'<li id="{source.id}">{citation}{note}</li>')
    # Out of search: each source is cited where it is used, and the list would crowd the index.
    return '<ol class="mbct-references" data-search-exclude>\n' + "\n".join(items) + "\n</ol>\n"


def glossary(guide: Guide, links: Links) -> str:
    rows = []
    for term in guide.glossary:
        name = plain(term.term) + (f" ({plain(term.abbreviation)})" if term.abbreviation else "")
        definition = plain(term.definition)
        if term.sources:
            definition += " " + cite(guide, term.sources, links)
        rows.append(f'<dt id="{term.id}">{name}</dt>\n<dd>{definition}</dd>')
    return '<dl class="mbct-glossary">\n' + "\n".join(rows) + "\n</dl>\n"


def stage_overview(guide: Guide, stage_id: str, links: Links, *, level: int = 2) -> str:
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
    ready = stage_ready_for_next(guide, stage_id, links, level=level)
    return "\n".join([*parts, ready] if ready else parts)


def _action_item(links: Links, action: m.Action) -> tuple[Markup, str]:
    """An action's title, linked, and the first sentence of its summary (handout_steps.html)."""
    return safe(link(links, plain(action.title), "action", action.id)), first_sentence(action.summary)


def _first_actions(guide: Guide, ids: list[str], links: Links, level: int) -> str:
    actions = [guide.action(i) for i in ids]
    return short_cards(guide, actions, links, level=level, where=True, anchor=False, first_steps=True)


def stage_start(guide: Guide, stage_id: str, links: Links, *, pack: str, level: int = 2) -> str:
    """The top of a stage page: what the stage looks like and the three actions to do first.
    ``pack`` is the stage's print pack in full (the macros render each pack once per build),
    to say how long it is."""
    stage = guide.stage(stage_id)
    return "\n".join(
        [
            f'<p class="mbct-lead">{plain(stage.summary)}</p>',
            "",
            heading(level, "Start here", "start-here"),
            "",
            heading(level + 1, "What this stage looks like", "what-it-looks-like"),
            "",
            bullets(plain(item) for item in stage.looks_like),
            "",
            heading(level + 1, "Do these first", "first-actions"),
            "",
            _first_actions(guide, list(stage.first_actions), links, level + 2),
            "",
            f'<p class="mbct-pack-link mbct-no-print">'
            f"{link(links, 'Print every action for this stage in full', 'stage-pack', stage_id)} "
            f"({pack_length(pack)}).</p>",
            "",
        ]
    )


def stage_ready_for_next(guide: Guide, stage_id: str, links: Links, *, level: int = 2) -> str:
    """The signs that a service is ready for the next stage, and a link to it."""
    stage = guide.stage(stage_id)
    position = [s.id for s in guide.stages].index(stage_id)
    if not stage.ready_for_next or position + 1 >= len(guide.stages):
        return ""
    following = guide.stages[position + 1]
    return "\n".join(
        [
            heading(level, f"Signs you are ready for {plain(following.title.lower())}", "ready-for-next"),
            "",
            bullets(plain(item) for item in stage.ready_for_next),
            "",
            f"Then read {title_link(guide, links, 'stage', following.id)}.",
            "",
        ]
    )


def counted(count: int, noun: str) -> str:
    """'1 action', '3 actions': the noun agrees with the number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _start_links(role: m.Role, links: Links, level: int) -> str:
    """'Start here' for people who use services: three sections of the role's own page."""
    sections = [
        (safe(link(links, plain(section.title), "role", role.id, anchor=section.anchor)), section.summary)
        for section in role.start_here
    ]
    return widget("role_start_sections.html", sections=sections, level=level)


def _also_read(role: m.Role, links: Links) -> str:
    if not role.also_read:
        return ""
    pages = sentence_list([link(links, plain(p.title), "page", p.page) for p in role.also_read])
    return f'<p class="mbct-also-read"><strong>Also read:</strong> {pages}.</p>'


class _StartStage(NamedTuple):
    """A stage's section of a role's "Start here" (templates/role_start_by_stage.html)."""

    id: str
    title: str
    how_many: str  # "the first two things"
    first_actions: Markup  # cards, from action_cards.html


def _start_by_stage(guide: Guide, role: m.Role, links: Links, level: int) -> str:
    """'Start here' for a role that runs or supports a service: the first things to do at each
    stage, one short section per stage. With JavaScript a choice of stage (radios) shows one
    section: Starting out, the stage in the address (?stage=), or the stage the self-assessment
    answers saved in this browser point to (start-stage.js, share.js). Without it all three show."""
    stages = []
    for stage in guide.stages:
        ids = role.first_actions[stage.id]
        how_many = {1: "the first thing", 2: "the first two things", 3: "the first three things"}[len(ids)]
        cards = safe(_first_actions(guide, ids, links, level + 1))
        stages.append(_StartStage(stage.id, stage.title, how_many, cards))
    answers = link(links, "See your answers", "page", "tools/self-assessment.md")
    return widget("role_start_by_stage.html", stages=stages, level=level, answers_link=safe(answers))


def role_start(guide: Guide, role_id: str, links: Links, *, pack: str, level: int = 2) -> str:
    """The top of a role page: who it is for, the first three things to do, and a stage picker.
    ``pack`` is the role's print pack in full, as for ``stage_start``."""
    role = guide.role(role_id)
    picker = [
        (
            safe(link(links, plain(s.title), "role", role_id, anchor=stage_anchor(s.id))),
            counted(len(guide.actions_where(stage=s.id, role=role_id)), "action"),
        )
        for s in guide.stages
    ]
    handout = link(links, "Print a handout", "handout", role_id)
    pack_link = link(links, "print every action for your role in full", "role-pack", role_id)
    if role.start_here:
        first = ["Three places to start:", "", _start_links(role, links, level + 1)]
        picker_label = "Ways you can help a service, at each stage:"
    else:
        first = [_start_by_stage(guide, role, links, level + 1)]
        picker_label = "Your actions at each stage:"
    return "\n".join(
        [
            f'<p class="mbct-lead">{plain(role.who)}</p>',
            "",
            heading(level, "Start here", "start-here"),
            "",
            *first,
            "",
            _also_read(role, links),
            "",
            widget("role_stage_picker.html", label=picker_label, stages=picker),
            "",
            f'<p class="mbct-pack-link mbct-no-print">{handout} (2 pages), or {pack_link} ({pack_length(pack)}).</p>',
            "",
        ]
    )


def handout_steps(guide: Guide, role_id: str, stage_id: str) -> list:
    """A role's first actions at a stage, as its role page's 'Start here' lists them."""
    return [guide.action(i) for i in guide.role(role_id).first_actions.get(stage_id, [])]


def _handout_first_steps(guide: Guide, role: m.Role, links: Links) -> list[str]:
    """The handout's first steps: the places to start on the role's page, for people who use
    services; otherwise the first actions at each stage."""
    if role.start_here:
        steps = [
            (safe(link(links, plain(step.title), "role", role.id, anchor=step.anchor)), step.summary)
            for step in role.start_here
        ]
        led = guide.actions_where(role=role.id)
        helps = [_action_item(links, x) for x in led if x.lead_role == role.id]
        parts = [
            heading(2, "First steps", "first-steps"),
            "",
            widget("handout_steps.html", steps=steps, numbered=True),
            "",
        ]
        if helps:
            parts += [
                heading(2, "Ways you can help a service", "help-a-service"),
                "",
                widget("handout_steps.html", steps=helps, numbered=False),
                "",
            ]
        return parts
    parts = [heading(2, "First steps at each stage", "first-steps"), ""]
    for stage in guide.stages:
        steps = [_action_item(links, x) for x in handout_steps(guide, role.id, stage.id)]
        if steps:
            parts += [
                heading(3, plain(stage.title), stage_anchor(stage.id)),
                "",
                widget("handout_steps.html", steps=steps, numbered=True),
                "",
            ]
    return parts


def handout(guide: Guide, role_id: str, links: Links) -> str:
    """A role's essentials, to print on two A4 pages and take to a meeting."""
    role = guide.role(role_id)
    parts = [
        '<div class="mbct-handout" markdown>',
        "",
        f'<p class="mbct-lead">{plain(role.who)}</p>',
        "",
        heading(2, "Why your role matters", "why"),
        "",
        f"<p>{plain(role.why_it_matters)}</p>",
        sources_list(guide, role.sources, links),
        "",
        *_handout_first_steps(guide, role, links),
    ]
    if role.also_read:
        read = [(p.title, links.address("page", p.page)) for p in role.also_read]
        parts += [
            heading(2, "Read early", "read-early"),
            "",
            widget("handout_addresses.html", addresses=read, bold=True),
            "",
        ]
    pivots = [
        (safe(link(links, plain(p.title), "pivot-point", p.id)), KIND_LABELS[p.kind].lower(), p.summary)
        for p in guide.pivot_points_where(role=role_id)
    ]
    if pivots:  # no heading over an empty list
        parts += [
            heading(2, "Pivot points to watch", "pivot-points"),
            "",
            widget("handout_pivot_points.html", pivot_points=pivots),
            "",
        ]
    explorer = f"{links.address('page', 'explorer.md')}?{urlencode({'role': role_id})}"
    more = [
        ("Everything for your role", links.address("role", role_id)),
        ("Every action, filtered for your role", explorer),
        ("Check where your service is now", links.address("page", "tools/self-assessment.md")),
    ]
    if role.start_here:  # people who use services are not assessing one
        more = [*more[:1], ("If you need help now", links.address("page", "urgent-help.md"))]
    parts += [
        heading(2, "Where to find the rest", "more"),
        "",
        widget("handout_addresses.html", addresses=more, bold=False),
        "",
    ]
    return "\n".join([*parts, "</div>", ""])


# How much printed text fills an A4 page of a print pack, and the pages a pack adds around it
# (its title, introduction and section headings). Measured by printing every pack from
# Chromium; tests/test_reading.py prints them all again and checks each label within 15%.
CHARACTERS_PER_PAGE = 1650
PAGES_AROUND = 2
# Each scan stops at the next "<" as well as at ">", so a flood of "<" is read once (linear).
_TAG = re.compile(r"<[^<>]*+>")
_PRINTED_ADDRESS = re.compile(r'<a (?![^<>]*\bmbct-url\b)[^<>]*href="(https?://[^"<>]*)"')


def printed_characters(html: str) -> int:
    """The characters a page's HTML prints: its text, and the address after each web link
    (print CSS writes it out, except after links whose words are the address)."""
    text = " ".join(html_lib.unescape(_TAG.sub(" ", html)).split())
    return len(text) + sum(len(url) + 3 for url in _PRINTED_ADDRESS.findall(html))


def pack_length(pack_html: str) -> str:
    """How long a print pack runs, so people know before they print: worked out from how much
    text the pack prints, as a whole number of A4 pages."""
    pages = max(1, round(printed_characters(pack_html) / CHARACTERS_PER_PAGE + PAGES_AROUND))
    return f"about {pages} A4 page{'s' if pages != 1 else ''}"


def role_what_matters(guide: Guide, role_id: str, *, level: int = 2) -> str:
    """What matters to people in a role."""
    role = guide.role(role_id)
    return "\n".join(
        [
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
        f'<li class="mbct-card"><p class="mbct-card__title">{link(links, plain(title), kind, target)}</p>'
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
            items.append(f"<li>{link(links, plain(title), 'page', target)}</li>")
    return (
        f'<nav class="mbct-hub" aria-label="{attribute(name)}: pages in this guide">'
        f'<p class="mbct-hub__title">{plain(name)}: contents</p><ol>{"".join(items)}</ol></nav>\n'
    )


# --- print packs -------------------------------------------------------------------------


def role_pack(guide: Guide, role_id: str, links: Links) -> str:
    """Everything for one role on one page, with every action in full, for printing."""
    role = guide.role(role_id)
    parts = [f'<p class="mbct-lead">{plain(role.who)}</p>', "", role_what_matters(guide, role_id, level=2)]
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, role=role_id)
        parts += [heading(2, plain(stage.title), stage_anchor(stage.id)), "", plain(stage.summary), ""]
        parts += [action_cards(guide, actions, links, level=3, full=True) if actions else "No actions yet.", ""]
    parts.append(_pack_pivot_points_and_stories(guide, links, "Pivot points that affect you", role=role_id))
    return "\n".join(parts)


def _pack_pivot_points_and_stories(guide: Guide, links: Links, title: str, **only: str) -> str:
    """The end of a print pack: its pivot points in full, then its stories."""
    return "\n".join(
        [
            heading(2, title, "pivot-points"),
            "",
            pivot_points(guide, links, level=3, **only),
            "",
            heading(2, "Stories", "stories"),
            "",
            story_list(guide, links, **only),
        ]
    )


def stage_pack(guide: Guide, stage_id: str, links: Links) -> str:
    """Everything for one stage on one page, for printing."""
    parts = [
        stage_overview(guide, stage_id, links),
        "",
        heading(2, "Actions for each theme", "actions"),
        "",
        stage_actions(guide, stage_id, links, level=3, full=True),
        "",
        _pack_pivot_points_and_stories(guide, links, "Pivot points common at this stage", stage=stage_id),
    ]
    return "\n".join(parts)
