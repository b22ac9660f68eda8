"""Renderers: pure functions from the Guide to Markdown (with a little HTML).

Each takes the Guide, its arguments and ``page`` (the docs/ path of the page being
built, such as ``roles/teacher.md``) so that links can be made relative and checked by
MkDocs. Plain-text fields go through ``text.plain``; Markdown fields through
``safety.safe_markdown_html`` or ``safety.markdown_block`` (sanitised HTML). Nothing here
reads files or keeps state.
"""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Iterable

from . import models as m
from .guide import Guide
from .safety import markdown_block, safe_markdown_html
from .text import attribute, file_url, plain, relative, url_from

ACTION_ANCHOR_PAGE = "journey/{stage}.md#{id}"
REFERENCES_PAGE = "about/references.md"
GLOSSARY_PAGE = "about/glossary.md"
PIVOT_POINTS_PAGE = "pivot-points.md"
KIND_LABELS = {"challenge": "Challenge", "opportunity": "Opportunity", "either": "Challenge or opportunity"}
KEY_ACTIVITY_LABELS = {
    "make-the-case": "Make the case",
    "network-of-support": "Set up a network of support",
    "trained-teachers": "Get trained teachers",
}


# --- small pieces ------------------------------------------------------------------------


def _link(label_markdown: str, target: str, page: str) -> str:
    return f"[{label_markdown}]({relative(target, page)})"


def _stage_of_action(guide: Guide) -> dict[str, str]:
    return {a.id: a.stage for a in guide.actions}


def action_link(guide: Guide, action_id: str, page: str) -> str:
    action = guide.action(action_id)
    return _link(plain(action.title), ACTION_ANCHOR_PAGE.format(stage=action.stage, id=action.id), page)


def pivot_link(guide: Guide, pivot_id: str, page: str) -> str:
    return _link(plain(guide.pivot_point(pivot_id).title), f"{PIVOT_POINTS_PAGE}#{pivot_id}", page)


def stage_link(guide: Guide, stage_id: str, page: str) -> str:
    return _link(plain(guide.stage(stage_id).title), f"journey/{stage_id}.md", page)


def theme_link(guide: Guide, theme_id: str, page: str) -> str:
    return _link(plain(guide.theme(theme_id).title), f"themes/{theme_id}.md", page)


def role_link(guide: Guide, role_id: str, page: str) -> str:
    return _link(plain(guide.role(role_id).title), f"roles/{role_id}.md", page)


def _sentence_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cite(guide: Guide, source_ids: Iterable[str], page: str) -> str:
    """Inline citation such as '(NICE CG90, 2009; Crane and Kuyken, 2013)' linked to the references."""
    parts = []
    for source_id in source_ids:
        source = guide.source(source_id)
        year = source.year or "n.d."
        parts.append(_link(f"{plain(source.short)}, {year}", f"{REFERENCES_PAGE}#{source.id}", page))
    return f"({'; '.join(parts)})" if parts else ""


def _sources_line(guide: Guide, source_ids: Iterable[str], page: str) -> str:
    links = [_link(plain(guide.source(s).short), f"{REFERENCES_PAGE}#{s}", page) for s in source_ids]
    return f"Sources: {'; '.join(links)}" if links else ""


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _data_attributes(action: m.Action) -> str:
    """Attributes the explorer filters on; ids only, so no escaping surprises."""
    elements = " ".join(dict.fromkeys([*action.top_elements, *action.elements]))
    return (
        f'data-stage="{action.stage}" data-theme="{action.theme}" '
        f'data-roles="{" ".join(action.all_roles)}" data-elements="{elements}"'
    )


# --- actions -----------------------------------------------------------------------------


def _a(label_html: str, target: str, page: str, css: str = "") -> str:
    """A link in raw HTML (MkDocs does not rewrite these; tests check every one resolves)."""
    class_attribute = f' class="{css}"' if css else ""
    return f'<a href="{attribute(url_from(target, page))}"{class_attribute}>{label_html}</a>'


def action_meta(guide: Guide, action: m.Action, page: str) -> str:
    """Stage, theme, roles and framework elements of an action, as linked HTML."""
    lead = _a(plain(guide.role(action.lead_role).title), f"roles/{action.lead_role}.md", page)
    others = [_a(plain(guide.role(r).title), f"roles/{r}.md", page) for r in action.roles if r != action.lead_role]
    who = f"Led by {lead}" + (f", with {_sentence_list(others)}" if others else "")
    stage = _a(plain(guide.stage(action.stage).title), f"journey/{action.stage}.md", page)
    theme = _a(plain(guide.theme(action.theme).title), f"themes/{action.theme}.md", page)
    elements = ", ".join(_a(plain(guide.element(e).title), f"framework.md#{e}", page) for e in action.elements)
    return f"{stage} · {theme} · {who} · Framework: {elements}"


