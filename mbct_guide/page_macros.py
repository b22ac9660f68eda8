"""The macros editors call in docs/ pages, one function each, in the order of the reference.

Each takes the page being built (``MacroPage``: the guide, its links, the build date...) and
the arguments an editor writes, and returns what a pure renderer in the render package makes.
Ids are typed (``stage: StageId``): macros_env checks every id against the data before the
call, from these annotations, and turns a wrong one into a message naming the page and the
macro. The docstrings are the macros reference (docs/maintainers/macros.md): a summary, then
"Used on:" and "Example:" lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from . import models as m
from . import render
from .contact import Contact
from .downloads import release_version as release_version_of
from .guide import Guide
from .routes import Links, source_file


class MacroUsageError(Exception):
    """A macro was called with an id or argument that does not exist.

    ``macro_errors`` reports it as "page, line, macro: problem", without a traceback."""

    def __init__(self, problem: str, macro: str | None = None):
        self.problem = problem
        self.macro = macro
        super().__init__(f"{macro}(): {problem}" if macro else problem)


@dataclass(frozen=True)
class MacroPage:
    """What a macro knows about the page it is called on."""

    guide: Guide
    links: Links
    path: str  # the page's docs/ path, such as "roles/referrer.md"
    today: dt.date
    contact: Contact
    nav: list[Any]
    # The build's print packs, by (kind, id), each rendered once (``_print_pack``).
    print_packs: dict[tuple[str, str], render.HeldRender] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    """An argument that must be the id of a record in one of the guide's collections."""

    collection: str
    noun: str


@dataclass(frozen=True)
class Choice:
    """An argument that must be one of a model's fixed values."""

    values: tuple[str, ...]
    noun: str


ActionId = Annotated[str, Record("actions", "action")]
StageId = Annotated[str, Record("stages", "stage")]
OptionalStageId = Annotated[str | None, Record("stages", "stage")]
ThemeId = Annotated[str, Record("themes", "theme")]
RoleId = Annotated[str, Record("roles", "role")]
OptionalRoleId = Annotated[str | None, Record("roles", "role")]
StoryId = Annotated[str, Record("stories", "story")]
SourceId = Annotated[str, Record("sources", "source")]
TemplateId = Annotated[str, Record("templates", "template")]
OptionalPivotKind = Annotated[str | None, Choice(m.PIVOT_KINDS, "kind")]
FrameworkGroupChoice = Annotated[str, Choice(m.FRAMEWORK_GROUPS, "framework group")]


def _print_pack(page: MacroPage, kind: str, record_id: str, render_pack: Callable[[Links], str]) -> render.HeldRender:
    """A print pack as its own page shows it, rendered once per build: the stage or role page
    that links to it measures it (how many A4 pages), and the pack's page then shows the same
    rendering. Rendering each pack twice was a fifth of the macros' time at 10x the actions."""
    key = (kind, record_id)
    if key not in page.print_packs:
        links = page.links.for_page(source_file(kind, record_id))
        page.print_packs[key] = render.render_held(lambda: render_pack(links))
    return page.print_packs[key]


def _pack_page(page: MacroPage, kind: str, record_id: str, render_pack: Callable[[Links], str]) -> str:
    """A print pack for the page being built: the build's one rendering on the pack's own page
    (its links are relative to that page), a fresh one anywhere else."""
    if page.path != source_file(kind, record_id):
        return render_pack(page.links)
    return render.hold_again(_print_pack(page, kind, record_id, render_pack))


def action_card(page: MacroPage, id: ActionId, level: int = 3, full: bool = False) -> str:
    """One action as a card with its anchor, linking to its page; full=True prints it in full.

    Used on: any page
    Example: {{ action_card(id="find-a-buddy", full=False) }}
    """
    return render.action_card(page.guide, id, page.links, level=level, full=full)


def action_page(page: MacroPage, id: ActionId) -> str:
    """Everything about one action, for its own page (the build makes one per action).

    Used on: action pages (generated from guidance_data/actions/)
    Example: {{ action_page(id="find-a-buddy") }}
    """
    return render.action_page(page.guide, id, page.links)


