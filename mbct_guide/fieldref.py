"""Writes guidance_data/README.md: a field table per record type and a blank template.

The tables are generated from the models, so they cannot drift from what the loader
accepts; the meaning and "shown where" of each field are written here, and a test fails
when a model field has no entry.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from . import models as m
from .loader import COLLECTIONS, Collection

# (meaning, shown where) for every field of every record type.
NOTES: dict[str, dict[str, tuple[str, str]]] = {
    "Stage": {
        "id": ("Fixed stage id", "URL /journey/<id>/"),
        "title": ("Name used on this site", "headings, cards, filters"),
        "study_name": ("What the ASPIRE guidance calls the stage", "about pages"),
        "summary": ("One or two sentences on the stage", "stage page lead, home page card"),
        "looks_like": ("What a service at this stage looks like", "stage page"),
        "ready_for_next": ("Signs that you are ready for the next stage", "stage page"),
    },
    "Theme": {
        "id": ("Fixed theme id", "URL /themes/<id>/"),
        "title": ("Name used on this site", "headings, tables, filters"),
        "study_name": ("What the ASPIRE guidance calls the characteristic", "theme page"),
        "summary": ("One sentence on the theme", "theme page, stage pages, lists"),
    },
    "Role": {
        "id": ("Fixed role id", "URL /roles/<id>/"),
        "title": ("Name of the role", "cards, action cards, filters"),
        "plural": ("Plural, used in headings such as 'For commissioners'", "role page title"),
        "who": ("Who the role covers, in one sentence", "role page, home page card"),
        "what_matters": ("What matters to people in this role", "role page"),
    },
    "SubElement": {
        "id": ("Sub-element id, starting with its element's id", "/framework/#<id>, action tags"),
        "title": ("Name", "framework page, action cards"),
        "summary": ("One sentence", "framework page"),
    },
    "FrameworkElement": {
        "id": ("evidence, context or facilitation", "/framework/#<id>"),
        "title": ("Name", "framework page, explorer filter"),
        "summary": ("What the element means in PARIHS", "framework page"),
        "in_mbct": ("What it meant for MBCT in the study", "framework page"),
        "sub_elements": ("Its sub-elements (see SubElement)", "framework page"),
        "sources": ("Source ids", "framework page citations"),
    },
    "FrameworkConcept": {
        "id": ("Id, for example ef-implementers", "/framework/#<id>"),
        "group": ("i-parihs or explanatory", "which section of the framework page"),
        "title": ("Name", "framework page"),
        "summary": ("What it means", "framework page"),
        "actions": ("Action ids that apply it", "framework page"),
        "sources": ("Source ids", "framework page citations"),
    },
    "Action": {
        "id": ("Stable id; also the file name and the anchor #<id>", "URLs, links"),
        "title": ("What to do, starting with a verb", "headings, tables, explorer"),
        "summary": ("One or two sentences", "every card"),
        "detail": ("What to do, who does it, how you will know it works", "stage page"),
        "stage": ("Stage id", "which stage page it lives on"),
        "theme": ("Theme id", "which theme it sits under"),
        "lead_role": ("Role id of who leads", "card, role pages"),
        "roles": ("Role ids of others involved (not the lead)", "card, role pages"),
        "elements": ("PARIHS element or sub-element ids", "card, framework page, explorer"),
        "sources": ("Source ids (at least one)", "card, references"),
        "order": ("Position within its stage and theme (1-99, lower first)", "order of cards"),
        "key_activity": ("One of the three starting-out key activities", "card label"),
        "pivot_points": ("Pivot point ids this helps with", "card"),
        "tools": ("Tools that help: explorer, self-assessment, calculator, templates", "card"),
        "templates": ("Template ids that support it", "card, template pages"),
        "signs_of_progress": ("How you will know it is working", "stage page"),
    },
    "PivotPoint": {
        "id": ("Stable id; also the file name and the anchor", "/pivot-points/#<id>"),
        "title": ("Name of the event", "pivot points page, lists"),
        "kind": ("challenge, opportunity or either", "label"),
        "summary": ("One sentence", "lists on stage and role pages"),
        "description": ("What happens and why it matters", "pivot points page"),
        "early_signs": ("Signs it is coming", "pivot points page"),
        "what_helps": ("Action ids that help", "pivot points page"),
        "stages": ("Stage ids where it is typical", "stage pages"),
        "roles": ("Role ids most affected", "role pages"),
        "sources": ("Source ids", "citations"),
    },
    "StoryChapter": {
        "stage": ("Stage id of this part of the story", "chapter label, stage pages"),
        "heading": ("Chapter heading", "story page"),
        "text": ("What happened", "story page"),
        "pivot_points": ("Pivot point ids met here", "story page"),
        "actions": ("Action ids this part shows", "story page"),
    },
    "Story": {
        "id": ("Stable id; also the file name", "URL /stories/<id>/"),
        "title": ("Story title", "story page, lists"),
        "setting": ("The kind of service, in one sentence", "story page"),
        "summary": ("One or two sentences", "lists"),
        "chapters": ("Two or more chapters (see StoryChapter)", "story page"),
        "lessons": ("What others can learn", "story page"),
        "sources": ("Source ids for the patterns it shows", "story page"),
    },
    "Source": {
        "id": ("Stable id used to cite it", "/about/references/#<id>"),
        "type": ("Kind of source", "open data"),
        "citation": ("Full reference", "references page"),
        "short": ("Short label for citations", "in-text citations"),
        "year": ("Year of publication, if known", "in-text citations"),
        "url": ("Web address", "references page"),
        "note": ("Anything readers should know", "references page"),
    },
    "GlossaryTerm": {
        "id": ("Stable id", "/about/glossary/#<id>"),
        "term": ("The term", "glossary"),
        "abbreviation": ("Its abbreviation, if any", "glossary"),
        "definition": ("Plain-English meaning", "glossary"),
        "sources": ("Source ids", "glossary citations"),
    },
    "AssessmentStatement": {
        "id": ("Stable id; saved answers use it", "self-assessment"),
        "theme": ("Theme id", "which group it is in"),
        "stage": ("Stage id it marks", "scoring"),
        "text": ("The statement to answer", "self-assessment"),
        "help": ("A sentence of explanation", "self-assessment"),
        "actions": ("Action ids that help put it in place", "action plan"),
    },
    "CalculatorInput": {
        "id": ("Input name; also the URL query parameter", "calculator"),
        "label": ("Field label", "calculator"),
        "default": ("Default value", "calculator, worked example"),
        "minimum": ("Lowest allowed value", "calculator checks"),
        "maximum": ("Highest allowed value", "calculator checks"),
        "step": ("Step for the number field", "calculator"),
        "unit": ("Unit, such as hours or pounds", "calculator"),
        "help": ("Hint under the field", "calculator"),
        "source": ("Source id for the default", "calculator"),
        "basis": ("Where the default comes from", "calculator"),
    },
    "UrgentHelp": {
        "id": ("Stable id", "urgent help page"),
        "name": ("Who to contact", "urgent help page, help box on public pages"),
        "number": ("The number as people read it, such as 116 123", "urgent help page, help box"),
        "tel": ("The same number as digits only; must match number", "the tappable tel: link"),
        "where": ("The UK nations where it applies", "urgent help page, help box"),
        "when": ("When to use it, in one or two short sentences", "urgent help page, help box"),
        "notes": ("More detail", "urgent help page"),
        "sources": ("Source ids (at least one); check the number against them", "citations"),
    },
    "TemplateSection": {
        "heading": ("Section heading", "template page"),
        "guidance": ("What to write here", "template page"),
        "prompts": ("Questions to answer", "template page"),
        "table": ("Column headings of a table to fill in", "template page"),
        "rows": ("Number of blank rows in the table", "template page"),
        "checklist": ("Items to tick", "template page"),
    },
    "Template": {
        "id": ("Stable id; also the file name", "URL /tools/templates/<id>/"),
        "title": ("Template name", "template page, lists"),
        "summary": ("One sentence", "lists"),
        "how_to_use": ("How to use it", "template page"),
        "sections": ("Sections (see TemplateSection)", "template page"),
        "sources": ("Source ids", "template page"),
    },
    "PageReview": {
        "page": ("Page path under docs/, such as journey/developing.md", "that page"),
        "last_reviewed": ("Date last reviewed (YYYY-MM-DD)", "foot of the page"),
        "next_review_due": ("Date the next review is due", "foot of the page, maintainers page"),
    },
    "ChangelogEntry": {
        "version": ("Release number, such as 1.2.0", "What's changed page, footer"),
        "date": ("Release date (YYYY-MM-DD)", "What's changed page"),
        "changes": ("What changed, one item each", "What's changed page"),
    },
}

KIND_NOTES = {
    "PlainText": "plain text (shown exactly as typed)",
    "MarkdownText": "Markdown (no raw HTML, no {{ }})",
}


def _kind_from_metadata(metadata: list[Any]) -> tuple[str, str] | None:
    """Our text kinds and ids are marked by their validators and patterns."""
    for item in metadata:
        function = getattr(getattr(item, "func", None), "__name__", "")
        if function == "_no_template_or_html":
            return KIND_NOTES["MarkdownText"], ""
        if function == "_single_line":
            return KIND_NOTES["PlainText"], ""
        pattern = getattr(item, "pattern", None) or ""
        if pattern == m.SLUG_PATTERN:
            return "id", "kebab-case: a-z, 0-9, single hyphens"
        if pattern:
            return "text", f"matching {pattern}"
    return None


def _type_name(annotation: Any, metadata: list[Any] | None = None) -> tuple[str, str]:
    """A readable type and its allowed values."""
    known = _kind_from_metadata(metadata or [])
    if known:
        return known
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _type_name(options[0])
    if origin is list:
        inner, allowed = _type_name(get_args(annotation)[0])
        return f"list of {inner}", allowed
    if origin is Literal:
        return "one of", ", ".join(str(v) for v in get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__, "see its table"
    if origin is typing.Annotated:
        base, *extra = get_args(annotation)
        nested = []
        for item in extra:
            nested += list(getattr(item, "metadata", []) or [item])
        return _type_name(base, nested)
    names = {str: "text", int: "whole number", float: "number", bool: "true or false"}
    name = names.get(annotation, getattr(annotation, "__name__", str(annotation)))
    if name == "HttpUrl":
        return "web address", "http:// or https://"
    if name == "date":
        return "date", "YYYY-MM-DD"
    return name, ""


def field_table(model: type[BaseModel]) -> str:
    notes = NOTES[model.__name__]
    rows = [
        "| key | meaning | required | type | allowed values | shown where |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, field in model.model_fields.items():
        meaning, shown = notes[name]
        kind, allowed = _type_name(field.annotation, field.metadata)
        required = "yes" if field.is_required() else "no"
        rows.append(f"| `{name}` | {meaning} | {required} | {kind} | {allowed} | {shown} |")
    return "\n".join(rows)


def _blank(model: type[BaseModel], indent: str = "") -> list[str]:
    lines = []
    for name, field in model.model_fields.items():
        if not field.is_required() and name not in {"roles", "sources", "help", "signs_of_progress"}:
            continue
        annotation = field.annotation
        if get_origin(annotation) is list:
            inner = get_args(annotation)[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                lines.append(f"{indent}{name}:")
                sub = _blank(inner, indent + "    ")
                lines.append(f"{indent}  - {sub[0].strip()}")
                lines += [
                    f"{indent}  {line[len(indent) + 2 :]}" if line.startswith(indent + "  ") else line
                    for line in sub[1:]
                ]
                continue
            lines.append(f"{indent}{name}: []")
        else:
            lines.append(f"{indent}{name}: ")
    return lines


def blank_template(collection: Collection) -> str:
    body = _blank(collection.model)
    schema = (
        f"../schemas/{collection.name}.schema.json"
        if collection.one_per_file
        else f"schemas/{collection.name}.schema.json"
    )
    header = f"# yaml-language-server: $schema={schema}"
    if collection.one_per_file:
        return "\n".join([header, *body])
    return "\n".join([header, f"- {body[0]}", *[f"  {line}" for line in body[1:]]])


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found = []
    for field in model.model_fields.values():
        for arg in get_args(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found.append(arg)
    return found


INTRO = """# The guidance data