def action_card(guide: Guide, action_id: str, page: str, *, level: int = 3, full: bool = True) -> str:
    """One action, as HTML, with its anchor. ``full`` adds the detail; otherwise it links to it.

    Cards are plain HTML rather than Markdown: pages hold many of them, and HTML passes
    through Markdown untouched, which keeps builds fast as the guidance grows. Compact cards
    repeat guidance that lives in full on its stage page, so site search skips them."""
    action = guide.action(action_id)
    canonical = ACTION_ANCHOR_PAGE.format(stage=action.stage, id=action.id)
    search = "" if full else " data-search-exclude"
    parts = [
        f'<article class="mbct-action{"" if full else " mbct-action--compact"}" {_data_attributes(action)}{search}>',
        f'<h{level} id="{action.id}">{plain(action.title)}</h{level}>',
    ]
    if full:
        parts.append(f'<p class="mbct-meta">{action_meta(guide, action, page)}</p>')
    else:
        lead = plain(guide.role(action.lead_role).title)
        where = f"{plain(guide.stage(action.stage).title)} · {plain(guide.theme(action.theme).title)}"
        parts.append(f'<p class="mbct-meta">{where} · Led by: {lead}</p>')
    if action.key_activity:
        label = KEY_ACTIVITY_LABELS[action.key_activity]
        parts.append(f'<p class="mbct-key-activity">Key starting-out activity: {plain(label)}</p>')
    parts.append(f'<p class="mbct-summary">{plain(action.summary)}</p>')
    if full:
        parts.append(safe_markdown_html(action.detail, page, _stage_of_action(guide)))
        if action.signs_of_progress:
            signs = "".join(f"<li>{plain(sign)}</li>" for sign in action.signs_of_progress)
            parts.append(f"<p><strong>How you will know it is working</strong></p><ul>{signs}</ul>")
        if action.pivot_points:
            links = ", ".join(
                _a(plain(guide.pivot_point(p).title), f"{PIVOT_POINTS_PAGE}#{p}", page) for p in action.pivot_points
            )
            parts.append(f"<p>Pivot points this helps with: {links}</p>")
        if action.templates:
            links = ", ".join(
                _a(plain(guide.template(t).title), f"tools/templates/{t}.md", page) for t in action.templates
            )
            parts.append(f"<p>Templates: {links}</p>")
        sources = "; ".join(_a(plain(guide.source(s).short), f"{REFERENCES_PAGE}#{s}", page) for s in action.sources)
        parts.append(f'<p class="mbct-sources">Sources: {sources}</p>')
    # The permalink is always the action's home on its stage page.
    more = "" if full else f"{_a('Read the full guidance', canonical, page)} · "
    parts.append(
        f'<p class="mbct-permalink">{more}<a class="mbct-copy-link" href="{url_from(canonical, page)}" '
        f'data-action-id="{action.id}">Link to this action</a></p>'
    )
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def action_cards(guide: Guide, actions: Iterable[m.Action], page: str, *, level: int = 3, full: bool = True) -> str:
    return "\n".join(action_card(guide, a.id, page, level=level, full=full) for a in actions)


def stage_actions(guide: Guide, stage_id: str, page: str, *, level: int = 2) -> str:
    """A stage's actions grouped by theme: the canonical home of each action's anchor."""
    parts = []
    for theme in guide.themes:
        actions = guide.actions_where(stage=stage_id, theme=theme.id)
        if not actions:
            continue
        parts += [
            f"{'#' * level} {plain(theme.title)} {{: #theme-{theme.id} }}",
            "",
            f"{plain(theme.summary)} {_link('See how this theme develops', f'themes/{theme.id}.md', page)}.",
            "",
            action_cards(guide, actions, page, level=level + 1, full=True),
        ]
    return "\n".join(parts)


def theme_across_stages(guide: Guide, theme_id: str, page: str, *, level: int = 2) -> str:
    """How one theme develops: its actions at each stage, in summary, linking to the detail."""
    parts = []
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, theme=theme_id)
        parts += [
            f"{'#' * level} {plain(stage.title)} {{: #stage-{stage.id} }}",
            "",
            plain(stage.summary),
            "",
            action_cards(guide, actions, page, level=level + 1, full=False) if actions else "No actions yet.",
            "",
        ]
    return "\n".join(parts)


def role_actions(guide: Guide, role_id: str, page: str, *, level: int = 2) -> str:
    """A role's actions, stage by stage, lead actions first."""
    parts = []
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, role=role_id)
        leading = [a for a in actions if a.lead_role == role_id]
        helping = [a for a in actions if a.lead_role != role_id]
        parts += [f"{'#' * level} {plain(stage.title)} {{: #stage-{stage.id} }}", ""]
        if leading:
            parts += [
                f"**You lead** ({len(leading)})",
                "",
                action_cards(guide, leading, page, level=level + 1, full=False),
            ]
        if helping:
            parts += [
                f"**You help** ({len(helping)})",
                "",
                action_cards(guide, helping, page, level=level + 1, full=False),
            ]
        if not actions:
            parts += ["No actions for this role at this stage yet.", ""]
    return "\n".join(parts)


def stage_theme_table(guide: Guide, page: str) -> str:
    """The spine of the site: themes down the side, stages across, actions in each cell.

    HTML rather than a Markdown table: every action is linked here, so it grows with them."""
    head = "".join(f'<th scope="col">{plain(s.title)}</th>' for s in guide.stages)
    rows = []
    for theme in guide.themes:
        cells = []
        for stage in guide.stages:
            actions = guide.actions_where(stage=stage.id, theme=theme.id)
            links = "<br>".join(
                _a(plain(a.title), ACTION_ANCHOR_PAGE.format(stage=a.stage, id=a.id), page) for a in actions
            )
            cells.append(f"<td>{links or 'None yet'}</td>")
        theme_cell = _a(plain(theme.title), f"themes/{theme.id}.md", page)
        rows.append(f'<tr><th scope="row">{theme_cell}</th>{"".join(cells)}</tr>')
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<caption>Every action, by theme and stage</caption>"
        f'<thead><tr><th scope="col">Theme</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>\n'
    )


# --- pivot points, stories ---------------------------------------------------------------