def stage_start(page: MacroPage, stage: StageId, level: int = 2) -> str:
    """The top of a stage page: its summary, what it looks like and the three actions to do first.

    Used on: stage pages
    Example: {{ stage_start(stage="developing") }}
    """
    pack = _print_pack(page, "stage-pack", stage, lambda links: render.stage_pack(page.guide, stage, links))
    return render.stage_start(page.guide, stage, page.links, level=level, pack=pack.full_text())


def stage_ready_for_next(page: MacroPage, stage: StageId, level: int = 2) -> str:
    """The signs that a service is ready for the next stage, with a link to it.

    Used on: stage pages
    Example: {{ stage_ready_for_next(stage="developing") }}
    """
    return render.stage_ready_for_next(page.guide, stage, page.links, level=level)


def role_start(page: MacroPage, role: RoleId, level: int = 2) -> str:
    """The top of a role page: who it is for, the first three things to do, and a stage picker.

    Used on: role pages
    Example: {{ role_start(role="manager") }}
    """
    pack = _print_pack(page, "role-pack", role, lambda links: render.role_pack(page.guide, role, links))
    return render.role_start(page.guide, role, page.links, level=level, pack=pack.full_text())


def handout(page: MacroPage, role: RoleId) -> str:
    """A role's essentials on two printed pages: why it matters, first steps, pivot points, where to find more.

    Used on: handout pages (generated, one per role)
    Example: {{ handout(role="commissioner") }}
    """
    return render.handout(page.guide, role, page.links)


def role_what_matters(page: MacroPage, role: RoleId, level: int = 2) -> str:
    """What matters to people in a role, as a list.

    Used on: role pages
    Example: {{ role_what_matters(role="commissioner") }}
    """
    return render.role_what_matters(page.guide, role, level=level)


def stage_actions(page: MacroPage, stage: StageId, level: int = 2) -> str:
    """Every action at one stage, grouped by theme: the home of each action's anchor.

    Used on: stage pages (each action's permanent home)
    Example: {{ stage_actions(stage="developing", level=3) }}
    """
    return render.stage_actions(page.guide, stage, page.links, level=level)


def theme_across_stages(page: MacroPage, theme: ThemeId, level: int = 2) -> str:
    """How one theme develops from starting out to sustaining.

    Used on: theme pages
    Example: {{ theme_across_stages(theme="build-a-team") }}
    """
    return render.theme_across_stages(page.guide, theme, page.links, level=level)


def role_actions(page: MacroPage, role: RoleId, level: int = 2) -> str:
    """A role's actions, stage by stage, the ones it leads first.

    Used on: role pages
    Example: {{ role_actions(role="teacher", level=3) }}
    """
    return render.role_actions(page.guide, role, page.links, level=level)


def stage_theme_table(page: MacroPage) -> str:
    """The stage × theme table with every action linked.

    Used on: the journey page
    Example: {{ stage_theme_table() }}
    """
    return render.stage_theme_table(page.guide, page.links)


def pivot_points(
    page: MacroPage,
    kind: OptionalPivotKind = None,
    stage: OptionalStageId = None,
    role: OptionalRoleId = None,
    level: int = 2,
) -> str:
    """Pivot points in full, optionally only one kind, stage or role.

    Used on: the pivot points page
    Example: {{ pivot_points(kind="opportunity") }}
    """
    return render.pivot_points(page.guide, page.links, kind=kind, stage=stage, role=role, level=level)


def pivot_point_list(page: MacroPage, stage: OptionalStageId = None, role: OptionalRoleId = None) -> str:
    """A short linked list of pivot points for a stage or role.

    Used on: stage and role pages
    Example: {{ pivot_point_list(stage="sustaining") }}
    """
    return render.pivot_point_list(page.guide, page.links, stage=stage, role=role)


def story(page: MacroPage, id: StoryId, level: int = 2) -> str:
    """One illustrative story in full, with its label.

    Used on: story pages
    Example: {{ story(id="rural-area") }}
    """
    return render.story(page.guide, id, page.links, level=level)


def story_list(
    page: MacroPage, stage: OptionalStageId = None, role: OptionalRoleId = None, summaries: bool = True
) -> str:
    """A linked list of stories, optionally those touching a stage or role.

    Used on: stage, role and stories pages
    Example: {{ story_list(role="manager") }}
    """
    return render.story_list(page.guide, page.links, stage=stage, role=role, summaries=summaries)


