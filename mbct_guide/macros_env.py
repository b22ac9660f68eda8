"""Registers the macros editors call in docs/ pages. macros.py at the top level calls register().

Each macro is a thin wrapper: it finds the current page, checks the ids it was given and
calls a pure renderer in the render package. A wrong id stops the build with a message that
names the page, the macro and the allowed values.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import macro_errors, render
from .contact import Contact, contact_settings
from .downloads import release_version as version_of
from .generated import reviewed_with
from .guide import Guide
from .loader import load_guide
from .problems import GuidanceDataError
from .render.common import holding_html
from .routes import Links, RouteError
from .suggest import did_you_mean, quoted

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
    """A macro was called with an id or argument that does not exist.

    ``macro_errors`` reports it as "page, line, macro: problem", without a traceback."""

    def __init__(self, problem: str, macro: str | None = None):
        self.problem = problem
        self.macro = macro
        super().__init__(f"{macro}(): {problem}" if macro else problem)


def _known(kind: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        if hint:
            raise MacroUsageError(f"{quoted(value)} is not a known {kind}{hint}")
        raise MacroUsageError(f"{quoted(value)} is not a known {kind}. Use one of: {', '.join(allowed)}")


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


# Finished HTML that macros hold out of Markdown, by page, until hooks.on_page_content puts it
# back (render.common.ready_html).
HELD_HTML: dict[str, dict[str, str]] = {}

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


def register(env: Any, *, report: bool = True) -> None:
    """Load the data and register every macro. ``report`` is False when the macros are only
    listed (for their reference page), so the build's notes are not printed a second time."""
    if report:
        TIMINGS.update(dict.fromkeys(TIMINGS, 0.0))  # each build (mkdocs serve rebuilds) starts afresh
    project_dir = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    guide = load_for_build(project_dir, docs_dir)
    macro_errors.install(MacroUsageError)
    check = _Checks(guide)
    env.variables["guide"] = guide
    build_date = today()
    # The theme templates read these (page foot: review dates, edit and report links; footer: version).
    reviews = render.review_summary(guide, build_date)
    for page, owner in reviewed_with(guide).items():
        if owner in reviews:
            reviews[page] = reviews[owner]
    contact = contact_settings(env.conf["extra"])
    env.conf["extra"]["mbct"] = {
        "version": version_of(guide),
        "reviews": reviews,
        "contact": contact.html(),
        "not_medical_advice": render.NOT_MEDICAL_ADVICE,
    }
    if report:
        report_overdue(guide, build_date)
        report_placeholder_contact(contact)

    def page() -> str:
        return env.page.file.src_uri

    def links() -> Links:
        """URLs for the page being built, resolved through MkDocs' files (see routes.py)."""
        return Links(guide, env.variables["files"], page(), site_url=env.conf.get("site_url"))

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        """Register, and turn a wrong id or argument into a message naming the page and macro."""
        signature = inspect.signature(function)
        takes = ", ".join(signature.parameters) or "no arguments"

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            started = time.perf_counter()
            try:
                signature.bind(*args, **kwargs)
            except TypeError as error:
                raise MacroUsageError(f"{error}; it takes: {takes}", function.__name__) from None
            try:
                with holding_html(HELD_HTML.setdefault(page(), {})):
                    return function(*args, **kwargs)
            except MacroUsageError as error:
                raise MacroUsageError(error.problem, function.__name__) from None
            except RouteError as error:
                raise MacroUsageError(error.problem, function.__name__) from None
            finally:
                _timed("macros", started)

        wrapper.__signature__ = signature
        env.macro(wrapper, function.__name__)
        return wrapper

    @macro
    def action_card(id: str, level: int = 3, full: bool = False) -> str:
        """One action as a card with its anchor, linking to its page; full=True prints it in full.

        Used on: any page
        Example: {{ action_card(id="find-a-buddy", full=False) }}
        """
        check("action", id)
        return render.action_card(guide, id, links(), level=level, full=full)

    @macro
    def action_page(id: str) -> str:
        """Everything about one action, for its own page (the build makes one per action).

        Used on: action pages (generated from guidance_data/actions/)
        Example: {{ action_page(id="find-a-buddy") }}
        """
        check("action", id)
        return render.action_page(guide, id, links())

    @macro
    def stage_start(stage: str, level: int = 2) -> str:
        """The top of a stage page: its summary, what it looks like and the three actions to do first.

        Used on: stage pages
        Example: {{ stage_start(stage="developing") }}
        """
        check("stage", stage)
        return render.stage_start(guide, stage, links(), level=level)

    @macro
    def stage_ready_for_next(stage: str, level: int = 2) -> str:
        """The signs that a service is ready for the next stage, with a link to it.

        Used on: stage pages
        Example: {{ stage_ready_for_next(stage="developing") }}
        """
        check("stage", stage)
        return render.stage_ready_for_next(guide, stage, links(), level=level)

    @macro
    def role_start(role: str, level: int = 2) -> str:
        """The top of a role page: who it is for, the first three things to do, and a stage picker.

        Used on: role pages
        Example: {{ role_start(role="manager") }}
        """
        check("role", role)
        return render.role_start(guide, role, links(), level=level)

    @macro
    def handout(role: str) -> str:
        """A role's essentials on two printed pages: why it matters, first steps, pivot points, where to find more.

        Used on: handout pages (generated, one per role)
        Example: {{ handout(role="commissioner") }}
        """
        check("role", role)
        return render.handout(guide, role, links())

    @macro
    def role_what_matters(role: str, level: int = 2) -> str:
        """What matters to people in a role, as a list.

        Used on: role pages
        Example: {{ role_what_matters(role="commissioner") }}
        """
        check("role", role)
        return render.role_what_matters(guide, role, level=level)

    @macro
    def stage_actions(stage: str, level: int = 2) -> str:
        """Every action at one stage, grouped by theme: the home of each action's anchor.

        Used on: stage pages (each action's permanent home)
        Example: {{ stage_actions(stage="developing", level=3) }}
        """
        check("stage", stage)
        return render.stage_actions(guide, stage, links(), level=level)

    @macro
    def theme_across_stages(theme: str, level: int = 2) -> str:
        """How one theme develops from starting out to sustaining.

        Used on: theme pages
        Example: {{ theme_across_stages(theme="build-a-team") }}
        """
        check("theme", theme)
        return render.theme_across_stages(guide, theme, links(), level=level)

    @macro
    def role_actions(role: str, level: int = 2) -> str:
        """A role's actions, stage by stage, the ones it leads first.

        Used on: role pages
        Example: {{ role_actions(role="teacher", level=3) }}
        """
        check("role", role)
        return render.role_actions(guide, role, links(), level=level)

    @macro
    def stage_theme_table() -> str:
        """The stage × theme table with every action linked.

        Used on: the journey page
        Example: {{ stage_theme_table() }}
        """
        return render.stage_theme_table(guide, links())

    @macro
    def pivot_points(kind: str | None = None, stage: str | None = None, role: str | None = None, level: int = 2) -> str:
        """Pivot points in full, optionally only one kind, stage or role.

        Used on: the pivot points page
        Example: {{ pivot_points(kind="opportunity") }}
        """
        check("kind", kind)
        check("stage", stage)
        check("role", role)
        return render.pivot_points(guide, links(), kind=kind, stage=stage, role=role, level=level)

    @macro
    def pivot_point_list(stage: str | None = None, role: str | None = None) -> str:
        """A short linked list of pivot points for a stage or role.

        Used on: stage and role pages
        Example: {{ pivot_point_list(stage="sustaining") }}
        """
        check("stage", stage)
        check("role", role)
        return render.pivot_point_list(guide, links(), stage=stage, role=role)

    @macro
    def story(id: str, level: int = 2) -> str:
        """One illustrative story in full, with its label.

        Used on: story pages
        Example: {{ story(id="rural-area") }}
        """
        check("story", id)
        return render.story(guide, id, links(), level=level)

    @macro
    def story_list(stage: str | None = None, role: str | None = None, summaries: bool = True) -> str:
        """A linked list of stories, optionally those touching a stage or role.

        Used on: stage, role and stories pages
        Example: {{ story_list(role="manager") }}
        """
        check("stage", stage)
        check("role", role)
        return render.story_list(guide, links(), stage=stage, role=role, summaries=summaries)

    @macro
    def cite(*ids: str) -> str:
        """An inline citation linked to the references: cite("nice-ng222", "crane-kuyken-2013").

        Used on: any page
        Example: {{ cite("nice-ng222", "crane-kuyken-2013") }}
        """
        if not ids:
            raise MacroUsageError("give at least one source id")
        for source_id in ids:
            check("source", source_id)
        return render.cite(guide, ids, links())

    @macro
    def link_to(kind: str, id: str, label: str) -> str:
        """A link to any page or record, by kind (stage, role, action, story, page...) and id.

        Used on: generated pages, any page
        Example: {{ link_to(kind="stage", id="developing", label="the developing page") }}
        """
        return render.a(links(), render.plain(label), kind, id)

    @macro
    def urgent_help(full: bool = False, level: int = 2) -> str:
        """Where to get help now: the short box for public pages, or full=True for the urgent help page.

        Used on: About MBCT, the lived experience and referrer pages (box); the urgent help page (full)
        Example: {{ urgent_help() }}
        """
        if full:
            return render.urgent_help_page(guide, links(), level=level)
        return render.urgent_help_box(guide, links(), level=level)

    @macro
    def clinical_status(page_path: str | None = None) -> str:
        """The page's clinical review record (or "Not yet clinically reviewed"), and that the site gives
        no personal medical advice. Data: guidance_data/clinical_reviews.yml.

        Used on: every public-facing page (the data check requires it there)
        Example: {{ clinical_status() }} (a handout gives its role page: page_path="roles/referrer.md")
        """
        return render.clinical_status(guide, page_path or page(), links())

    @macro
    def urgent_help_sources(level: int = 2) -> str:
        """Where each urgent help number comes from, listed together (the numbers carry no citations).

        Used on: the urgent help page, at its foot
        Example: {{ urgent_help_sources() }}
        """
        return render.urgent_help_sources(guide, links(), level=level)

    @macro
    def contact_details() -> str:
        """How to reach the people who run the site without a GitHub account (extra.contact in mkdocs.yml).

        Used on: accessibility and privacy pages
        Example: {{ contact_details() }}
        """
        return contact.markdown()

    @macro
    def role_cards() -> str:
        """A card for each role, linking to its page.

        Used on: home, roles page
        Example: {{ role_cards() }}
        """
        return render.role_cards(guide, links())

    @macro
    def stage_cards() -> str:
        """A card for each journey stage, linking to its page.

        Used on: home, journey page
        Example: {{ stage_cards() }}
        """
        return render.stage_cards(guide, links())

    @macro
    def theme_summary(theme: str) -> str:
        """A theme's summary from themes.yml, as the lead paragraph of its page.

        Used on: theme pages
        Example: {{ theme_summary(theme="make-it-fit") }}
        """
        check("theme", theme)
        return render.theme_summary(guide, theme)

    @macro
    def theme_list() -> str:
        """The seven themes, linked, each with its summary.

        Used on: journey and themes pages
        Example: {{ theme_list() }}
        """
        return render.theme_list(guide, links())

    @macro
    def framework_elements(level: int = 3) -> str:
        """The PARIHS elements and sub-elements with the actions that apply each.

        Used on: the framework page
        Example: {{ framework_elements() }}
        """
        return render.framework_elements(guide, links(), level=level)

    @macro
    def framework_concepts(group: str, level: int = 3) -> str:
        """i-PARIHS ("i-parihs") or the study's explanatory framework ("explanatory"), linked to actions.

        Used on: the framework page
        Example: {{ framework_concepts(group="explanatory") }}
        """
        _known("framework group", group, ["i-parihs", "explanatory"])
        return render.framework_concepts(guide, group, links(), level=level)

    @macro
    def journey_map() -> str:
        """An SVG map of the stages (wide and narrow layouts) with links and a text alternative.

        Used on: home, journey page
        Example: {{ journey_map() }}
        """
        return render.journey_map(guide, links())

    @macro
    def hub_contents() -> str:
        """The contents list of the section this page is in (from the nav), current page marked.

        Used on: pages in a section (under the title)
        Example: {{ hub_contents() }}
        """
        return render.hub_contents(env.conf["nav"] or [], links())

    @macro
    def role_pack(role: str) -> str:
        """Everything for one role, actions in full, on one printable page.

        Used on: print packs
        Example: {{ role_pack(role="referrer") }}
        """
        check("role", role)
        return render.role_pack(guide, role, links())

    @macro
    def stage_pack(stage: str) -> str:
        """Everything for one stage on one printable page.

        Used on: print packs
        Example: {{ stage_pack(stage="starting-out") }}
        """
        check("stage", stage)
        return render.stage_pack(guide, stage, links())

    @macro
    def calculator_form() -> str:
        """The live cost and capacity calculator (revealed by its script).

        Used on: the calculator
        Example: {{ calculator_form() }}
        """
        return render.calculator_form(guide, links())

    @macro
    def calculator_worked_example() -> str:
        """Inputs and results for the default figures, computed at build time.

        Used on: the calculator
        Example: {{ calculator_worked_example() }}
        """
        return render.calculator_worked_example(guide, links())

    @macro
    def template_page(id: str) -> str:
        """A printable template with its download links.

        Used on: template pages
        Example: {{ template_page(id="business-case") }}
        """
        check("template", id)
        return render.template_page(guide, id, links())

    @macro
    def template_list() -> str:
        """Every template, linked, with its summary.

        Used on: templates page
        Example: {{ template_list() }}
        """
        return render.template_list(guide, links())

    @macro
    def self_assessment() -> str:
        """The self-assessment statements, with the containers its script fills.

        Used on: the self-assessment
        Example: {{ self_assessment() }}
        """
        return render.self_assessment(guide, links())

    @macro
    def overdue_reviews() -> str:
        """Pages whose next review date has passed, oldest first.

        Used on: maintainers page
        Example: {{ overdue_reviews() }}
        """
        return render.overdue_reviews(guide, build_date, links())

    @macro
    def upcoming_reviews(days: int = 90) -> str:
        """Pages due for review in the next ``days`` days.

        Used on: maintainers page
        Example: {{ upcoming_reviews(days=60) }}
        """
        return render.upcoming_reviews(guide, build_date, links(), days=days)

    @macro
    def changelog() -> str:
        """Every release, newest first, from guidance_data/changelog.yml.

        Used on: What's changed page
        Example: {{ changelog() }}
        """
        return render.changelog(guide)

    @macro
    def open_data_files() -> str:
        """A table of the published JSON files and their schemas.

        Used on: open data page
        Example: {{ open_data_files() }}
        """
        return render.open_data_files(guide, links())

    @macro
    def release_version() -> str:
        """The current release number, such as 0.1.0.

        Used on: open data page
        Example: {{ release_version() }}
        """
        return render.plain(env.conf["extra"]["mbct"]["version"])

    @macro
    def explorer() -> str:
        """Every action, compact, with the filter form the explorer script drives.

        Used on: the explorer
        Example: {{ explorer() }}
        """
        return render.explorer(guide, links())

    @macro
    def references() -> str:
        """Every source, with an anchor for each.

        Used on: references page
        Example: {{ references() }}
        """
        return render.references(guide, links())

    @macro
    def glossary() -> str:
        """Every glossary term, with an anchor for each.

        Used on: glossary page
        Example: {{ glossary() }}
        """
        return render.glossary(guide, links())


