"""Renderers: pure functions from the Guide to Markdown (with a little HTML).

Each takes the Guide, its arguments and ``page`` (the docs/ path of the page being
built, such as ``roles/teacher.md``) so that links can be made relative and checked by
MkDocs. Plain-text fields go through ``text.plain``; Markdown fields through
``text.markdown``. Nothing here reads files or keeps state.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import models as m
from .guide import Guide
from .text import attribute, markdown, plain, relative

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


def action_meta(guide: Guide, action: m.Action, page: str) -> str:
    lead = role_link(guide, action.lead_role, page)
    others = [role_link(guide, r, page) for r in action.roles if r != action.lead_role]
    who = f"Led by {lead}" + (f", with {_sentence_list(others)}" if others else "")
    where = f"{stage_link(guide, action.stage, page)} · {theme_link(guide, action.theme, page)}"
    elements = ", ".join(_link(plain(guide.element(e).title), f"framework.md#{e}", page) for e in action.elements)
    return f"{where} · {who} · Framework: {elements}"


def action_card(guide: Guide, action_id: str, page: str, *, level: int = 3, full: bool = True) -> str:
    """One action with its anchor. ``full`` adds the detail; otherwise it links to it."""
    action = guide.action(action_id)
    hashes = "#" * level
    canonical = ACTION_ANCHOR_PAGE.format(stage=action.stage, id=action.id)
    parts = [
        f'<article class="mbct-action" {_data_attributes(action)} markdown>',
        "",
        f"{hashes} {plain(action.title)} {{: #{action.id} }}",
        "",
        f'<p class="mbct-meta" markdown>{action_meta(guide, action, page)}</p>',
        "",
    ]
    if action.key_activity:
        label = KEY_ACTIVITY_LABELS[action.key_activity]
        parts += [f'<p class="mbct-key-activity">Key starting-out activity: {plain(label)}</p>', ""]
    parts += [f'<p class="mbct-summary">{plain(action.summary)}</p>', ""]
    if full:
        parts += [markdown(action.detail, page, _stage_of_action(guide)), ""]
        if action.signs_of_progress:
            parts += [
                "**How you will know it is working**",
                "",
                _bullets(plain(s) for s in action.signs_of_progress),
                "",
            ]
        if action.pivot_points:
            links = [pivot_link(guide, p, page) for p in action.pivot_points]
            parts += [f"Pivot points this helps with: {', '.join(links)}", ""]
        if action.templates:
            links = [_link(plain(guide.template(t).title), f"tools/templates/{t}.md", page) for t in action.templates]
            parts += [f"Templates: {', '.join(links)}", ""]
    parts += [f'<p class="mbct-sources" markdown>{_sources_line(guide, action.sources, page)}</p>', ""]
    permalink = f"#{action.id}" if page == canonical.partition("#")[0] else relative(canonical, page)
    more = "" if full else f"{_link('Read the full guidance', canonical, page)} · "
    parts += [
        f'<p class="mbct-permalink" markdown>{more}'
        f'<a class="mbct-copy-link" href="{permalink if full else "#" + action.id}" '
        f'data-action-id="{action.id}">Link to this action</a></p>',
        "",
        "</article>",
        "",
    ]
    return "\n".join(parts)


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
    """The spine of the site: themes down the side, stages across, actions in each cell."""
    header = "| Theme | " + " | ".join(plain(s.title) for s in guide.stages) + " |"
    rule = "| --- |" + " --- |" * len(guide.stages)
    rows = []
    for theme in guide.themes:
        cells = []
        for stage in guide.stages:
            links = [action_link(guide, a.id, page) for a in guide.actions_where(stage=stage.id, theme=theme.id)]
            cells.append("<br>".join(links) if links else "None yet")
        rows.append(f"| {theme_link(guide, theme.id, page)} | " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *rows]) + "\n"


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
            markdown(pivot.description, page, _stage_of_action(guide)),
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
            markdown(chapter.text, page, stage_of),
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


def stage_overview(guide: Guide, stage_id: str, page: str, *, level: int = 2) -> str:
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
    return "\n".join(parts)


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


def role_cards(guide: Guide, page: str) -> str:
    """A card per role, linking to its page: 'start by role' on the home page."""
    items = [
        f'<li class="mbct-card" markdown>\n\n**{role_link(guide, role.id, page)}**\n\n{plain(role.who)}\n\n</li>'
        for role in guide.roles
    ]
    return '<ul class="mbct-cards" markdown>\n' + "\n".join(items) + "\n</ul>\n"


def stage_cards(guide: Guide, page: str) -> str:
    items = [
        f'<li class="mbct-card" markdown>\n\n**{stage_link(guide, stage.id, page)}**\n\n{plain(stage.summary)}\n\n</li>'
        for stage in guide.stages
    ]
    return '<ul class="mbct-cards mbct-cards--stages" markdown>\n' + "\n".join(items) + "\n</ul>\n"


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
            links = ", ".join(action_link(guide, a.id, page) for a in actions) or "none yet"
            parts += [
                f"{'#' * (level + 1)} {plain(sub.title)} {{: #{sub.id} }}",
                "",
                plain(sub.summary),
                "",
                f"Actions that work on this: {links}.",
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
            '<form class="mbct-explorer-form" id="explorer-form" hidden>',
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
            '<div class="mbct-results" id="explorer-results" markdown>',
            "",
            cards,
            "</div>",
            "",
            empty,
            "",
        ]
    )