def pivot_point(guide: Guide, pivot_id: str, page: str, *, level: int = 2) -> str:
    pivot = guide.pivot_point(pivot_id)
    stages = ", ".join(stage_link(guide, s, page) for s in pivot.stages)
    roles = ", ".join(role_link(guide, r, page) for r in pivot.roles)
    helps = _bullets(action_link(guide, a, page) for a in pivot.what_helps)
    return "\n".join(
        [
            f'<section class="mbct-pivot mbct-pivot--{pivot.kind}" markdown>',
            "",
            f"{'#' * level} {plain(pivot.title)} {{: #{pivot.id} }}",
            "",
            f'<p class="mbct-kind"><strong>{KIND_LABELS[pivot.kind]}</strong></p>',
            "",
            plain(pivot.summary),
            "",
            markdown_block(pivot.description, page, _stage_of_action(guide)),
            "",
            "**Early signs**",
            "",
            _bullets(plain(s) for s in pivot.early_signs),
            "",
            "**What helps**",
            "",
            helps,
            "",
            f"Typical stages: {stages}. Roles most affected: {roles}.",
            "",
            f'<p class="mbct-sources" markdown>{_sources_line(guide, pivot.sources, page)}</p>',
            "",
            "</section>",
            "",
        ]
    )


def pivot_points(
    guide: Guide,
    page: str,
    *,
    kind: str | None = None,
    stage: str | None = None,
    role: str | None = None,
    level: int = 2,
) -> str:
    chosen = [p for p in guide.pivot_points_where(stage=stage, role=role) if kind is None or p.kind == kind]
    return "\n".join(pivot_point(guide, p.id, page, level=level) for p in chosen)


def pivot_point_list(guide: Guide, page: str, *, stage: str | None = None, role: str | None = None) -> str:
    """A short linked list, for stage and role pages."""
    chosen = guide.pivot_points_where(stage=stage, role=role)
    if not chosen:
        return "None recorded yet.\n"
    return (
        _bullets(f"{pivot_link(guide, p.id, page)} ({KIND_LABELS[p.kind].lower()}): {plain(p.summary)}" for p in chosen)
        + "\n"
    )


ILLUSTRATIVE_NOTE = (
    '!!! note "An illustrative story"\n'
    "    This is a composite, illustrative story. It is not a real service and the people in it "
    "are not real. It draws on patterns that the sources describe, which are cited below.\n"
)


def story(guide: Guide, story_id: str, page: str, *, level: int = 2) -> str:
    s = guide.story(story_id)
    stage_of = _stage_of_action(guide)
    parts = [ILLUSTRATIVE_NOTE, f"**Setting:** {plain(s.setting)}", "", plain(s.summary), ""]
    for index, chapter in enumerate(s.chapters, 1):
        parts += [
            f"{'#' * level} {plain(chapter.heading)} {{: #chapter-{index} }}",
            "",
            f'<p class="mbct-meta" markdown>Stage: {stage_link(guide, chapter.stage, page)}</p>',
            "",
            markdown_block(chapter.text, page, stage_of),
            "",
        ]
        if chapter.pivot_points:
            parts += [f"Pivot points: {', '.join(pivot_link(guide, p, page) for p in chapter.pivot_points)}", ""]
        if chapter.actions:
            parts += [f"Actions this shows: {', '.join(action_link(guide, a, page) for a in chapter.actions)}", ""]
    parts += [f"{'#' * level} Lessons {{: #lessons }}", "", _bullets(plain(x) for x in s.lessons), ""]
    parts += [f'<p class="mbct-sources" markdown>{_sources_line(guide, s.sources, page)}</p>', ""]
    return "\n".join(parts)


def story_list(guide: Guide, page: str, *, stage: str | None = None, role: str | None = None) -> str:
    chosen = guide.stories_showing(stage=stage, role=role)
    if not chosen:
        return "None yet.\n"
    return _bullets(f"{_link(plain(s.title), f'stories/{s.id}.md', page)}: {plain(s.summary)}" for s in chosen) + "\n"


# --- sources and glossary ----------------------------------------------------------------


def references(guide: Guide, page: str) -> str:
    items = []
    for source in guide.sources:
        citation = plain(source.citation)
        if source.url:
            url = str(source.url)
            citation += f' <a href="{attribute(url)}">{plain(url)}</a>'
        note = f' <span class="mbct-note">{plain(source.note)}</span>' if source.note else ""
        items.append(f'<li id="{source.id}">{citation}{note}</li>')
    return '<ol class="mbct-references">\n' + "\n".join(items) + "\n</ol>\n"


def glossary(guide: Guide, page: str) -> str:
    rows = []
    for term in guide.glossary:
        name = plain(term.term) + (f" ({plain(term.abbreviation)})" if term.abbreviation else "")
        definition = plain(term.definition)
        if term.sources:
            definition += " " + cite(guide, term.sources, page)
        rows.append(f'<dt id="{term.id}">{name}</dt>\n<dd markdown>{definition}</dd>')
    return '<dl class="mbct-glossary" markdown>\n' + "\n".join(rows) + "\n</dl>\n"


# --- page sections -----------------------------------------------------------------------


def stage_overview(guide: Guide, stage_id: str, page: str, *, level: int = 2, pack_link: bool = True) -> str:
    """What a stage looks like and the signs that you are ready for the next."""
    stage = guide.stage(stage_id)
    hashes = "#" * level
    parts = [
        f'<p class="mbct-lead">{plain(stage.summary)}</p>',
        "",
        f"{hashes} What this stage looks like {{: #what-it-looks-like }}",
        "",
        _bullets(plain(item) for item in stage.looks_like),
        "",
    ]
    position = [s.id for s in guide.stages].index(stage_id)
    if stage.ready_for_next and position + 1 < len(guide.stages):
        following = guide.stages[position + 1]
        parts += [
            f"{hashes} Signs you are ready for {plain(following.title.lower())} {{: #ready-for-next }}",
            "",
            _bullets(plain(item) for item in stage.ready_for_next),
            "",
            f"Then read {stage_link(guide, following.id, page)}.",
            "",
        ]
    if pack_link:
        parts += [_pack_link(f"print/stages/{stage_id}.md", "everything for this stage", page), ""]
    return "\n".join(parts)


