"""Registers the macros editors call in docs/ pages. macros.py at the top level calls register().

Each macro is a thin wrapper: it finds the current page, checks the ids it was given and
calls a pure renderer in render.py. A wrong id stops the build with a message that
names the page, the macro and the allowed values.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import render, render_urgent
from .contact import Contact, contact_settings
from .guide import Guide
from .loader import load_guide
from .problems import GuidanceDataError
from .publish import release_version as version_of

LOG = logging.getLogger("mkdocs.plugins.mbct_guide")


def report_overdue(guide: Guide, on: dt.date) -> None:
    """List overdue reviews in the build output. INFO, not WARNING: --strict would fail the build."""
    late = [r for r in guide.reviews if r.next_review_due < on]
    for review in late:
        LOG.info("Review overdue: %s (was due %s)", review.page, review.next_review_due.isoformat())
    if late:
        LOG.info("%d page(s) overdue for review: see the maintainers page.", len(late))


def report_placeholder_contact(contact: Contact) -> None:
    """Say in the build output while extra.contact is a placeholder. INFO, not WARNING (see above)."""
    if contact.placeholder:
        LOG.info(
            "Contact is a placeholder: extra.contact in mkdocs.yml (%s, %s) is shown on the site as not read yet. "
            "Set the real organisation and email and remove 'placeholder: true' before publishing.",
            contact.organisation,
            contact.email,
        )


class MacroUsageError(Exception):
    """A macro was called with an id or argument that does not exist."""


def _known(kind: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        raise MacroUsageError(f"'{value}' is not a known {kind}. Use one of: {', '.join(allowed)}")


class _Checks:
    def __init__(self, guide: Guide):
        self.ids = {
            "action": [a.id for a in guide.actions],
            "stage": [s.id for s in guide.stages],
            "theme": [t.id for t in guide.themes],
            "role": [r.id for r in guide.roles],
            "story": [s.id for s in guide.stories],
            "source": [s.id for s in guide.sources],
            "pivot point": [p.id for p in guide.pivot_points],
            "template": [t.id for t in guide.templates],
            "kind": ["challenge", "opportunity", "either"],
        }

    def __call__(self, kind: str, value: str | None) -> None:
        if value is not None:
            _known(kind, value, self.ids[kind])


# Benchmarks set MBCT_TIMINGS to a file path; the time spent in our code is written there.
TIMINGS: dict[str, float] = {"load": 0.0, "macros": 0.0, "publish": 0.0}


def _timed(bucket: str, started: float) -> None:
    TIMINGS[bucket] += time.perf_counter() - started


def load_for_build(project_dir: Path, docs_dir: Path) -> Guide:
    """Load and validate; on problems, stop the build before any page is written."""
    started = time.perf_counter()
    try:
        return load_guide(project_dir / "guidance_data", docs_dir)
    except GuidanceDataError as error:
        raise PluginError(error.report()) from None
    finally:
        _timed("load", started)


def today() -> dt.date:
    """The build date; MBCT_TODAY=YYYY-MM-DD pins it (for tests and for checking ahead)."""
    pinned = os.environ.get("MBCT_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def register(env: Any) -> None:
    TIMINGS.update(dict.fromkeys(TIMINGS, 0.0))  # each build (mkdocs serve rebuilds) starts afresh
    project_dir = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    guide = load_for_build(project_dir, docs_dir)
    check = _Checks(guide)
    env.variables["guide"] = guide
    build_date = today()
    # The theme templates read these (page foot: review dates, edit and report links; footer: version).
    contact = contact_settings(env.conf["extra"])
    env.conf["extra"]["mbct"] = {
        "version": version_of(guide),
        "reviews": render.review_summary(guide, build_date),
        "contact": contact.html(),
    }
    report_overdue(guide, build_date)
    report_placeholder_contact(contact)

    def page() -> str:
        return env.page.file.src_uri

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        """Register, and turn a wrong id into a message naming the page and macro."""

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            except MacroUsageError as error:
                raise MacroUsageError(f"{page()}: {function.__name__}(): {error}") from None
            finally:
                _timed("macros", started)

        wrapper.__signature__ = inspect.signature(function)
        env.macro(wrapper, function.__name__)
        return wrapper

    @macro
    def action_card(id: str, level: int = 3, full: bool = True) -> str:
        """One action with its anchor; full=False shows the summary and a link to the detail."""
        check("action", id)
        return render.action_card(guide, id, page(), level=level, full=full)

    @macro
    def stage_overview(stage: str, level: int = 2) -> str:
        """A stage's summary, what it looks like and the signs you are ready for the next."""
        check("stage", stage)
        return render.stage_overview(guide, stage, page(), level=level)

    @macro
    def role_overview(role: str, level: int = 2) -> str:
        """Who a role covers and what matters to them."""
        check("role", role)
        return render.role_overview(guide, role, page(), level=level)

    @macro
    def stage_actions(stage: str, level: int = 2) -> str:
        """Every action at one stage, grouped by theme: the home of each action's anchor."""
        check("stage", stage)
        return render.stage_actions(guide, stage, page(), level=level)

    @macro
    def theme_across_stages(theme: str, level: int = 2) -> str:
        """How one theme develops from starting out to sustaining."""
        check("theme", theme)
        return render.theme_across_stages(guide, theme, page(), level=level)

    @macro
    def role_actions(role: str, level: int = 2) -> str:
        """A role's actions, stage by stage, the ones it leads first."""
        check("role", role)
        return render.role_actions(guide, role, page(), level=level)

    @macro
    def stage_theme_table() -> str:
        """The stage × theme table with every action linked."""
        return render.stage_theme_table(guide, page())

    @macro
    def pivot_points(kind: str | None = None, stage: str | None = None, role: str | None = None, level: int = 2) -> str:
        """Pivot points in full, optionally only one kind, stage or role."""
        check("kind", kind)
        check("stage", stage)
        check("role", role)
        return render.pivot_points(guide, page(), kind=kind, stage=stage, role=role, level=level)

    @macro
    def pivot_point_list(stage: str | None = None, role: str | None = None) -> str:
        """A short linked list of pivot points for a stage or role."""
        check("stage", stage)
        check("role", role)
        return render.pivot_point_list(guide, page(), stage=stage, role=role)

    @macro
    def story(id: str, level: int = 2) -> str:
        """One illustrative story in full, with its label."""
        check("story", id)
        return render.story(guide, id, page(), level=level)

    @macro
    def story_list(stage: str | None = None, role: str | None = None) -> str:
        """A linked list of stories, optionally those touching a stage or role."""
        check("stage", stage)
        check("role", role)
        return render.story_list(guide, page(), stage=stage, role=role)

    @macro
    def cite(*ids: str) -> str:
        """An inline citation linked to the references: cite("nice-ng222", "crane-kuyken-2013")."""
        if not ids:
            raise MacroUsageError("give at least one source id")
        for source_id in ids:
            check("source", source_id)
        return render.cite(guide, ids, page())

    @macro
    def urgent_help(full: bool = False, level: int = 2) -> str:
        """Where to get help now: the short box for public pages, or full=True for the urgent help page."""
        if full:
            return render_urgent.urgent_help_page(guide, page(), level=level)
        return render_urgent.urgent_help_box(guide, page(), level=level)

    @macro
    def contact_details() -> str:
        """How to reach the people who run the site without a GitHub account (extra.contact in mkdocs.yml)."""
        return contact.markdown()

    @macro
    def role_cards() -> str:
        """A card for each role, linking to its page."""
        return render.role_cards(guide, page())

    @macro
    def stage_cards() -> str:
        """A card for each journey stage, linking to its page."""
        return render.stage_cards(guide, page())

    @macro
    def theme_list() -> str:
        """The seven themes, linked, each with its summary."""
        return render.theme_list(guide, page())

    @macro
    def framework_elements(level: int = 3) -> str:
        """The PARIHS elements and sub-elements with the actions that apply each."""
        return render.framework_elements(guide, page(), level=level)

    @macro
    def framework_concepts(group: str, level: int = 3) -> str:
        """i-PARIHS ("i-parihs") or the study's explanatory framework ("explanatory"), linked to actions."""
        _known("framework group", group, ["i-parihs", "explanatory"])
        return render.framework_concepts(guide, group, page(), level=level)

    @macro
    def journey_map() -> str:
        """An SVG map of the stages (wide and narrow layouts) with links and a text alternative."""
        return render.journey_map(guide, page())

    @macro
    def hub_contents() -> str:
        """The contents list of the section this page is in (from the nav), current page marked."""
        return render.hub_contents(env.conf["nav"] or [], page())

    @macro
    def role_pack(role: str) -> str:
        """Everything for one role, actions in full, on one printable page."""
        check("role", role)
        return render.role_pack(guide, role, page())

    @macro
    def stage_pack(stage: str) -> str:
        """Everything for one stage on one printable page."""
        check("stage", stage)
        return render.stage_pack(guide, stage, page())

    @macro
    def calculator_form() -> str:
        """The live cost and capacity calculator (revealed by its script)."""
        return render.calculator_form(guide, page())

    @macro
    def calculator_worked_example() -> str:
        """Inputs and results for the default figures, computed at build time."""
        return render.calculator_worked_example(guide, page())

    @macro
    def template_page(id: str) -> str:
        """A printable template with its download links."""
        check("template", id)
        return render.template_page(guide, id, page())

    @macro
    def template_list() -> str:
        """Every template, linked, with its summary."""
        return render.template_list(guide, page())

    @macro
    def self_assessment() -> str:
        """The self-assessment statements, with the containers its script fills."""
        return render.self_assessment(guide, page())

    @macro
    def overdue_reviews() -> str:
        """Pages whose next review date has passed, oldest first."""
        return render.overdue_reviews(guide, build_date, page())

    @macro
    def upcoming_reviews(days: int = 90) -> str:
        """Pages due for review in the next ``days`` days."""
        return render.upcoming_reviews(guide, build_date, page(), days=days)

    @macro
    def changelog() -> str:
        """Every release, newest first, from guidance_data/changelog.yml."""
        return render.changelog(guide, page())

    @macro
    def open_data_files() -> str:
        """A table of the published JSON files and their schemas."""
        return render.open_data_files(guide, page())

    @macro
    def release_version() -> str:
        """The current release number, such as 0.1.0."""
        return render.plain(env.conf["extra"]["mbct"]["version"])

    @macro
    def explorer() -> str:
        """Every action, compact, with the filter form the explorer script drives."""
        return render.explorer(guide, page())

    @macro
    def references() -> str:
        """Every source, with an anchor for each."""
        return render.references(guide, page())

    @macro
    def glossary() -> str:
        """Every glossary term, with an anchor for each."""
        return render.glossary(guide, page())


def publish_files(env: Any) -> None:
    """Write the template downloads and open data into the built site."""
    from .publish import write_open_data, write_template_downloads

    started = time.perf_counter()
    guide = env.variables["guide"]
    site_dir = Path(env.conf["site_dir"])
    site_url = env.conf.get("site_url") or "/"
    write_template_downloads(guide, site_dir, site_url)
    write_open_data(guide, site_dir, Path(env.project_dir) / "guidance_data" / "schemas")
    _timed("publish", started)
    if os.environ.get("MBCT_TIMINGS"):
        Path(os.environ["MBCT_TIMINGS"]).write_text(json.dumps(TIMINGS), encoding="utf-8")
