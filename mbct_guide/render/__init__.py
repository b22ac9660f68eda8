"""Renderers by page family: pure functions from the Guide to Markdown and HTML.

Each takes the Guide, its arguments and a ``routes.Links`` for the page being built, so
every URL comes from MkDocs and a wrong target fails the build. HTML widgets are Jinja
templates in mbct_guide/templates/.

- ``common``: links, citations, lists, the widget template environment
- ``actions``: action cards, stage and role lists, the stage-by-theme table
- ``stories``: pivot points and illustrative stories
- ``framework``: PARIHS, i-PARIHS and the explanatory framework
- ``pages``: page sections, references, glossary, contents lists, print packs
- ``tools``: explorer, journey map, calculator, self-assessment, templates
- ``reviews``: review dates, changelog, open data table
- ``urgent``: the urgent help box and page
"""

from ..text import plain
from .actions import (
    action_card,
    action_cards,
    action_meta,
    action_page,
    role_actions,
    stage_actions,
    stage_theme_table,
    theme_across_stages,
)
from .common import HeldRender, cite, hold_again, json_script, link, render_held
from .framework import framework_concepts, framework_elements
from .pages import (
    find_section,
    glossary,
    handout,
    hub_contents,
    references,
    role_cards,
    role_pack,
    role_start,
    role_what_matters,
    stage_cards,
    stage_overview,
    stage_pack,
    stage_ready_for_next,
    stage_start,
    theme_list,
    theme_summary,
)
from .reviews import (
    NOT_MEDICAL_ADVICE,
    changelog,
    clinical_status,
    long_date,
    open_data_files,
    overdue_reviews,
    review_summary,
    upcoming_reviews,
)
from .stories import ILLUSTRATIVE_NOTE, pivot_point, pivot_point_list, pivot_points, story, story_list
from .tools import (
    ANSWERS,
    assessment_data,
    calculator_form,
    calculator_worked_example,
    explorer,
    journey_map,
    self_assessment,
    template_list,
    template_page,
)
from .urgent import urgent_help_box, urgent_help_page, urgent_help_sources

__all__ = [
    "link",
    "ANSWERS",
    "ILLUSTRATIVE_NOTE",
    "action_card",
    "action_cards",
    "action_meta",
    "action_page",
    "assessment_data",
    "calculator_form",
    "calculator_worked_example",
    "changelog",
    "clinical_status",
    "NOT_MEDICAL_ADVICE",
    "cite",
    "HeldRender",
    "hold_again",
    "render_held",
    "explorer",
    "find_section",
    "framework_concepts",
    "framework_elements",
    "glossary",
    "handout",
    "hub_contents",
    "journey_map",
    "json_script",
    "long_date",
    "open_data_files",
    "overdue_reviews",
    "pivot_point",
    "pivot_point_list",
    "pivot_points",
    "plain",
    "references",
    "review_summary",
    "role_actions",
    "role_cards",
    "role_start",
    "role_what_matters",
    "role_pack",
    "self_assessment",
    "stage_actions",
    "stage_cards",
    "stage_overview",
    "stage_ready_for_next",
    "stage_start",
    "stage_pack",
    "stage_theme_table",
    "story",
    "story_list",
    "template_list",
    "template_page",
    "theme_across_stages",
    "theme_list",
    "theme_summary",
    "upcoming_reviews",
    "urgent_help_box",
    "urgent_help_page",
    "urgent_help_sources",
]