def _pack_link(pack_page: str, what: str, page: str) -> str:
    return f'<p class="mbct-pack-link mbct-no-print" markdown>{_link(f"Print or save {what} on one page", pack_page, page)}</p>'


def role_overview(guide: Guide, role_id: str, page: str, *, level: int = 2) -> str:
    """Who a role covers and what matters to them."""
    role = guide.role(role_id)
    return "\n".join(
        [
            f'<p class="mbct-lead">{plain(role.who)}</p>',
            "",
            f"{'#' * level} What matters to you {{: #what-matters }}",
            "",
            _bullets(plain(item) for item in role.what_matters),
            "",
        ]
    )


def _cards(items: list[tuple[str, str, str]], page: str, css: str = "") -> str:
    """Linked cards: (title, target page, text) each."""
    cards = "".join(
        f'<li class="mbct-card"><p class="mbct-card__title">{_a(plain(title), target, page)}</p>'
        f"<p>{plain(text)}</p></li>"
        for title, target, text in items
    )
    return f'<ul class="mbct-cards{css}">{cards}</ul>\n'


def role_cards(guide: Guide, page: str) -> str:
    """A card per role, linking to its page: 'start by role' on the home page."""
    return _cards([(r.title, f"roles/{r.id}.md", r.who) for r in guide.roles], page)


def stage_cards(guide: Guide, page: str) -> str:
    return _cards([(s.title, f"journey/{s.id}.md", s.summary) for s in guide.stages], page, " mbct-cards--stages")


def theme_list(guide: Guide, page: str) -> str:
    return _bullets(f"{theme_link(guide, t.id, page)}: {plain(t.summary)}" for t in guide.themes) + "\n"


def framework_elements(guide: Guide, page: str, *, level: int = 3) -> str:
    """PARIHS elements and sub-elements, each with an anchor and the actions that apply it."""
    parts = []
    for element in guide.framework_elements:
        parts += [
            f"{'#' * level} {plain(element.title)} {{: #{element.id} }}",
            "",
            plain(element.summary),
            "",
            f"**In the ASPIRE study:** {plain(element.in_mbct)} {cite(guide, element.sources, page)}",
            "",
        ]
        for sub in element.sub_elements:
            actions = guide.actions_where(element=sub.id)
            links = ", ".join(
                _a(plain(a.title), ACTION_ANCHOR_PAGE.format(stage=a.stage, id=a.id), page) for a in actions
            )
            parts += [
                f"{'#' * (level + 1)} {plain(sub.title)} {{: #{sub.id} }}",
                "",
                plain(sub.summary),
                "",
                f"<p>Actions that work on this: {links or 'none yet'}.</p>",
                "",
            ]
    return "\n".join(parts)


def framework_concepts(guide: Guide, group: str, page: str, *, level: int = 3) -> str:
    parts = []
    for concept in (c for c in guide.framework_concepts if c.group == group):
        links = _bullets(action_link(guide, a, page) for a in concept.actions)
        parts += [
            f"{'#' * level} {plain(concept.title)} {{: #{concept.id} }}",
            "",
            f"{plain(concept.summary)} {cite(guide, concept.sources, page)}",
            "",
            "Actions that apply it:",
            "",
            links,
            "",
        ]
    return "\n".join(parts)


# --- the explorer ------------------------------------------------------------------------


def _checkboxes(name: str, legend: str, options: Iterable[tuple[str, str]]) -> str:
    boxes = "\n".join(
        f'<div class="mbct-check"><input type="checkbox" id="filter-{name}-{value}" name="{name}" '
        f'value="{value}"><label for="filter-{name}-{value}">{plain(label)}</label></div>'
        for value, label in options
    )
    return f'<fieldset class="mbct-filter" data-filter="{name}"><legend>{plain(legend)}</legend>\n{boxes}\n</fieldset>'


def explorer(guide: Guide, page: str) -> str:
    """Every action, compact, with a filter form that JavaScript reveals and drives.

    With JavaScript off the form stays hidden and every action shows. The filter
    values are ids, which are also the URL query values (?role=teacher&stage=developing).
    """
    elements = [(e.id, e.title) for e in guide.framework_elements]
    form = "\n".join(
        [
            '<form class="mbct-explorer-form mbct-needs-js" id="explorer-form">',
            '<div class="mbct-search"><label for="filter-q">Search the guidance</label>',
            '<input type="search" id="filter-q" name="q" autocomplete="off" maxlength="200"></div>',
            _checkboxes("role", "Role", [(r.id, r.title) for r in guide.roles]),
            _checkboxes("stage", "Stage", [(s.id, s.title) for s in guide.stages]),
            _checkboxes("theme", "Theme", [(t.id, t.title) for t in guide.themes]),
            _checkboxes("element", "Framework element", elements),
            '<p><button type="reset" class="md-button" id="explorer-reset">Clear all filters</button></p>',
            "</form>",
        ]
    )
    count = len(guide.actions)
    status = (
        f'<p class="mbct-count" id="explorer-count" role="status" aria-live="polite" data-total="{count}">'
        f"Showing all {count} actions.</p>"
    )
    cards = action_cards(guide, guide.actions, page, level=2, full=False)
    empty = '<p id="explorer-empty" hidden>No actions match these filters. Try removing one.</p>'
    return "\n".join(
        [
            form,
            "",
            status,
            "",
            '<div class="mbct-results" id="explorer-results">',
            cards,
            "</div>",
            "",
            empty,
            "",
        ]
    )


# --- the journey map ---------------------------------------------------------------------


