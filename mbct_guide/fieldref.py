"""Writes guidance_data/README.md: a field table per record type and a blank template.

The tables are generated from the models, so they cannot drift from what the loader
accepts. The meaning and "shown where" of each field are written once, in models.py
(``described``); a test fails when a model field has neither.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from . import models as m
from .collection import COLLECTIONS, Collection

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
    if origin is dict:
        key, value = get_args(annotation)
        value_name, allowed = _type_name(value)
        keys = ", ".join(str(k) for k in get_args(key))
        return f"for each key ({keys}): {value_name}", allowed
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
        return "web address", "https://; http:// only with http_only"
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


# Optional fields the blank still shows, as empty lists, because most records fill them.
SHOWN_WHEN_OPTIONAL = {"roles", "sources", "signs_of_progress", "first_actions"}

# The two ways to write text over several lines, with when to use each: shown above every
# blank that uses them, and in the "Kinds of text" section below.
FOLDED = "# >- (long plain text): write the text on the lines below, indented 2 spaces; they are joined into one."
LITERAL = (
    "# |  (Markdown): write the text on the lines below, indented 2 spaces; line breaks are kept, "
    "and a blank line starts a new paragraph."
)
PLACEHOLDERS = (
    "# Replace every <...>, brackets included. Lines starting with # are notes: delete them if you like, "
    "except a first line that starts '# yaml-language-server'."
)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Optional and Annotated, with the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            base, *extra = get_args(annotation)
            for item in extra:
                metadata += list(getattr(item, "metadata", []) or [item])
            annotation = base
        else:
            return annotation, metadata


def _validators(metadata: list[Any]) -> set[str]:
    return {getattr(getattr(item, "func", None), "__name__", "") for item in metadata}


def _is_short(metadata: list[Any]) -> bool:
    return any((getattr(item, "max_length", None) or 10_000) <= 120 for item in metadata)


def _hint(text: str) -> str:
    """A placeholder: the field's meaning in angle brackets, written so that YAML reads it as
    plain text wherever it stands (no ': ', no ' #', no brackets inside)."""
    text = text.replace("<", "").replace(">", "").replace(": ", " - ").replace(" #", " ").strip().rstrip(".")
    return f"<{text}>"


# What one item of a list of ids is, for the placeholders inside [ ]: short, and with no comma.
ITEM_NOUNS = {
    "sources": "source id",
    "actions": "action id",
    "what_helps": "action id",
    "first_actions": "action id",
    "pivot_points": "pivot point id",
    "templates": "template id",
    "elements": "framework element id",
    "roles": "role id",
    "stages": "stage id",
    "where": "england or scotland or wales or northern-ireland",
}


def _placeholder(name: str, annotation: Any, meaning: str, one_per_file: bool) -> str:
    """The placeholder for one value of a field."""
    if name == "id" and one_per_file:
        return _hint("the id, the same as the file name, such as find-a-buddy")
    if get_origin(annotation) is Literal:
        values = [str(v) for v in get_args(annotation)]
        if len(values) <= 4:
            return _hint(" or ".join(values))
        return _hint(f"{meaning}, from the allowed values above")
    if annotation is dt.date:
        return _hint("YYYY-MM-DD")
    if annotation in (int, float):
        return _hint(f"{meaning}, a number")
    return _hint(meaning)


def _blank(model: type[BaseModel], indent: str = "", one_per_file: bool = True) -> list[str]:
    """The lines of a blank record: every required field, with a placeholder to replace."""
    lines: list[str] = []
    for name, field in model.model_fields.items():
        if not field.is_required() and name not in SHOWN_WHEN_OPTIONAL:
            continue
        annotation, metadata = _unwrap(field.annotation)
        metadata = [*metadata, *field.metadata]
        meaning = field.description or name
        if get_origin(annotation) is dict:  # a list of ids for each key, such as first_actions by stage
            value = _hint(ITEM_NOUNS.get(name, "id"))
            lines.append(f"{indent}{name}:")
            lines += [f"{indent}  {key}: [{', '.join([value] * 3)}]" for key in get_args(get_args(annotation)[0])]
            continue
        if get_origin(annotation) is list:
            inner, inner_metadata = _unwrap(get_args(annotation)[0])
            count = max([1, *(getattr(item, "min_length", None) or 0 for item in metadata)])
            if not field.is_required():
                lines.append(f"{indent}{name}: []")
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                lines.append(f"{indent}{name}:")
                for _ in range(count):
                    sub = _blank(inner, indent + "    ", one_per_file)
                    lines.append(f"{indent}  - {sub[0].strip()}")
                    lines += sub[1:]
            elif "_single_line" in _validators(inner_metadata) and not _is_short(inner_metadata):
                lines.append(f"{indent}{name}:")
                lines += [f"{indent}  - {_hint(meaning)}"] * count
            else:
                value = _hint(ITEM_NOUNS[name]) if name in ITEM_NOUNS else _placeholder(name, inner, "id", False)
                lines.append(f"{indent}{name}: [{', '.join([value] * count)}]")
            continue
        kinds = _validators(metadata)
        if "_no_template_or_html" in kinds:
            lines += [f"{indent}{name}: |", f"{indent}  {_hint(meaning)}"]
        elif "_single_line" in kinds and not _is_short(metadata):
            lines += [f"{indent}{name}: >-", f"{indent}  {_hint(meaning)}"]
        else:
            lines.append(f"{indent}{name}: {_placeholder(name, annotation, meaning, one_per_file)}")
    return lines


def blank_template(collection: Collection) -> str:
    body = _blank(collection.model, one_per_file=collection.one_per_file)
    schema = (
        f"../schemas/{collection.name}.schema.json"
        if collection.one_per_file
        else f"schemas/{collection.name}.schema.json"
    )
    header = [f"# yaml-language-server: $schema={schema}"]
    notes = [PLACEHOLDERS]
    if any(line.endswith(": >-") for line in body):
        notes.append(FOLDED)
    if any(line.endswith(": |") for line in body):
        notes.append(LITERAL)
    if collection.one_per_file:
        return "\n".join([*header, *notes, *body])
    # A list file: the record is one more item at the end of the file.
    return "\n".join([*notes, f"- {body[0]}", *[f"  {line}" for line in body[1:]]])


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
  Links must say where they go: `tel:` only to a number in `urgent_help.yml`, with the same
  number in the link's words (better, leave phone numbers to the `urgent_help` macro);
  `mailto:` to one address, with at most `?subject=`; no web address with a name before `@`.
  A field can have at most 100 `[` and lists or quotes nested at most 10 deep.
- **Every text field** holds at most 10,000 characters and no invisible characters: control
  characters other than tab and line break, zero-width characters (U+200B to U+200F), the
  bidi controls (U+202A to U+202E, U+2066 to U+2069) and U+FEFF. The check names each by its
  code point. They usually come from copying a web page or a PDF: retype the words around them.
- **Text over several lines** starts on the line after its key, indented 2 spaces, with a
  sign after the colon that says how the lines are read:
  - `>-` for long **plain text**: the lines are joined into one paragraph, so break them
    wherever you like (`summary: >-`);
  - `|` for **Markdown**: the line breaks are kept, and a blank line starts a new paragraph
    (`detail: |`).

  The blank records below show which fields take which.
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
