"""Writes guidance_data/README.md: a field table per record type and a blank template.

The tables are generated from the models, so they cannot drift from what the loader
accepts. The meaning and "shown where" of each field are written once, in models.py
(``described``); a test fails when a model field has neither.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from . import models as m
from .loader import COLLECTIONS, Collection

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


def field_notes(model: type[BaseModel], name: str) -> tuple[str, str]:
    """A field's meaning and where it is shown, as written once in models.py (``described``)."""
    field = model.model_fields[name]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return field.description or "", str(extra.get("shown", ""))


def field_table(model: type[BaseModel]) -> str:
    rows = [
        "| key | meaning | required | type | allowed values | shown where |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, field in model.model_fields.items():
        meaning, shown = field_notes(model, name)
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
`python -m mbct_guide fieldref`; a test fails if it is out of date. Edit a field's meaning
in `mbct_guide/models.py`, not this file.*

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
  Other links must start with `https:`, `http:`, `mailto:` or `tel:`; images must be files
  on this site. Anything else (such as `javascript:` or an image from another site) is refused.
- **Dates** are written YYYY-MM-DD, such as `2026-03-31`, and must be real dates.
- **Anchors and aliases** (`&name`, `*name`) and tags (`!!str`) are not used: write each value out.
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


# Every model with fields to document, for the test that each field has its notes.
ALL_MODELS = [c.model for c in COLLECTIONS] + [m.SubElement, m.StoryChapter, m.TemplateSection]