def _svg_node(href: str, number: int, title: str, cx: int, cy: int, r: int) -> str:
    words = title.split()
    # Two lines when the title has two or more words, so it fits the circle.
    lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2 :])]
    lines = [line for line in lines if line]
    first_y = cy + 8 - 13 * (len(lines) - 1)
    label = "".join(f'<tspan x="{cx}" y="{first_y + 26 * i}">{html_text(line)}</tspan>' for i, line in enumerate(lines))
    return (
        f'<a href="{attribute(href)}" class="mbct-map__stage">'
        f'<circle cx="{cx}" cy="{cy}" r="{r}"/>'
        f'<text class="mbct-map__number" x="{cx}" y="{cy - r + 28}">Stage {number}</text>'
        f'<text class="mbct-map__title">{label}</text></a>'
    )


def html_text(text: str) -> str:
    return html_lib.escape(text, quote=False)


def _svg(variant: str, width: int, height: int, body: list[str], title_id: str) -> str:
    return (
        f'<svg class="mbct-map__svg mbct-map__svg--{variant}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{title_id}" focusable="false">'
        f'<title id="{title_id}">The implementation journey: three stages, with links to each</title>'
        '<defs><marker id="mbct-arrow-' + variant + '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(body)
        + "</svg>"
    )


def journey_map(guide: Guide, page: str) -> str:
    """An SVG map of the stages, generated from the data: wide and narrow layouts, links to
    each stage, and a written text alternative. CSS shows the layout that fits the screen."""
    stages = list(guide.stages)
    hrefs = [url_from(f"journey/{s.id}.md", page) for s in stages]
    count = len(stages)
    # Wide: stages left to right.
    gap = 320
    wide_width = gap * count
    wide = []
    for i, stage in enumerate(stages):
        cx = gap // 2 + gap * i
        if i:
            wide.append(
                f'<line class="mbct-map__arrow" x1="{cx - gap + 82}" y1="110" x2="{cx - 82}" y2="110" '
                'marker-end="url(#mbct-arrow-wide)"/>'
            )
        wide.append(_svg_node(hrefs[i], i + 1, stage.title, cx, 110, 72))
    first, last = gap // 2, gap // 2 + gap * (count - 1)
    wide.append(
        f'<path class="mbct-map__back" d="M{last},186 C{last},250 {first},250 {first},190" '
        'marker-end="url(#mbct-arrow-wide)"/>'
        f'<text class="mbct-map__note" x="{wide_width // 2}" y="262">A service can slip back and need rebuilding</text>'
    )
    # Narrow: stages top to bottom, for phones.
    step = 190
    narrow = []
    for i, stage in enumerate(stages):
        cy = 90 + step * i
        if i:
            narrow.append(
                f'<line class="mbct-map__arrow" x1="130" y1="{cy - step + 68}" x2="130" y2="{cy - 70}" '
                'marker-end="url(#mbct-arrow-narrow)"/>'
            )
        narrow.append(_svg_node(hrefs[i], i + 1, stage.title, 130, cy, 64))
    bottom = 90 + step * (count - 1)
    narrow.append(
        f'<path class="mbct-map__back" d="M196,{bottom} C290,{bottom} 290,90 200,90" '
        'marker-end="url(#mbct-arrow-narrow)"/>'
        f'<text class="mbct-map__note" x="160" y="{bottom + 110}">A service can slip back</text>'
    )
    names = _sentence_list([plain(s.title) for s in stages])
    caption = (
        f"The journey has {count} stages: {names}. It often takes many years, and a service "
        "can slip back, for example when its lead leaves, and need rebuilding."
    )
    return "\n".join(
        [
            '<figure class="mbct-map">',
            _svg("wide", wide_width, 280, wide, "mbct-map-title-wide"),
            _svg("narrow", 320, bottom + 130, narrow, "mbct-map-title-narrow"),
            f"<figcaption>{caption}</figcaption>",
            "</figure>",
            "",
        ]
    )


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


def hub_contents(nav: list, page: str) -> str:
    """An NHS-style contents list of the pages in this guide, with the current page marked."""
    section = find_section(nav, page)
    if section is None:
        return ""
    name, pages = section
    items = []
    for title, target in pages:
        if target == page:
            items.append(f'<li><strong aria-current="page">{plain(title)}</strong></li>')
        else:
            items.append(f'<li><a href="{attribute(url_from(target, page))}">{plain(title)}</a></li>')
    return (
        f'<nav class="mbct-hub" aria-label="{attribute(name)}: pages in this guide">'
        f'<p class="mbct-hub__title">{plain(name)}: contents</p><ol>{"".join(items)}</ol></nav>\n'
    )


# --- print packs -------------------------------------------------------------------------


def role_pack(guide: Guide, role_id: str, page: str) -> str:
    """Everything for one role on one page, with every action in full, for printing."""
    role = guide.role(role_id)
    parts = [
        f'<p class="mbct-lead">{plain(role.who)}</p>',
        "",
        "## What matters to you {: #what-matters }",
        "",
        _bullets(plain(item) for item in role.what_matters),
        "",
    ]
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, role=role_id)
        parts += [f"## {plain(stage.title)} {{: #stage-{stage.id} }}", "", plain(stage.summary), ""]
        parts += [action_cards(guide, actions, page, level=3, full=True) if actions else "No actions yet.", ""]
    parts += [
        "## Pivot points that affect you {: #pivot-points }",
        "",
        pivot_points(guide, page, role=role_id, level=3),
        "",
        "## Stories {: #stories }",
        "",
        story_list(guide, page, role=role_id),
    ]
    return "\n".join(parts)