def write_timings(env: Any) -> None:
    """For the benchmark: the time spent in our code, written where MBCT_TIMINGS points."""
    if os.environ.get("MBCT_TIMINGS"):
        Path(os.environ["MBCT_TIMINGS"]).write_text(json.dumps(TIMINGS), encoding="utf-8")


# --- the macros reference (docs/maintainers/macros.md), generated from the macros themselves ------


class _Recorder:
    """Stands in for mkdocs-macros' env, to list the macros outside a page build."""

    def __init__(self, project_dir: Path, docs_dir: Path, extra: dict[str, Any]):
        self.project_dir = str(project_dir)
        self.conf = {"docs_dir": str(docs_dir), "extra": dict(extra), "nav": []}
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Callable[..., str]] = {}

    def macro(self, function: Callable[..., str], name: str | None = None) -> None:
        self.macros[name or function.__name__] = function


def registered_macros(project_dir: Path, docs_dir: Path, extra: dict[str, Any]) -> dict[str, Callable[..., str]]:
    """Every macro editors can call, by name, in the order they are registered.

    ``extra`` is mkdocs.yml's extra section (register reads the contact from it)."""
    recorder = _Recorder(project_dir, docs_dir, extra)
    register(recorder, report=False)
    return recorder.macros


def _arguments(signature: inspect.Signature) -> str:
    parts = []
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            parts.append(f"*{parameter.name}")
        elif parameter.default is parameter.empty:
            parts.append(parameter.name)
        else:
            parts.append(f"{parameter.name}={parameter.default!r}")
    return f"`{', '.join(parts)}`" if parts else "none"


def macro_reference(macros: dict[str, Callable[..., str]]) -> str:
    """Markdown for the macros reference: each macro's summary, arguments, where it is used and
    an example, all read from its signature and docstring (so they cannot drift apart)."""
    sections = []
    for name, function in macros.items():
        doc = inspect.getdoc(function) or ""
        fields = dict(re.findall(r"^(Used on|Example): (.+)$", doc, re.M))
        summary = re.split(r"\n\s*\n", doc)[0].replace("\n", " ")
        if "Example" not in fields or "Used on" not in fields:
            raise MacroUsageError(f"the macro {name} needs 'Used on:' and 'Example:' lines in its docstring")
        sections.append(
            "\n".join(
                [
                    f"### `{name}` {{: #{name.replace('_', '-')} }}",
                    "",
                    summary,
                    "",
                    f"- **Arguments:** {_arguments(inspect.signature(function))}",
                    f"- **Used on:** {fields['Used on']}",
                    f"- **Example:** `{fields['Example']}`",
                    "",
                ]
            )
        )
    return "\n".join(sections)