Everything on the site comes from the YAML files in this folder. The build checks every
file against the rules below and stops with a list of **every** problem (file, line,
record, field and rule) if anything is wrong, so you cannot publish a broken page.
Check on your own with `make check`.

*This file is generated from the models in `mbct_guide/models.py` by
`python -m mbct_guide fieldref`; a test fails if it is out of date. Edit the notes in
`mbct_guide/fieldref.py`, not this file.*

## How the files are organised

| file or folder | holds | one record per file? |
| --- | --- | --- |
{files}

Files in a folder hold one record each, named after its id (`actions/find-a-buddy.yml`
holds the action `find-a-buddy`). The others hold a list of records, each starting `- `.

## Kinds of text

- **Plain text** is shown exactly as typed. Characters such as `*`, `|`, `<` or `{{` appear
  literally; they never change the page.
- **Markdown** (action `detail`, pivot point `description`, story chapter `text`) can use
  paragraphs, bullet lists, `**bold**` and links. It cannot contain raw HTML or `{{ }}`.
  Link to other guidance with short links, which the build checks and turns into real links:
  `[text](action:<id>)`, `[text](pivot-point:<id>)`, `[text](story:<id>)`,
  `[text](template:<id>)`, `[text](source:<id>)`, `[text](stage:<id>)`,
  `[text](theme:<id>)`, `[text](role:<id>)` and `[text](page:about-mbct.md)`.