def stage_pack(guide: Guide, stage_id: str, page: str) -> str:
    """Everything for one stage on one page, for printing."""
    parts = [
        stage_overview(guide, stage_id, page, pack_link=False),
        "",
        "## Actions for each theme {: #actions }",
        "",
        stage_actions(guide, stage_id, page, level=3),
        "",
        "## Pivot points common at this stage {: #pivot-points }",
        "",
        pivot_points(guide, page, stage=stage_id, level=3),
        "",
        "## Stories {: #stories }",
        "",
        story_list(guide, page, stage=stage_id),
    ]
    return "\n".join(parts)


# --- the cost and capacity calculator --------------------------------------------------------


def _default_basis(guide: Guide, spec: m.CalculatorInput, page: str, *, for_html: bool) -> str:
    basis = plain(spec.basis)
    if spec.source:
        source = guide.source(spec.source)
        target = f"{REFERENCES_PAGE}#{source.id}"
        link = (
            f'<a href="{attribute(url_from(target, page))}">{plain(source.short)}</a>'
            if for_html
            else _link(plain(source.short), target, page)
        )
        basis += f" Source: {link}."
    return basis


def _unit(spec: m.CalculatorInput) -> str:
    return f" {plain(spec.unit)}" if spec.unit else ""


def calculator_form(guide: Guide, page: str) -> str:
    """The live calculator. Hidden until its script runs; the worked example serves without it."""
    from .calculator import WHOLE_NUMBER_INPUTS

    fields = []
    for spec in guide.calculator:
        field_id = f"calc-{spec.id.replace('_', '-')}"
        whole = "true" if spec.id in WHOLE_NUMBER_INPUTS else "false"
        fields.append(
            f'<div class="mbct-field" data-field="{spec.id}">'
            f'<label for="{field_id}">{plain(spec.label)}{" (" + plain(spec.unit) + ")" if spec.unit else ""}</label>'
            f'<p class="mbct-hint" id="{field_id}-hint">{plain(spec.help)} Default {format(spec.default, "g")}. '
            f"{_default_basis(guide, spec, page, for_html=True)}</p>"
            f'<p class="mbct-error" id="{field_id}-error" hidden></p>'
            f'<input id="{field_id}" name="{spec.id}" type="text" inputmode="decimal" autocomplete="off" '
            f'maxlength="30" value="{format(spec.default, "g")}" data-default="{format(spec.default, "g")}" '
            f'data-min="{format(spec.minimum, "g")}" data-max="{format(spec.maximum, "g")}" data-whole="{whole}" '
            f'aria-describedby="{field_id}-hint {field_id}-error"></div>'
        )
    from .calculator import OUTPUTS

    rows = "".join(
        f'<tr><th scope="row">{plain(label)}</th><td data-output="{key}" data-kind="{kind}">-</td></tr>'
        for key, label, kind in OUTPUTS
    )
    return "\n".join(
        [
            '<div class="mbct-calculator-layout">',
            '<form class="mbct-calculator mbct-needs-js" id="calculator-form" novalidate>',
            '<h2 id="your-figures">Your figures</h2>',
            "<p>Change any figure. The results update as you type, and the page address changes too, "
            "so you can copy it to share this scenario.</p>",
            '<div class="mbct-error-summary" id="calc-error-summary" tabindex="-1" hidden>'
            '<p class="mbct-error-summary__title">Some figures need changing</p><ul></ul></div>',
            *fields,
            '<p><button type="button" class="md-button" id="calc-reset">Reset to the default figures</button></p>',
            "</form>",
            '<section class="mbct-calculator-results mbct-needs-js" id="calculator-results" aria-labelledby="results">',
            '<h2 id="results">Results</h2>',
            '<p id="calc-status" role="status" aria-live="polite"></p>',
            f'<table class="mbct-results-table"><caption>Results for your figures</caption>'
            f'<thead><tr><th scope="col">Result</th><th scope="col">Value</th></tr></thead><tbody>{rows}</tbody></table>',
            "</section>",
            "</div>",
            "",
        ]
    )


def calculator_worked_example(guide: Guide, page: str) -> str:
    """The calculator's result for the default figures, rendered at build time (works without JavaScript)."""
    from .calculator import OUTPUTS, compute, format_output

    values = {spec.id: spec.default for spec in guide.calculator}
    results = compute(values)
    inputs = ["| Figure | Default | Where it comes from |", "| --- | --- | --- |"]
    for spec in guide.calculator:
        inputs.append(
            f"| {plain(spec.label)} | {format(spec.default, 'g')}{_unit(spec)} | "
            f"{_default_basis(guide, spec, page, for_html=False)} |"
        )
    outputs = ["| Result | Value |", "| --- | --- |"]
    for key, label, kind in OUTPUTS:
        outputs.append(f"| {plain(label)} | {plain(format_output(kind, getattr(results, key), key))} |")
    return "\n".join(
        [
            "### The default figures {: #default-figures }",
            "",
            *inputs,
            "",
            "### Results for the default figures {: #default-results }",
            "",
            *outputs,
            "",
        ]
    )


# --- the self-assessment -----------------------------------------------------------------------

ANSWERS = (("not-yet", "Not yet"), ("partly", "Partly"), ("in-place", "In place"), ("dont-know", "Don't know"))


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


def assessment_data(guide: Guide, page: str) -> dict:
    """What the self-assessment script needs, all ids and plain strings."""
    return {
        "version": 1,
        "stages": [{"id": s.id, "title": s.title} for s in guide.stages],
        "themes": [{"id": t.id, "title": t.title} for t in guide.themes],
        "roles": [{"id": r.id, "title": r.title} for r in guide.roles],
        "statements": [
            {"id": s.id, "theme": s.theme, "stage": s.stage, "text": s.text, "actions": list(s.actions)}
            for s in guide.assessment
        ],
        "actions": [
            {
                "id": a.id,
                "title": a.title,
                "stage": a.stage,
                "theme": a.theme,
                "roles": list(a.all_roles),
                "url": url_from(ACTION_ANCHOR_PAGE.format(stage=a.stage, id=a.id), page),
            }
            for a in guide.actions
        ],
    }


