"""Actions: cards, the stage and role lists, the stage-by-theme table."""

from __future__ import annotations

from collections.abc import Iterable

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import markdown_html, plain
from .common import KEY_ACTIVITY_LABELS, a, heading, sentence_list


def data_attributes(action: m.Action) -> str:
    """Attributes the explorer filters on; ids only, so no escaping surprises."""
    elements = " ".join(dict.fromkeys([*action.top_elements, *action.elements]))
    return (
        f'data-stage="{action.stage}" data-theme="{action.theme}" '
        f'data-roles="{" ".join(action.all_roles)}" data-elements="{elements}"'
    )


def action_meta(guide: Guide, action: m.Action, links: Links) -> str:
    """Stage, theme, roles and framework elements of an action, as linked HTML."""
    lead = a(links, plain(guide.role(action.lead_role).title), "role", action.lead_role)
    others = [a(links, plain(guide.role(r).title), "role", r) for r in action.roles if r != action.lead_role]
    who = f"Led by {lead}" + (f", with {sentence_list(others)}" if others else "")
    stage = a(links, plain(guide.stage(action.stage).title), "stage", action.stage)
    theme = a(links, plain(guide.theme(action.theme).title), "theme", action.theme)
    elements = ", ".join(a(links, plain(guide.element(e).title), "element", e) for e in action.elements)
    return f"{stage} · {theme} · {who} · Framework: {elements}"


def _links_to(guide: Guide, links: Links, kind: str, ids: Iterable[str], title_of) -> str:
    return ", ".join(a(links, plain(title_of(i).title), kind, i) for i in ids)


TOOL_PAGES = {
    "explorer": ("Guidance explorer", "explorer.md"),
    "self-assessment": ("Self-assessment", "tools/self-assessment.md"),
    "calculator": ("Cost and capacity calculator", "tools/calculator.md"),
    "templates": ("Templates", "tools/templates/index.md"),
}


def action_card(guide: Guide, action_id: str, links: Links, *, level: int = 3, full: bool = True) -> str:
    """One action, as HTML, with its anchor. ``full`` adds the detail; otherwise it links to it.

    Cards are plain HTML rather than Markdown: pages hold many of them, and HTML passes
    through Markdown untouched, which keeps builds fast as the guidance grows. Compact cards
    repeat guidance that lives in full on its own page, so site search skips them."""
    action = guide.action(action_id)
    search = "" if full else " data-search-exclude"
    parts = [
        f'<article class="mbct-action{"" if full else " mbct-action--compact"}" {data_attributes(action)}{search}>',
        f'<h{level} id="{action.id}">{plain(action.title)}</h{level}>',
    ]
    if full:
        parts.append(f'<p class="mbct-meta">{action_meta(guide, action, links)}</p>')
    else:
        lead = plain(guide.role(action.lead_role).title)
        where = f"{plain(guide.stage(action.stage).title)} · {plain(guide.theme(action.theme).title)}"
        parts.append(f'<p class="mbct-meta">{where} · Led by: {lead}</p>')
    if action.key_activity:
        label = KEY_ACTIVITY_LABELS[action.key_activity]
        parts.append(f'<p class="mbct-key-activity">Key starting-out activity: {plain(label)}</p>')
    parts.append(f'<p class="mbct-summary">{plain(action.summary)}</p>')
    if full:
        parts.append(markdown_html(action.detail, links))
        if action.signs_of_progress:
            signs = "".join(f"<li>{plain(sign)}</li>" for sign in action.signs_of_progress)
            parts.append(f"<p><strong>How you will know it is working</strong></p><ul>{signs}</ul>")
        if action.pivot_points:
            pivots = _links_to(guide, links, "pivot-point", action.pivot_points, guide.pivot_point)
            parts.append(f"<p>Pivot points this helps with: {pivots}</p>")
        if action.templates:
            parts.append(f"<p>Templates: {_links_to(guide, links, 'template', action.templates, guide.template)}</p>")
        if action.tools:
            tools = ", ".join(a(links, plain(TOOL_PAGES[t][0]), "page", TOOL_PAGES[t][1]) for t in action.tools)
            parts.append(f"<p>Tools that help: {tools}</p>")
        sources = "; ".join(a(links, plain(guide.source(s).short), "source", s) for s in action.sources)
        parts.append(f'<p class="mbct-sources">Sources: {sources}</p>')
    # The permalink is always the action's home.
    home = links.url("action", action.id)
    more = "" if full else f'<a href="{home}">Read the full guidance</a> · '
    parts.append(
        f'<p class="mbct-permalink">{more}<a class="mbct-copy-link" href="{home}" '
        f'data-action-id="{action.id}">Link to this action</a></p>'
    )
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def action_cards(guide: Guide, actions: Iterable[m.Action], links: Links, *, level: int = 3, full: bool = True) -> str:
    return "\n".join(action_card(guide, a.id, links, level=level, full=full) for a in actions)


def stage_actions(guide: Guide, stage_id: str, links: Links, *, level: int = 2) -> str:
    """A stage's actions grouped by theme: the canonical home of each action's anchor."""
    parts = []
    for theme in guide.themes:
        actions = guide.actions_where(stage=stage_id, theme=theme.id)
        if not actions:
            continue
        parts += [
            heading(level, plain(theme.title), f"theme-{theme.id}"),
            "",
            f"{plain(theme.summary)} {a(links, 'See how this theme develops', 'theme', theme.id)}.",
            "",
            action_cards(guide, actions, links, level=level + 1, full=True),
        ]
    return "\n".join(parts)


def theme_across_stages(guide: Guide, theme_id: str, links: Links, *, level: int = 2) -> str:
    """How one theme develops: its actions at each stage, in summary, linking to the detail."""
    parts = []
    for stage in guide.stages:
        actions = guide.actions_where(stage=stage.id, theme=theme_id)
        parts += [
            heading(level, plain(stage.title), f"stage-{stage.id}"),
            "",
            plain(stage.summary),
            "",
            action_cards(guide, actions, links, level=level + 1, full=False) if actions else "No actions yet.",
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
        parts += [heading(level, plain(stage.title), f"stage-{stage.id}"), ""]
        if leading:
            parts += [
                f"**You lead** ({len(leading)})",
                "",
                action_cards(guide, leading, links, level=level + 1, full=False),
            ]
        if helping:
            parts += [
                f"**You help** ({len(helping)})",
                "",
                action_cards(guide, helping, links, level=level + 1, full=False),
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
            cell = "<br>".join(a(links, plain(action.title), "action", action.id) for action in actions)
            cells.append(f"<td>{cell or 'None yet'}</td>")
        theme_cell = a(links, plain(theme.title), "theme", theme.id)
        rows.append(f'<tr><th scope="row">{theme_cell}</th>{"".join(cells)}</tr>')
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<caption>Every action, by theme and stage</caption>"
        f'<thead><tr><th scope="col">Theme</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>\n'
    )
