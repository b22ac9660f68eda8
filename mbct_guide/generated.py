"""Pages and files generated from the data at build time (hooks.py adds them to MkDocs).

A maintainer adds a story by adding one YAML file: its page, its menu entry and its print
links follow from the data, with no stub page to copy. Each generated page is Markdown
that calls the same macros a hand-written page would, so it is rendered, searched and
link-checked like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from . import models as m
from .guide import Guide
from .routes import source_file
from .text import plain


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # the docs/ path it stands in for, such as stories/rural-area.md
    content: str
    in_search: bool = True


# What the theme's HTML and mkdocs-macros could read as markup or a template.
_META_ESCAPES = {ord(character): f"&#{ord(character)};" for character in '&<>"{}'}


def _meta_text(text: str) -> str:
    return text.translate(_META_ESCAPES)


def _front_matter(
    title: str, description: str, *, edit: str, in_search: bool = True, tags: tuple[str, ...] = ()
) -> str:
    """``edit`` is the data file behind the page, for its "Edit this page" link.

    The theme writes a page's title and description into the HTML as they are, and
    mkdocs-macros runs a title with braces as a template, so text from the data is escaped
    here (as character references, which browsers show as the characters typed). Only the
    characters that matter there: a colon or an apostrophe stays as typed, so the title reads
    the same in the "Report a problem" link, which sends it as it is."""
    # JSON strings are valid YAML, so any title or description is quoted safely.
    lines = ["---", f"title: {json.dumps(_meta_text(title), ensure_ascii=False)}"]
    lines.append(f"description: {json.dumps(_meta_text(description), ensure_ascii=False)}")
    lines.append(f"edit_path: {edit}")
    if tags:  # site search lists them with the page and ranks a page first for its tags
        lines.append(f"tags: {json.dumps(list(tags), ensure_ascii=False)}")
    if not in_search:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", ""])


def _heading(text: str) -> str:
    return f"# {plain(text)}"


def _record_page(
    kind: str,
    record_id: str,
    folder: str,
    title: str,
    description: str,
    macro: str,
    *,
    hub: bool = True,
    tags: tuple[str, ...] = (),
) -> GeneratedPage:
    """A page for one record: its title, the section's contents list (``hub``) and the one
    macro call that renders the record, made from guidance_data/<folder>/<id>.yml."""
    data_file = f"guidance_data/{folder}/{record_id}.yml"
    lines = [_front_matter(title, description, edit=data_file, tags=tags), _heading(title), ""]
    if hub:
        lines += ["{{ hub_contents() }}", ""]
    lines += [
        f"<!-- Generated from {data_file} (mbct_guide/generated.py) -->",
        f'{{{{ {macro}(id="{record_id}") }}}}',
        "",
    ]
    return GeneratedPage(source_file(kind, record_id), "\n".join(lines))


def story_pages(guide: Guide) -> Iterator[GeneratedPage]:
    for story in guide.stories:
        description = f"An illustrative story: {story.summary}"
        yield _record_page("story", story.id, "stories", story.title, description, "story")


def template_pages(guide: Guide) -> Iterator[GeneratedPage]:
    """A page per template at /tools/templates/<id>/, with its Word and Markdown downloads."""
    for template in guide.templates:
        title = f"Template: {template.title[:1].lower()}{template.title[1:]}"
        yield _record_page("template", template.id, "templates", title, template.summary, "template_page")


def action_pages(guide: Guide) -> Iterator[GeneratedPage]:
    """A page per action at /actions/<id>/, so one action can be shared, previewed and found."""
    for action in guide.actions:
        topics = tuple(plain(guide.topic(t).title) for t in action.topics)
        yield _record_page(
            "action", action.id, "actions", action.title, action.summary, "action_page", hub=False, tags=topics
        )


# Roles whose page is public-facing: their handout and print pack carry the help box and the
# page's clinical review status too, so a printed copy says what the page says.
PUBLIC_ROLES = tuple(role for role in m.ROLE_IDS if source_file("role", role) in m.PUBLIC_PAGES)
URGENT_HELP = "{{ urgent_help() }}"


def _public_notices(role_id: str) -> str:
    return f'{URGENT_HELP}\n\n{{{{ clinical_status(page_path="{source_file("role", role_id)}") }}}}'


def handout_pages(guide: Guide) -> Iterator[GeneratedPage]:
    """A role's essentials on two A4 pages, at /handouts/<role>/ (kept out of search)."""
    for role in guide.roles:
        title = f"Handout: for {role.plural}"
        yield GeneratedPage(
            source_file("handout", role.id),
            "\n".join(
                [
                    _front_matter(
                        title,
                        f"The essentials of MBCT implementation for {role.plural}, on two pages to print.",
                        edit="guidance_data/roles.yml",
                        in_search=False,
                    ),
                    _heading(title),
                    "",
                    _public_notices(role.id) if role.id in PUBLIC_ROLES else "",
                    "",
                    f'{{{{ handout(role="{role.id}") }}}}',
                    "",
                ]
            ),
            in_search=False,
        )