def self_assessment(guide: Guide, page: str) -> str:
    """Statements grouped by theme as radio buttons: a printable checklist without JavaScript,
    an autosaving, scoring tool with it."""
    stage_titles = {s.id: s.title for s in guide.stages}
    tasks = []
    sections = []
    for theme in guide.themes:
        statements = [s for s in guide.assessment if s.theme == theme.id]
        tasks.append(
            f'<li class="mbct-task" data-theme="{theme.id}"><a href="#theme-{theme.id}">{plain(theme.title)}</a> '
            f'<strong class="mbct-tag mbct-tag--not-started" data-status-for="{theme.id}" hidden>Not started</strong></li>'
        )
        fieldsets = []
        for s in statements:
            radios = "".join(
                f'<div class="mbct-radio"><input type="radio" id="sa-{s.id}-{value}" name="sa-{s.id}" '
                f'value="{value}"><label for="sa-{s.id}-{value}">{label}</label></div>'
                for value, label in ANSWERS
            )
            help_text = f'<p class="mbct-hint" id="sa-{s.id}-hint">{plain(s.help)}</p>' if s.help else ""
            described = f' aria-describedby="sa-{s.id}-hint"' if s.help else ""
            fieldsets.append(
                f'<fieldset class="mbct-statement" data-statement="{s.id}"{described}>'
                f'<legend>{plain(s.text)} <span class="mbct-stage-label">({plain(stage_titles[s.stage])})</span></legend>'
                f'{help_text}<div class="mbct-radios">{radios}</div></fieldset>'
            )
        sections.append(
            f'<section class="mbct-theme-questions" aria-labelledby="theme-{theme.id}">'
            f'<h2 id="theme-{theme.id}">{plain(theme.title)}</h2>'
            f"<p>{plain(theme.summary)}</p>{''.join(fieldsets)}</section>"
        )
    roles = "".join(f'<option value="{r.id}">{plain(r.title)}</option>' for r in guide.roles)
    return "\n".join(
        [
            json_script("sa-data", assessment_data(guide, page)),
            '<div class="mbct-notice" id="sa-message" role="alert" hidden></div>',
            '<div class="mbct-notice mbct-notice--shared" id="sa-shared" hidden>'
            "<p><strong>You are looking at answers from a shared link.</strong> They have not been saved, "
            "and your own saved answers, if any, are unchanged.</p>"
            '<p><button type="button" class="md-button md-button--primary" id="sa-save-shared">Save these as my answers</button> '
            '<button type="button" class="md-button" id="sa-discard-shared">Go back to my own answers</button></p></div>',
            '<nav class="mbct-task-list" aria-labelledby="sa-tasks-title"><h2 id="sa-tasks-title">Your progress by theme</h2>'
            f"<ol>{''.join(tasks)}</ol></nav>",
            '<form id="sa-form" class="mbct-assessment">',
            *sections,
            "</form>",
            '<div class="mbct-sa-tools mbct-needs-js" id="sa-tools">',
            '<p id="sa-saved-status" class="mbct-hint">Your answers are saved in this browser only.</p>',
            '<p><button type="button" class="md-button" id="sa-clear">Clear my answers</button></p>',
            '<div class="mbct-confirm" id="sa-clear-confirm" hidden role="group" aria-labelledby="sa-clear-question">'
            '<p id="sa-clear-question"><strong>Clear all your answers from this browser?</strong> This cannot be undone.</p>'
            '<p><button type="button" class="md-button md-button--primary" id="sa-clear-yes">Yes, clear my answers</button> '
            '<button type="button" class="md-button" id="sa-clear-no">No, keep them</button></p></div>',
            "</div>",
            '<section id="sa-results" class="mbct-sa-results mbct-needs-js" aria-labelledby="sa-results-title">',
            '<h2 id="sa-results-title">Your results</h2>',
            '<p id="sa-summary"></p>',
            '<div class="mbct-chart" id="sa-chart" aria-hidden="true"></div>',
            '<table class="mbct-profile-table"><caption>Stage reached for each theme</caption>'
            '<thead><tr><th scope="col">Theme</th><th scope="col">Stage reached</th>'
            '<th scope="col">Statements in place</th></tr></thead><tbody id="sa-profile"></tbody></table>',
            '<h2 id="sa-plan-title">Your action plan</h2>',
            "<p>Actions for the next stage of your weakest themes come first. Each links to its guidance.</p>",
            '<p class="mbct-field"><label for="sa-role">Show actions for</label>'
            f'<select id="sa-role"><option value="">All roles</option>{roles}</select></p>',
            '<p id="sa-plan-empty" hidden>No actions to suggest for this choice.</p>',
            '<ol id="sa-plan" class="mbct-plan"></ol>',
            '<h2 id="sa-export-title">Save, print or share</h2>',
            '<p class="mbct-export">'
            '<button type="button" class="md-button" id="sa-print">Print</button> '
            '<button type="button" class="md-button" id="sa-download-md">Download as Markdown</button> '
            '<button type="button" class="md-button" id="sa-download-csv">Download as CSV</button> '
            '<button type="button" class="md-button" id="sa-share">Copy a link to these answers</button></p>',
            '<p class="mbct-hint" id="sa-share-note">The link carries your answers after the # sign, which is not sent '
            "to any server. Anyone you give it to can see your answers.</p>",
            '<p><label for="sa-share-url" class="mbct-visually-hidden">Link to these answers</label>'
            '<input type="text" id="sa-share-url" class="mbct-share-url" readonly hidden></p>',
            "</section>",
            "",
        ]
    )