def cite(page: MacroPage, *ids: SourceId) -> str:
    """An inline citation linked to the references: cite("nice-ng222", "crane-kuyken-2013").

    Used on: any page
    Example: {{ cite("nice-ng222", "crane-kuyken-2013") }}
    """
    if not ids:
        raise MacroUsageError("give at least one source id")
    return render.cite(page.guide, ids, page.links)


def link_to(page: MacroPage, kind: str, id: str, label: str) -> str:
    """A link to any page or record, by kind (stage, role, action, story, page...) and id.

    Used on: generated pages, any page
    Example: {{ link_to(kind="stage", id="developing", label="the developing page") }}
    """
    return render.link(page.links, render.plain(label), kind, id)


def urgent_help(page: MacroPage, full: bool = False, level: int = 2) -> str:
    """Where to get help now: the short box for public pages, or full=True for the urgent help page.

    Used on: About MBCT, the lived experience and referrer pages (box); the urgent help page (full)
    Example: {{ urgent_help() }}
    """
    if full:
        return render.urgent_help_page(page.guide, page.links, level=level)
    return render.urgent_help_box(page.guide, page.links, level=level)


def clinical_status(page: MacroPage, page_path: str | None = None) -> str:
    """The page's clinical review record (or "Not yet clinically reviewed"), and that the site gives
    no personal medical advice. Data: guidance_data/clinical_reviews.yml.

    Used on: every public-facing page (the data check requires it there)
    Example: {{ clinical_status() }} (a handout gives its role page: page_path="roles/referrer.md")
    """
    return render.clinical_status(page.guide, page_path or page.path, page.links)


def urgent_help_sources(page: MacroPage, level: int = 2) -> str:
    """Where each urgent help number comes from, listed together (the numbers carry no citations).

    Used on: the urgent help page, at its foot
    Example: {{ urgent_help_sources() }}
    """
    return render.urgent_help_sources(page.guide, page.links, level=level)


def contact_details(page: MacroPage) -> str:
    """How to reach the people who run the site without a GitHub account (extra.contact in mkdocs.yml).

    Used on: accessibility and privacy pages
    Example: {{ contact_details() }}
    """
    return page.contact.markdown()


def role_cards(page: MacroPage) -> str:
    """A card for each role, linking to its page.

    Used on: home, roles page
    Example: {{ role_cards() }}
    """
    return render.role_cards(page.guide, page.links)


def stage_cards(page: MacroPage) -> str:
    """A card for each journey stage, linking to its page.

    Used on: home, journey page
    Example: {{ stage_cards() }}
    """
    return render.stage_cards(page.guide, page.links)


def theme_summary(page: MacroPage, theme: ThemeId) -> str:
    """A theme's summary from themes.yml, as the lead paragraph of its page.

    Used on: theme pages
    Example: {{ theme_summary(theme="make-it-fit") }}
    """
    return render.theme_summary(page.guide, theme)


def theme_list(page: MacroPage) -> str:
    """The seven themes, linked, each with its summary.

    Used on: journey and themes pages
    Example: {{ theme_list() }}
    """
    return render.theme_list(page.guide, page.links)


def framework_elements(page: MacroPage, level: int = 3) -> str:
    """The PARIHS elements and sub-elements with the actions that apply each.

    Used on: the framework page
    Example: {{ framework_elements() }}
    """
    return render.framework_elements(page.guide, page.links, level=level)


def framework_concepts(page: MacroPage, group: FrameworkGroupChoice, level: int = 3) -> str:
    """i-PARIHS ("i-parihs") or the study's explanatory framework ("explanatory"), linked to actions.

    Used on: the framework page
    Example: {{ framework_concepts(group="explanatory") }}
    """
    return render.framework_concepts(page.guide, group, page.links, level=level)


def journey_map(page: MacroPage) -> str:
    """An SVG map of the stages (wide and narrow layouts) with links and a text alternative.

    Used on: home, journey page
    Example: {{ journey_map() }}
    """
    return render.journey_map(page.guide, page.links)


def hub_contents(page: MacroPage) -> str:
    """The contents list of the section this page is in (from the nav), current page marked.

    Used on: pages in a section (under the title)
    Example: {{ hub_contents() }}
    """
    return render.hub_contents(page.nav, page.links)