def _print_pack(
    path: str, title: str, about: str, edit: str, intro: str, call: str, *, notices: str = ""
) -> GeneratedPage:
    """A page that prints every action in full; it repeats other pages, so search skips it."""
    description = f"Everything in the MBCT implementation guidance for {about}, on one page to print or save."
    help_box = [notices, ""] if notices else []
    content = "\n".join(
        [
            _front_matter(title, description, edit=edit, in_search=False),
            _heading(title),
            "",
            intro,
            "",
            *help_box,
            call,
            "",
        ]
    )
    return GeneratedPage(path, content, in_search=False)


def print_pack_pages(guide: Guide) -> Iterator[GeneratedPage]:
    """Every action in full, per role and per stage, to print or save."""
    for role in guide.roles:
        yield _print_pack(
            source_file("role-pack", role.id),
            f"Print pack: for {role.plural}",
            role.plural,
            "guidance_data/roles.yml",
            "This page gathers everything for your role, with every action in full, so you can print it or save "
            f"it as a PDF. The guidance for your role is also on "
            f"{{{{ link_to(kind='role', id='{role.id}', label='your role page') }}}}.",
            f'{{{{ role_pack(role="{role.id}") }}}}',
            notices=_public_notices(role.id) if role.id in PUBLIC_ROLES else "",
        )
    for stage in guide.stages:
        name = stage.title.lower()
        yield _print_pack(
            source_file("stage-pack", stage.id),
            f"Print pack: {name}",
            f"the {name} stage",
            "guidance_data/stages.yml",
            "This page gathers everything for this stage on one page, so you can print it or save it as a PDF. "
            f"The same guidance is on {{{{ link_to(kind='stage', id='{stage.id}', label='the {name} page') }}}}.",
            f'{{{{ stage_pack(stage="{stage.id}") }}}}',
        )


def pages(guide: Guide) -> list[GeneratedPage]:
    return [
        *action_pages(guide),
        *story_pages(guide),
        *template_pages(guide),
        *handout_pages(guide),
        *print_pack_pages(guide),
    ]


def reviewed_with(guide: Guide) -> dict[str, str]:
    """Generated pages that carry the review dates of the page they belong to: an action is
    reviewed with its stage page, a handout with its role page."""
    by_action = {source_file("action", x.id): source_file("stage", x.stage) for x in guide.actions}
    return by_action | {source_file("handout", r.id): source_file("role", r.id) for r in guide.roles}


def belongs_to(guide: Guide) -> dict[str, str]:
    """Generated pages outside the menu, and the page each belongs to (for breadcrumbs): an
    action under its stage, a handout or role pack under its role, a stage pack under its stage."""
    return (
        {source_file("action", x.id): source_file("stage", x.stage) for x in guide.actions}
        | {source_file("handout", r.id): source_file("role", r.id) for r in guide.roles}
        | {source_file("role-pack", r.id): source_file("role", r.id) for r in guide.roles}
        | {source_file("stage-pack", s.id): source_file("stage", s.id) for s in guide.stages}
    )