- **Ids** are lower-case words joined by hyphens, such as `find-a-buddy`. Once published,
  an id never changes: links in emails and papers depend on it.

## Editor support

Each file starts with a `# yaml-language-server: $schema=...` line. Editors with the YAML
extension (VS Code and others) then complete field names and underline mistakes as you type,
using the JSON Schemas in `schemas/`.
"""


def readme_text() -> str:
    files = "\n".join(
        f"| `{c.path}{'/' if c.one_per_file else ''}` | {c.noun} records | {'yes' if c.one_per_file else 'no'} |"
        for c in COLLECTIONS
    )
    parts = [INTRO.replace("{files}", files), "## Fields and templates\n"]
    for collection in COLLECTIONS:
        model = collection.model
        parts += [f"### {collection.noun.capitalize()} (`{collection.path}`)\n", field_table(model), ""]
        for nested in nested_models(model):
            parts += [f"Each item of `{nested.__name__}`:\n", field_table(nested), ""]
        parts += ["A blank record to copy:\n", "```yaml", blank_template(collection), "```", ""]
    return "\n".join(parts)


def write_readme(path: Path) -> Path:
    path.write_text(readme_text(), encoding="utf-8")
    return path


# Imported for its side effect of listing every model; keeps NOTES honest in the test.
ALL_MODELS = [c.model for c in COLLECTIONS] + [m.SubElement, m.StoryChapter, m.TemplateSection]
