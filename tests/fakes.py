"""Fixture data with obviously fake ids, kept apart from the real guidance.

Vocabulary ids (stages, themes, roles, elements) are a closed set, so those are real;
everything else is called fake-something.
"""

from __future__ import annotations

import datetime as dt

from mbct_guide import models as m
from mbct_guide.contact import Contact
from mbct_guide.guide import Guide
from mbct_guide.page_macros import MacroPage
from mbct_guide.routes import TOOL_PAGES, Links, site_files, source_file

HOSTILE = "<script>alert(1)</script> | *x* {{ y }}"


def stage(stage_id: str) -> m.Stage:
    return m.Stage(
        id=stage_id,
        title=f"Fake {stage_id}",
        summary=f"Fake summary of {stage_id}.",
        first_actions=["fake-action-a", "fake-action-a", "fake-action-a"],
        looks_like=["Fake look."],
        ready_for_next=["Fake sign."],
    )


def action(action_id: str, **changes) -> m.Action:
    fields = dict(
        id=action_id,
        title=f"Do the fake thing {action_id}",
        summary="A fake summary.",
        detail="Fake detail with a [fake link](action:fake-action-b).",
        stage="starting-out",
        theme="make-it-fit",
        lead_role="implementer",
        roles=["teacher"],
        elements=["evidence-research"],
        sources=["fake-source"],
    )
    fields.update(changes)
    return m.Action(**fields)


def links(g: Guide, page: str, *, use_directory_urls: bool = True):
    """Links for ``page``, in a site with a page for every route the fake guide needs."""
    paths = {page, "index.md", "pivot-points.md", "about/references.md", "about/glossary.md", "framework.md"}
    paths |= {source_file("stage", s.id) for s in g.stages} | {source_file("role", r.id) for r in g.roles}
    paths |= {source_file("theme", t.id) for t in g.themes} | {source_file("story", s.id) for s in g.stories}
    paths |= {source_file("template", t.id) for t in g.templates} | {source_file("action", a.id) for a in g.actions}
    paths |= {source_file("template-download", f"{t.id}.{ext}") for t in g.templates for ext in ("md", "docx")}
    paths |= {source_file("handout", r.id) for r in g.roles}
    paths |= {source_file("role-pack", r.id) for r in g.roles} | {source_file("stage-pack", s.id) for s in g.stages}
    paths |= {"explorer.md", "tools/self-assessment.md", "tools/calculator.md", "tools/templates/index.md"}
    paths |= {"urgent-help.md", "about-mbct.md", "evidence.md", "journey/across-the-uk.md"}
    paths |= {source_file("explorer-words", "")}
    files = site_files(sorted(paths), use_directory_urls=use_directory_urls)
    for t in g.templates:  # generated in a build; a download link says how big it is
        for ext in ("md", "docx"):
            files.get_file_from_path(source_file("template-download", f"{t.id}.{ext}")).content_bytes = b"fake" * 512
    titles = {page: f"Fake {tool}" for tool, page in TOOL_PAGES.items()}
    return Links(g, files, page, menu_titles=titles)


def guide(*actions: m.Action, **extra) -> Guide:
    """A small Guide built directly, without the loader."""
    records = {
        "stages": [stage(s) for s in m.STAGE_IDS],
        "themes": [m.Theme(id=t, title=f"Fake theme {t}", summary="Fake.") for t in m.THEME_IDS],
        "roles": [
            m.Role(
                id=r,
                title=f"Fake role {r}",
                plural=f"fake {r}s",
                who="Fake.",
                what_matters=["Fake."],
                why_it_matters="Fake.",
                sources=["fake-source"],
                first_actions={s: ["fake-action-a"] for s in m.STAGE_IDS},
            )
            for r in m.ROLE_IDS
        ],
        "framework_elements": [
            m.FrameworkElement(
                id=top,
                title=f"Fake {top}",
                summary="Fake.",
                in_mbct="Fake.",
                sources=["fake-source"],
                sub_elements=[
                    m.SubElement(id=sub, title=f"Fake {sub}", summary="Fake.")
                    for sub in m.ELEMENT_IDS
                    if sub.startswith(f"{top}-")
                ],
            )
            for top in m.TOP_ELEMENT_IDS
        ],
        "framework_concepts": [],
        "sources": [
            m.Source(id="fake-source", type="report", citation="Fake A. A fake report.", short="Fake", year=None)
        ],
        "glossary": [],
        "assessment": [],
        "calculator": [],
        "reviews": [],
        "changelog": [],
        "actions": list(actions) or [action("fake-action-a"), action("fake-action-b", stage="developing")],
        "pivot_points": [],
        "stories": [],
        "templates": [],
    }
    records.update(extra)
    return Guide.from_records(records)


def review(page: str, *, next_review_due, last_reviewed=None) -> m.PageReview:
    """A page review record; last reviewed a year before it falls due unless given."""
    return m.PageReview(
        page=page,
        last_reviewed=last_reviewed or next_review_due - dt.timedelta(days=365),
        next_review_due=next_review_due,
    )


def story(story_id: str, **changes) -> m.Story:
    """A story with two chapters; the first shows fake-action-a."""
    fields = dict(
        id=story_id,
        title=f"Fake story {story_id}",
        short_title="Fake story",
        nation="england",
        setting="A fake service.",
        summary="A fake story summary.",
        chapters=[
            m.StoryChapter(stage="starting-out", heading="Fake start", text="Fake.", actions=["fake-action-a"]),
            m.StoryChapter(stage="developing", heading="Fake middle", text="Fake."),
        ],
        lessons=["Fake lesson."],
        sources=["fake-source"],
    )
    fields.update(changes)
    return m.Story(**fields)


def template(template_id: str, **changes) -> m.Template:
    fields = dict(
        id=template_id,
        title=f"Fake template {template_id}",
        summary="A fake template summary.",
        how_to_use="Fake use.",
        sections=[m.TemplateSection(heading="Fake section", guidance="Fake guidance.")],
    )
    fields.update(changes)
    return m.Template(**fields)


def pivot_point(pivot_id: str, **changes) -> m.PivotPoint:
    fields = dict(
        id=pivot_id,
        title=f"Fake pivot {pivot_id}",
        kind="challenge",
        summary="A fake pivot point.",
        description="Fake.",
        early_signs=["Fake sign."],
        what_helps=["fake-action-a"],
        stages=["starting-out"],
        roles=["manager"],
        sources=["fake-source"],
    )
    fields.update(changes)
    return m.PivotPoint(**fields)


def topic(topic_id: str) -> m.Topic:
    return m.Topic(id=topic_id, title=f"Fake topic {topic_id}", summary="Fake.")


def statement(statement_id: str, theme: str, stage: str, actions: list[str]) -> m.AssessmentStatement:
    return m.AssessmentStatement(
        id=statement_id, theme=theme, stage=stage, text=f"Fake statement {statement_id}.", actions=actions
    )


def macro_page(g: Guide, path: str = "roles/manager.md", *, placeholder: bool = False) -> MacroPage:
    """The page a macro is called on, in a site with every page the fake guide needs."""
    return MacroPage(
        guide=g,
        links=links(g, path),
        path=path,
        today=dt.date(2027, 1, 1),
        contact=Contact("Fake NHS", "fake@example.org", placeholder),
        nav=[],
    )