# --- templates -----------------------------------------------------------------------------

TEMPLATE_DOWNLOADS = "downloads/templates/{id}.{ext}"


def template_page(guide: Guide, template_id: str, page: str) -> str:
    """A printable template: guidance, questions, tables and checklists to fill in."""
    t = guide.template(template_id)
    downloads = " · ".join(
        f'<a href="{attribute(file_url(TEMPLATE_DOWNLOADS.format(id=t.id, ext=ext), page))}" download>{label}</a>'
        for ext, label in (("md", "Markdown (.md)"), ("docx", "Word (.docx)"))
    )
    parts = [
        f'<p class="mbct-lead">{plain(t.summary)}</p>',
        "",
        f"**How to use it:** {plain(t.how_to_use)}",
        "",
        f'<p class="mbct-downloads mbct-no-print">Download to edit: {downloads}. Or print this page.</p>',
        "",
    ]
    for index, section in enumerate(t.sections, 1):
        parts += [f"## {plain(section.heading)} {{: #section-{index} }}", "", plain(section.guidance), ""]
        if section.prompts:
            items = "".join(
                f'<li>{plain(p)}<div class="mbct-write-space" aria-hidden="true"></div></li>' for p in section.prompts
            )
            parts += [f'<ol class="mbct-prompts">{items}</ol>', ""]
        if section.table:
            head = "".join(f'<th scope="col">{plain(c)}</th>' for c in section.table)
            row = "<tr>" + "<td></td>" * len(section.table) + "</tr>"
            parts += [
                f'<table class="mbct-fill-table"><caption>{plain(section.heading)}: table to fill in</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{row * section.rows}</tbody></table>",
                "",
            ]
        if section.checklist:
            items = "".join(
                f'<li><span class="mbct-box" aria-hidden="true"></span>{plain(c)}</li>' for c in section.checklist
            )
            parts += [f'<ul class="mbct-checklist">{items}</ul>', ""]
    supporting = [a for a in guide.actions if t.id in a.templates]
    if supporting:
        parts += [
            "## Guidance this template supports {: #actions }",
            "",
            _bullets(action_link(guide, a.id, page) for a in supporting),
            "",
        ]
    if t.sources:
        parts += [f'<p class="mbct-sources" markdown>{_sources_line(guide, t.sources, page)}</p>', ""]
    return "\n".join(parts)


def template_list(guide: Guide, page: str) -> str:
    return (
        _bullets(
            f"{_link(plain(t.title), f'tools/templates/{t.id}.md', page)}: {plain(t.summary)}" for t in guide.templates
        )
        + "\n"
    )


# --- reviews -----------------------------------------------------------------------------------


def long_date(date) -> str:
    """NHS style: 26 November 2026."""
    return f"{date.day} {date:%B %Y}"


def review_summary(guide: Guide, today) -> dict[str, dict[str, object]]:
    """Per page: review dates as text, and whether the next review is overdue."""
    return {
        review.page: {
            "last_reviewed": long_date(review.last_reviewed),
            "next_review_due": long_date(review.next_review_due),
            "overdue": review.next_review_due < today,
        }
        for review in guide.reviews
    }


def overdue_reviews(guide: Guide, today, page: str) -> str:
    """A table of pages whose review is overdue, oldest first, for the maintainers page."""
    late = sorted((r for r in guide.reviews if r.next_review_due < today), key=lambda r: r.next_review_due)
    if not late:
        return f"No page is overdue for review on {long_date(today)}.\n"
    rows = [
        f"| {_link(plain(r.page), r.page, page)} | {long_date(r.last_reviewed)} | {long_date(r.next_review_due)} |"
        for r in late
    ]
    return "\n".join(["| Page | Last reviewed | Review was due |", "| --- | --- | --- |", *rows]) + "\n"


def upcoming_reviews(guide: Guide, today, page: str, *, days: int = 90) -> str:
    import datetime as dt

    soon = sorted(
        (r for r in guide.reviews if today <= r.next_review_due <= today + dt.timedelta(days=days)),
        key=lambda r: r.next_review_due,
    )
    if not soon:
        return f"No page is due for review in the next {days} days.\n"
    return _bullets(f"{_link(plain(r.page), r.page, page)}: due {long_date(r.next_review_due)}" for r in soon) + "\n"


# --- changelog and open data ----------------------------------------------------------------------


def changelog(guide: Guide, page: str) -> str:
    parts = []
    for entry in guide.changelog:
        parts += [
            f"## Version {entry.version} {{: #v{entry.version.replace('.', '-')} }}",
            "",
            f"Released {long_date(entry.date)}.",
            "",
            _bullets(plain(c) for c in entry.changes),
            "",
        ]
    return "\n".join(parts)


def open_data_files(guide: Guide, page: str) -> str:
    """A table of the published files, with record counts; links are raw HTML because the
    files are written after the pages (MkDocs cannot check them; the tests do)."""
    from .loader import COLLECTIONS

    rows = ["| File | Holds | Records | Schema |", "| --- | --- | --- | --- |"]
    everything = f'<a href="{attribute(file_url("data/guidance.json", page))}">guidance.json</a>'
    rows.append(f"| {everything} | everything below, in one file | all | each collection's schema |")
    for collection in COLLECTIONS:
        data_link = f'<a href="{attribute(file_url(f"data/{collection.name}.json", page))}">{collection.name}.json</a>'
        schema = f"schemas/{collection.name}.schema.json"
        schema_link = f'<a href="{attribute(file_url(f"data/{schema}", page))}">{collection.name}.schema.json</a>'
        count = len(getattr(guide, collection.name))
        rows.append(f"| {data_link} | {plain(collection.noun)} records | {count} | {schema_link} |")
    return "\n".join(rows) + "\n"