def role_pack(page: MacroPage, role: RoleId) -> str:
    """Everything for one role, actions in full, on one printable page.

    Used on: print packs
    Example: {{ role_pack(role="referrer") }}
    """
    return _pack_page(page, "role-pack", role, lambda links: render.role_pack(page.guide, role, links))


def stage_pack(page: MacroPage, stage: StageId) -> str:
    """Everything for one stage on one printable page.

    Used on: print packs
    Example: {{ stage_pack(stage="starting-out") }}
    """
    return _pack_page(page, "stage-pack", stage, lambda links: render.stage_pack(page.guide, stage, links))


def calculator_form(page: MacroPage) -> str:
    """The live cost and capacity calculator (revealed by its script).

    Used on: the calculator
    Example: {{ calculator_form() }}
    """
    return render.calculator_form(page.guide, page.links)


def calculator_worked_example(page: MacroPage) -> str:
    """Inputs and results for the default figures, computed at build time.

    Used on: the calculator
    Example: {{ calculator_worked_example() }}
    """
    return render.calculator_worked_example(page.guide, page.links)


def template_page(page: MacroPage, id: TemplateId) -> str:
    """A printable template with its download links.

    Used on: template pages
    Example: {{ template_page(id="business-case") }}
    """
    return render.template_page(page.guide, id, page.links)


def template_list(page: MacroPage) -> str:
    """Every template, linked, with its summary.

    Used on: templates page
    Example: {{ template_list() }}
    """
    return render.template_list(page.guide, page.links)


def self_assessment(page: MacroPage) -> str:
    """The self-assessment statements, with the containers its script fills.

    Used on: the self-assessment
    Example: {{ self_assessment() }}
    """
    return render.self_assessment(page.guide, page.links)


def overdue_reviews(page: MacroPage) -> str:
    """Pages whose next review date has passed, oldest first.

    Used on: maintainers page
    Example: {{ overdue_reviews() }}
    """
    return render.overdue_reviews(page.guide, page.today, page.links)


def upcoming_reviews(page: MacroPage, days: int = 90) -> str:
    """Pages due for review in the next ``days`` days.

    Used on: maintainers page
    Example: {{ upcoming_reviews(days=60) }}
    """
    return render.upcoming_reviews(page.guide, page.today, page.links, days=days)


def changelog(page: MacroPage) -> str:
    """Every release, newest first, from guidance_data/changelog.yml.

    Used on: What's changed page
    Example: {{ changelog() }}
    """
    return render.changelog(page.guide)


def open_data_files(page: MacroPage) -> str:
    """A table of the published JSON files and their schemas.

    Used on: open data page
    Example: {{ open_data_files() }}
    """
    return render.open_data_files(page.guide, page.links)


def release_version(page: MacroPage) -> str:
    """The current release number, such as 0.1.0.

    Used on: open data page
    Example: {{ release_version() }}
    """
    return render.plain(release_version_of(page.guide))


def explorer(page: MacroPage) -> str:
    """Every action, compact, with the filter form the explorer script drives.

    Used on: the explorer
    Example: {{ explorer() }}
    """
    return render.explorer(page.guide, page.links)


def references(page: MacroPage) -> str:
    """Every source, with an anchor for each.

    Used on: references page
    Example: {{ references() }}
    """
    return render.references(page.guide, page.links)


def glossary(page: MacroPage) -> str:
    """Every glossary term, with an anchor for each.

    Used on: glossary page
    Example: {{ glossary() }}
    """
    return render.glossary(page.guide, page.links)


# Registered in this order; the macros reference lists them in the same order.
MACROS = (
    action_card,
    action_page,
    stage_start,
    stage_ready_for_next,
    role_start,
    handout,
    role_what_matters,
    stage_actions,
    theme_across_stages,
    role_actions,
    stage_theme_table,
    pivot_points,
    pivot_point_list,
    story,
    story_list,
    cite,
    link_to,
    urgent_help,
    clinical_status,
    urgent_help_sources,
    contact_details,
    role_cards,
    stage_cards,
    theme_summary,
    theme_list,
    framework_elements,
    framework_concepts,
    journey_map,
    hub_contents,
    role_pack,
    stage_pack,
    calculator_form,
    calculator_worked_example,
    template_page,
    template_list,
    self_assessment,
    overdue_reviews,
    upcoming_reviews,
    changelog,
    open_data_files,
    release_version,
    explorer,
    references,
    glossary,
)
